import { describe, expect, it } from 'vitest';
import { changedFields, showValue } from './audit-diff.ts';

describe('changedFields', () => {
  it('lists only the fields an update changed, without updatedAt', () => {
    expect(
      changedFields(
        { id: 1, name: 'A', city: 'Gumi', updatedAt: 'x' },
        { id: 1, name: 'B', city: 'Gumi', updatedAt: 'y' },
      ),
    ).toEqual([{ field: 'name', before: 'A', after: 'B' }]);
  });

  it('lists every field of a created or deleted row', () => {
    expect(changedFields(null, { id: 2, name: 'N' })).toEqual([
      { field: 'id', before: undefined, after: 2 },
      { field: 'name', before: undefined, after: 'N' },
    ]);
    expect(changedFields({ id: 2 }, null)).toEqual([{ field: 'id', before: 2, after: undefined }]);
  });

  it('compares nested values by content', () => {
    expect(changedFields({ tags: ['a'] }, { tags: ['a'] })).toEqual([]);
  });
});

describe('showValue', () => {
  it('shows null, strings and numbers plainly', () => {
    expect(showValue(null)).toBe('null');
    expect(showValue('x')).toBe('x');
    expect(showValue(3)).toBe('3');
    expect(showValue(undefined)).toBe('');
  });
});
