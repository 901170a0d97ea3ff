import { Center, Loader } from '@mantine/core';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from './pages/not-found-page';
import { RouteErrorPage } from './pages/route-error-page';
import { RequireAuth } from './require-auth';
import { AppLayout } from './shell/app-layout';

function PageLoader() {
  return (
    <Center h="50vh">
      <Loader />
    </Center>
  );
}

/** Routes; every page is a lazy chunk so the first load stays small. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorPage,
      HydrateFallback: PageLoader,
      children: [
        {
          path: '/login',
          lazy: async () => ({ Component: (await import('./pages/login-page')).LoginPage }),
        },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppLayout />,
              ErrorBoundary: RouteErrorPage,
              children: [
                {
                  index: true,
                  lazy: async () => ({ Component: (await import('./pages/dashboard-page')).DashboardPage }),
                },
                {
                  path: 'users',
                  lazy: async () => ({ Component: (await import('./pages/users-page')).UsersPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/user-detail-drawer')).UserDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'teams',
                  lazy: async () => ({ Component: (await import('./pages/teams-page')).TeamsPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/team-detail-drawer')).TeamDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'api-tokens',
                  lazy: async () => ({ Component: (await import('./pages/api-tokens-page')).ApiTokensPage }),
                },
                {
                  path: 'profile',
                  lazy: async () => ({ Component: (await import('./pages/profile-page')).ProfilePage }),
                },
                {
                  path: 'deals',
                  lazy: async () => ({ Component: (await import('./pages/deals-page')).DealsPage }),
                },
                {
                  path: 'deals/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/deal-detail-page')).DealDetailPage,
                  }),
                },
                {
                  path: 'board',
                  lazy: async () => ({ Component: (await import('./pages/board-page')).BoardPage }),
                },
                {
                  path: 'reports',
                  lazy: async () => ({ Component: (await import('./pages/reports-page')).ReportsPage }),
                },
                {
                  path: 'calendar',
                  lazy: async () => ({ Component: (await import('./pages/calendar-page')).CalendarPage }),
                },
                {
                  path: 'goals',
                  lazy: async () => ({ Component: (await import('./pages/goals-page')).GoalsPage }),
                },
                {
                  path: 'tasks',
                  lazy: async () => ({ Component: (await import('./pages/tasks-page')).TasksPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/task-detail-drawer')).TaskDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'admin/task-types',
                  lazy: async () => ({ Component: (await import('./pages/task-types-page')).TaskTypesPage }),
                },
                {
                  path: 'workload',
                  lazy: async () => ({ Component: (await import('./pages/workload-page')).WorkloadPage }),
                },
                {
                  path: 'admin/mail',
                  lazy: async () => ({
                    Component: (await import('./pages/mail-outbox-page')).MailOutboxPage,
                  }),
                },
                {
                  path: 'admin/pipelines',
                  lazy: async () => ({ Component: (await import('./pages/pipelines-page')).PipelinesPage }),
                },
                {
                  path: 'companies',
                  lazy: async () => ({ Component: (await import('./pages/companies-page')).CompaniesPage }),
                },
                {
                  path: 'companies/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/companies-detail-page')).CompaniesDetailPage,
                  }),
                },
                {
                  path: 'contacts',
                  lazy: async () => ({ Component: (await import('./pages/contacts-page')).ContactsPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/contacts-detail-drawer')).ContactsDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'products',
                  lazy: async () => ({ Component: (await import('./pages/products-page')).ProductsPage }),
                },
                {
                  // `products/new` opens the same editor empty
                  path: 'products/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/product-detail-page')).ProductDetailPage,
                  }),
                },
                {
                  path: 'stock',
                  lazy: async () => ({ Component: (await import('./pages/stock-page')).StockPage }),
                },
                {
                  path: 'purchase-orders',
                  lazy: async () => ({
                    Component: (await import('./pages/purchase-orders-page')).PurchaseOrdersPage,
                  }),
                },
                {
                  path: 'purchase-orders/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/purchase-order-detail-page')).PurchaseOrderDetailPage,
                  }),
                },
                {
                  path: 'replenishment',
                  lazy: async () => ({
                    Component: (await import('./pages/replenishment-page')).ReplenishmentPage,
                  }),
                },
                {
                  path: 'reports/stock',
                  lazy: async () => ({
                    Component: (await import('./pages/stock-report-page')).StockReportPage,
                  }),
                },
                {
                  path: 'admin/inventory',
                  lazy: async () => ({
                    Component: (await import('./pages/inventory-settings-page')).InventorySettingsPage,
                  }),
                },
                {
                  path: 'admin/purchasing',
                  lazy: async () => ({
                    Component: (await import('./pages/purchasing-settings-page')).PurchasingSettingsPage,
                  }),
                },
                {
                  path: 'admin/automation',
                  lazy: async () => ({
                    Component: (await import('./pages/automation-rules-page')).AutomationRulesPage,
                  }),
                },
                {
                  // `admin/automation/rules/new` opens the editor empty
                  path: 'admin/automation/rules/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/automation-rule-page')).AutomationRulePage,
                  }),
                },
                {
                  path: 'admin/automation/failed',
                  lazy: async () => ({
                    Component: (await import('./pages/automation-failed-page')).AutomationFailedPage,
                  }),
                },
                {
                  path: 'admin/webhooks',
                  lazy: async () => ({ Component: (await import('./pages/webhooks-page')).WebhooksPage }),
                },
                {
                  path: 'segments',
                  lazy: async () => ({ Component: (await import('./pages/segments-page')).SegmentsPage }),
                },
                {
                  path: 'reports/receivables',
                  lazy: async () => ({
                    Component: (await import('./pages/receivables-page')).ReceivablesPage,
                  }),
                },
                {
                  path: 'reports/market-coverage',
                  lazy: async () => ({
                    Component: (await import('./pages/market-coverage-page')).MarketCoveragePage,
                  }),
                },
                {
                  path: 'import',
                  lazy: async () => ({ Component: (await import('./pages/import-page')).ImportPage }),
                },
                {
                  path: 'invoices',
                  lazy: async () => ({ Component: (await import('./pages/invoices-page')).InvoicesPage }),
                },
                {
                  path: 'collections',
                  lazy: async () => ({
                    Component: (await import('./pages/collections-page')).CollectionsPage,
                  }),
                },
                {
                  path: 'invoices/new',
                  lazy: async () => ({
                    Component: (await import('./pages/invoice-editor-page')).InvoiceEditorPage,
                  }),
                },
                {
                  path: 'invoices/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/invoice-detail-page')).InvoiceDetailPage,
                  }),
                },
                {
                  path: 'invoices/:id/edit',
                  lazy: async () => ({
                    Component: (await import('./pages/invoice-editor-page')).InvoiceEditorPage,
                  }),
                },
                {
                  // the review queue is a tab of the same page
                  path: 'bank-statements/review?',
                  lazy: async () => ({
                    Component: (await import('./pages/bank-statements-page')).BankStatementsPage,
                  }),
                },
                {
                  path: 'bank-statements/:id',
                  lazy: async () => ({
                    Component: (await import('./pages/bank-statement-detail-page')).BankStatementDetailPage,
                  }),
                },
                {
                  path: 'admin/billing',
                  lazy: async () => ({
                    Component: (await import('./pages/billing-settings-page')).BillingSettingsPage,
                  }),
                },
                { path: '*', Component: NotFoundPage },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
