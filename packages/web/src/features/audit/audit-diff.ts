/** One field of an audit entry: its value before and after the change. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields a change touched: for an update those whose value differs, for a create or
 * delete every field of the row (one side empty). `updatedAt` is left out: it always moves.
 */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const both = isRecord(before) && isRecord(after);
  return names
    .filter((n) => n !== 'updatedAt' || !both)
    .filter((n) => !both || JSON.stringify(b[n]) !== JSON.stringify(a[n]))
    .map((field) => ({ field, before: b[field], after: a[field] }));
}

/** A value as the diff shows it. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
