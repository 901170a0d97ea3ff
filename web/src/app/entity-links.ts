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
    default:
      return null;
  }
}
