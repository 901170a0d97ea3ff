import { describe, expect, it } from 'vitest';
import { defaultLevels, domainsForRole, levelsToScopes } from './scope-values';

describe('the token dialog’s scope values', () => {
  it('offers only the domains a role can use, with the most it may do there', () => {
    const sales = domainsForRole('sales');
    expect(sales.map((d) => d.domain)).not.toContain('purchasing');
    expect(sales.find((d) => d.domain === 'deals')?.levels).toEqual(['read', 'write']);
    expect(domainsForRole('accounting').find((d) => d.domain === 'deals')?.levels).toEqual(['read']);
    // webhooks have no read permission: read-only would grant nothing, so it is not offered
    expect(domainsForRole('admin').find((d) => d.domain === 'webhooks')?.levels).toEqual(['write']);
  });

  it('starts read-only on everything offered and turns levels into scopes', () => {
    const levels = defaultLevels('sales');
    expect(levels.deals).toBe('read');
    expect(defaultLevels('admin').webhooks).toBe('none');
    expect(levelsToScopes({ ...levels, deals: 'write', tasks: 'none' })).toEqual(
      expect.arrayContaining(['deals:write', 'companies:read']),
    );
    expect(levelsToScopes({ ...levels, deals: 'write', tasks: 'none' })).not.toContain('tasks:read');
    expect(levelsToScopes({})).toEqual([]);
  });
});
