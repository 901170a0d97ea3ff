import { describe, expect, it } from 'vitest';
import { changedFields } from './form-diff';

describe('changedFields', () => {
  const base = { name: 'Alt', tags: ['a'], ownerId: 'u1' as string | undefined };

  it('sends only what changed, with the version', () => {
    expect(changedFields({ ...base, tags: ['a', 'b'] }, base, 4)).toEqual({ version: 4, tags: ['a', 'b'] });
    expect(changedFields({ ...base }, base, 4)).toEqual({ version: 4 });
  });

  it('sends a removed owner as null', () => {
    expect(changedFields({ ...base, ownerId: undefined }, base, 4)).toEqual({ version: 4, ownerId: null });
  });
});
