import { describe, expect, it } from 'vitest';
import {
  normalizeScopes,
  roleLevelIn,
  roleLevelsIn,
  scopeFor,
  scopeLevelIn,
  scopesAllow,
  scopesBeyond,
} from './api-scopes';

describe('API token scopes', () => {
  it('reads are *.read and reports; everything else writes', () => {
    expect(scopeFor('deals.read')).toBe('deals:read');
    expect(scopeFor('deals.write')).toBe('deals:write');
    expect(scopeFor('reports.receivables')).toBe('invoices:read');
    expect(scopeFor('salesReports.read')).toBe('deals:read');
    expect(scopeFor('invoices.issue')).toBe('invoices:write');
    expect(scopeFor('apiTokens.manage')).toBe('users:write');
  });

  it('write includes read; null (tokens from before scopes) allows everything', () => {
    expect(scopesAllow(['deals:write'], 'deals.read')).toBe(true);
    expect(scopesAllow(['deals:read'], 'deals.write')).toBe(false);
    expect(scopesAllow(['deals:read'], 'tasks.read')).toBe(false);
    expect(scopesAllow(null, 'system.manage')).toBe(true);
    expect(scopeLevelIn(['stock:read', 'stock:write'], 'stock')).toBe('write');
  });

  it('normalises to one scope per domain and finds what is wider than another set', () => {
    expect(normalizeScopes(['tasks:read', 'deals:read', 'deals:write'])).toEqual([
      'deals:write',
      'tasks:read',
    ]);
    expect(scopesBeyond(['deals:read', 'tasks:write'], ['deals:write', 'tasks:read'])).toEqual([
      'tasks:write',
    ]);
    expect(scopesBeyond(['deals:write'], null)).toEqual([]);
  });

  it('knows the most a role can do per domain (the token dialog offers no more)', () => {
    expect(roleLevelIn('sales', 'deals')).toBe('write');
    expect(roleLevelIn('accounting', 'deals')).toBe('read');
    expect(roleLevelIn('sales', 'purchasing')).toBe('none');
    expect(roleLevelIn('sales', 'users')).toBe('write'); // own API tokens
    expect(roleLevelIn('admin', 'webhooks')).toBe('write');
    expect(roleLevelsIn('admin', 'webhooks')).toEqual(['write']); // no read permission there
    expect(roleLevelsIn('admin', 'deals')).toEqual(['read', 'write']);
  });
});
