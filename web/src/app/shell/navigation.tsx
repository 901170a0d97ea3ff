import { NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconAddressBook,
  IconBuildingBank,
  IconBuildingSkyscraper,
  IconBuildingWarehouse,
  IconCalendar,
  IconCash,
  IconChartBar,
  IconChartFunnel,
  IconChartPie,
  IconChecklist,
  IconCoins,
  IconFileImport,
  IconFileInvoice,
  IconGauge,
  IconKey,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconListDetails,
  IconMail,
  IconPackage,
  IconReceiptTax,
  IconRefreshAlert,
  IconReportAnalytics,
  IconReportMoney,
  IconRobot,
  IconShoppingCart,
  IconTarget,
  IconTimeline,
  IconTruckDelivery,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { Permission } from '../../../../contracts/permissions';
import { useCan } from '../../lib/auth';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
  testId: string;
  permission?: Permission;
}

export function Navigation() {
  const { t } = useTranslation();
  const can = useCan();
  const { pathname } = useLocation();

  const main: NavItem[] = [
    { to: '/', label: t('nav.dashboard'), icon: <IconLayoutDashboard size={18} />, testId: 'nav-dashboard' },
  ];
  const salesItems: NavItem[] = [
    {
      to: '/tasks',
      label: t('tasks:nav'),
      icon: <IconChecklist size={18} />,
      testId: 'nav-tasks',
      permission: 'tasks.read',
    },
    {
      to: '/calendar',
      label: t('calendar:nav.calendar'),
      icon: <IconCalendar size={18} />,
      testId: 'nav-calendar',
      permission: 'tasks.read',
    },
    {
      to: '/companies',
      label: t('companies:nav.companies'),
      icon: <IconBuildingSkyscraper size={18} />,
      testId: 'nav-companies',
      permission: 'companies.read',
    },
    {
      to: '/contacts',
      label: t('companies:nav.contacts'),
      icon: <IconAddressBook size={18} />,
      testId: 'nav-contacts',
      permission: 'companies.read',
    },
    {
      to: '/deals',
      label: t('sales:nav.deals'),
      icon: <IconReportMoney size={18} />,
      testId: 'nav-deals',
      permission: 'deals.read',
    },
    {
      to: '/board',
      label: t('sales:nav.board'),
      icon: <IconLayoutKanban size={18} />,
      testId: 'nav-board',
      permission: 'deals.read',
    },
    {
      to: '/products',
      label: t('catalog:nav'),
      icon: <IconPackage size={18} />,
      testId: 'nav-products',
      permission: 'products.read',
    },
    {
      to: '/invoices',
      label: t('billing:nav.invoices'),
      icon: <IconFileInvoice size={18} />,
      testId: 'nav-invoices',
      permission: 'invoices.read',
    },
    {
      to: '/collections',
      label: t('billing:nav.collections'),
      icon: <IconCash size={18} />,
      testId: 'nav-collections',
      permission: 'invoices.read',
    },
    {
      to: '/bank-statements',
      label: t('billing:nav.bankStatements'),
      icon: <IconBuildingBank size={18} />,
      testId: 'nav-bank-statements',
      permission: 'payments.write',
    },
    {
      to: '/reports',
      label: t('sales:nav.reports'),
      icon: <IconChartFunnel size={18} />,
      testId: 'nav-reports',
      permission: 'salesReports.read',
    },
    {
      to: '/reports/receivables',
      label: t('receivables:nav'),
      icon: <IconCoins size={18} />,
      testId: 'nav-receivables',
      permission: 'reports.receivables',
    },
    {
      to: '/goals',
      label: t('goals:nav.goals'),
      icon: <IconTarget size={18} />,
      testId: 'nav-goals',
      permission: 'goals.read',
    },
    {
      to: '/workload',
      label: t('workload:nav'),
      icon: <IconGauge size={18} />,
      testId: 'nav-workload',
      permission: 'reports.workload',
    },
    {
      to: '/import',
      label: t('imports:nav.import'),
      icon: <IconFileImport size={18} />,
      testId: 'nav-import',
      permission: 'companies.write',
    },
  ];
  const sales = salesItems.filter((item) => !item.permission || can(item.permission));
  const marketItems: NavItem[] = [
    {
      to: '/segments',
      label: t('segments:nav.segments'),
      icon: <IconChartPie size={18} />,
      testId: 'nav-segments',
      permission: 'segments.read',
    },
    {
      to: '/reports/market-coverage',
      label: t('segments:nav.marketCoverage'),
      icon: <IconChartBar size={18} />,
      testId: 'nav-market-coverage',
      permission: 'reports.marketCoverage',
    },
  ];
  const stockItems: NavItem[] = [
    {
      to: '/stock',
      label: t('inventory:nav'),
      icon: <IconBuildingWarehouse size={18} />,
      testId: 'nav-stock',
      permission: 'stock.read',
    },
    {
      to: '/purchase-orders',
      label: t('purchasing:nav'),
      icon: <IconShoppingCart size={18} />,
      testId: 'nav-purchase-orders',
      permission: 'purchaseOrders.read',
    },
    {
      to: '/replenishment',
      label: t('purchasing:replenishmentNav'),
      icon: <IconRefreshAlert size={18} />,
      testId: 'nav-replenishment',
      permission: 'purchaseOrders.read',
    },
    {
      to: '/reports/stock',
      label: t('inventory:reportNav'),
      icon: <IconReportAnalytics size={18} />,
      testId: 'nav-stock-report',
      permission: 'reports.stock',
    },
  ];
  const stock = stockItems.filter((item) => !item.permission || can(item.permission));
  const market = marketItems.filter((item) => !item.permission || can(item.permission));
  const adminItems: NavItem[] = [
    {
      to: '/users',
      label: t('nav.users'),
      icon: <IconUsers size={18} />,
      testId: 'nav-users',
      permission: 'users.manage',
    },
    {
      to: '/teams',
      label: t('nav.teams'),
      icon: <IconUsersGroup size={18} />,
      testId: 'nav-teams',
      permission: 'teams.manage',
    },
    {
      to: '/api-tokens',
      label: t('nav.apiTokens'),
      icon: <IconKey size={18} />,
      testId: 'nav-tokens',
      permission: 'apiTokens.manage',
    },
    {
      to: '/admin/pipelines',
      label: t('sales:nav.pipelines'),
      icon: <IconTimeline size={18} />,
      testId: 'nav-pipelines',
      permission: 'pipelines.manage',
    },
    {
      to: '/admin/task-types',
      label: t('tasks:types.nav'),
      icon: <IconListDetails size={18} />,
      testId: 'nav-task-types',
      permission: 'taskTypes.manage',
    },
    {
      to: '/admin/billing',
      label: t('billing:nav.settings'),
      icon: <IconReceiptTax size={18} />,
      testId: 'nav-billing-settings',
      permission: 'billing.settings',
    },
    {
      to: '/admin/inventory',
      label: t('inventory:settingsNav'),
      icon: <IconTruckDelivery size={18} />,
      testId: 'nav-inventory-settings',
      permission: 'inventory.settings',
    },
    {
      to: '/admin/purchasing',
      label: t('purchasing:settingsNav'),
      icon: <IconShoppingCart size={18} />,
      testId: 'nav-purchasing-settings',
      permission: 'purchasing.settings',
    },
    {
      to: '/admin/automation',
      label: t('automation:nav'),
      icon: <IconRobot size={18} />,
      testId: 'nav-automation',
      permission: 'automation.read',
    },
    {
      to: '/admin/webhooks',
      label: t('webhooks:nav'),
      icon: <IconWebhook size={18} />,
      testId: 'nav-webhooks',
      permission: 'webhooks.manage',
    },
    {
      to: '/admin/mail',
      label: t('notifications:mailOutbox.nav'),
      icon: <IconMail size={18} />,
      testId: 'nav-mail-outbox',
      permission: 'system.manage',
    },
  ];
  const admin = adminItems.filter((item) => !item.permission || can(item.permission));

  const matches = (to: string) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
  // the most specific item wins (/reports/market-coverage is not also /reports)
  const allItems = [...main, ...sales, ...stock, ...market, ...admin];
  const isActive = (to: string) =>
    matches(to) && !allItems.some((item) => item.to.length > to.length && matches(item.to));
  const render = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      label={item.label}
      leftSection={item.icon}
      active={isActive(item.to)}
      data-testid={item.testId}
      aria-current={isActive(item.to) ? 'page' : undefined}
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );

  return (
    <ScrollArea type="never">
      <Stack gap={2} component="nav" aria-label={t('nav.label')}>
        {main.map(render)}
        {sales.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="lg" mb={4} px="sm">
              {t('sales:nav.section')}
            </Text>
            {sales.map(render)}
          </>
        ) : null}
        {stock.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="lg" mb={4} px="sm">
              {t('inventory:section')}
            </Text>
            {stock.map(render)}
          </>
        ) : null}
        {market.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="lg" mb={4} px="sm">
              {t('segments:nav.section')}
            </Text>
            {market.map(render)}
          </>
        ) : null}
        {admin.length > 0 ? (
          <>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase" mt="lg" mb={4} px="sm">
              {t('nav.administration')}
            </Text>
            {admin.map(render)}
          </>
        ) : null}
      </Stack>
    </ScrollArea>
  );
}
