/**
 * Roles and what they may do: the one place that says so. The server enforces it,
 * the web app uses it to hide what a user cannot do.
 */
export const ROLES = ['admin', 'manager', 'sales', 'accounting', 'purchasing'] as const;
export type Role = (typeof ROLES)[number];

/** How much of the company's records a role sees: only its own, its teams', or all. */
export type Scope = 'own' | 'team' | 'all';

export const ROLE_SCOPE: Record<Role, Scope> = {
  admin: 'all',
  manager: 'team',
  sales: 'own',
  accounting: 'all',
  purchasing: 'all',
};

export const PERMISSIONS = {
  'users.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'users.manage': ['admin'],
  'teams.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'teams.manage': ['admin', 'manager'],
  'apiTokens.manage': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'audit.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'system.manage': ['admin'],

  'companies.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'companies.write': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'companies.merge': ['admin', 'manager', 'sales'],
  'segments.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'segments.manage': ['admin', 'manager'],
  'reports.marketCoverage': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],

  'deals.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'deals.write': ['admin', 'manager', 'sales'],
  'pipelines.manage': ['admin', 'manager'],
  'salesReports.read': ['admin', 'manager', 'sales'],

  /** Tasks and activities: everyone works with them, within their visibility scope. */
  'tasks.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'tasks.write': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'taskTypes.manage': ['admin'],
  'goals.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'goals.manage': ['admin', 'manager'],
  'reports.workload': ['admin', 'manager'],

  /** Invoices: sales people draft them from their deals; accounting issues, corrects and books payments. */
  'invoices.read': ['admin', 'manager', 'sales', 'accounting'],
  'invoices.write': ['admin', 'manager', 'sales', 'accounting'],
  'invoices.issue': ['admin', 'manager', 'accounting'],
  'payments.write': ['admin', 'accounting'],
  'billing.settings': ['admin', 'accounting'],
  /** AR aging, DSO, invoiced vs collected: a finance report, over the invoices the role may see. */
  'reports.receivables': ['admin', 'manager', 'accounting'],
  /** Products: everyone sees the catalog (line editors pick from it); purchasing maintains it with managers. */
  'products.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'products.write': ['admin', 'manager', 'purchasing'],
  /** Stock: everyone sees it (selling needs it); warehouse work (adjustments, counts, deliveries) by these. */
  'stock.read': ['admin', 'manager', 'sales', 'accounting', 'purchasing'],
  'stock.write': ['admin', 'manager', 'purchasing'],
  /** Deliveries of won deals and issued invoices: sales ships what it sold, too. */
  'deliveries.write': ['admin', 'manager', 'sales', 'purchasing'],
  'inventory.settings': ['admin', 'purchasing'],
  /** Purchase orders: purchasing and managers; approving also needs an approval limit (admins: none). */
  'purchaseOrders.read': ['admin', 'manager', 'accounting', 'purchasing'],
  'purchaseOrders.write': ['admin', 'manager', 'purchasing'],
  'purchaseOrders.approve': ['admin', 'manager', 'purchasing'],
  'purchasing.settings': ['admin'],
  /** Stock value, below reorder point, open POs, pipeline demand. */
  'reports.stock': ['admin', 'manager', 'purchasing', 'accounting'],

  /** Automation rules: managers plan their teams' routine; built-in processes and webhooks are admin's. */
  'automation.read': ['admin', 'manager'],
  'automation.manage': ['admin', 'manager'],
  'automation.builtins': ['admin'],
  'webhooks.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
