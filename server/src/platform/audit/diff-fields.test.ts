import { describe, expect, it } from 'vitest';
import { diffFields } from './audit';

describe('audit field diff', () => {
  it('lists changed fields with before and after, ignoring version and updatedAt', () => {
    expect(
      diffFields(
        { name: 'A', role: 'sales', version: 1, updatedAt: 'x' },
        { name: 'B', role: 'sales', version: 2, updatedAt: 'y' },
      ),
    ).toEqual([{ field: 'name', before: 'A', after: 'B' }]);
  });

  it('records a create as all fields from null and masks secrets', () => {
    expect(diffFields(null, { name: 'A', password: 'secret' })).toEqual([
      { field: 'name', before: null, after: 'A' },
      { field: 'password', before: null, after: '***' },
    ]);
  });
});
