import type { Permission } from '../../../contracts/permissions';

/** Where a record of an audited entity type is shown, for links from histories and the dashboard. */
export function entityLink(
  entityType: string,
  entityId: string,
  can: (p: Permission) => boolean,
): string | null {
  switch (entityType) {
    case 'user':
      return can('users.read') ? `/users/${entityId}` : null;
    case 'team':
      return can('teams.read') ? `/teams/${entityId}` : null;
    case 'api_token':
    case 'apiToken':
    case 'api-token':
      return can('apiTokens.manage') ? '/api-tokens' : null;
    case 'deal':
      return can('deals.read') ? `/deals/${entityId}` : null;
    case 'pipeline':
      return can('pipelines.manage') ? `/admin/pipelines?id=${entityId}` : null;
    case 'company':
      return can('companies.read') ? `/companies/${entityId}` : null;
    case 'contact':
      return can('companies.read') ? `/contacts/${entityId}` : null;
    case 'task':
      return can('tasks.read') ? `/tasks/${entityId}` : null;
    case 'task_type':
      return can('taskTypes.manage') ? '/admin/task-types' : null;
    case 'invoice':
      return can('invoices.read') ? `/invoices/${entityId}` : null;
    case 'segment':
      return can('segments.read') ? '/segments' : null;
    case 'product':
      return can('products.read') ? `/products/${entityId}` : null;
    case 'purchase_order':
      return can('purchaseOrders.read') ? `/purchase-orders/${entityId}` : null;
    case 'warehouse':
      return can('inventory.settings') ? '/admin/inventory' : null;
    default:
      return null;
  }
}
