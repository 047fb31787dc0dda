import type { CrosswalkDetail, CrosswalkInput, Problem } from '@innocluster/contracts';

/** One field error of a problem document. */
export type FieldError = NonNullable<Problem['errors']>[number];

/**
 * How far the weights of one from code may stray from 1 before the server refuses them: the
 * same value as `crosswalkWeightTolerance` in the server's mapping-crosswalk.service.ts.
 */
export const crosswalkWeightTolerance = 1e-6;

/** One link as the editor holds it: text as typed, so a half-typed weight is not lost. */
export interface LinkDraftRow {
  /** Stable across edits, so a server error stays on its row after rows above are removed. */
  key: number;
  from: string;
  to: string;
  weight: string;
}

/** Unsaved edits of one crosswalk's links, kept until Save or Discard. */
export interface CrosswalkDraft {
  /** `updatedAt` of the crosswalk the edits started from, to notice a change by someone else. */
  baseUpdatedAt: string;
  rows: LinkDraftRow[];
  nextKey: number;
  /** Rows from this key on were added in the editor; a filter never hides them. */
  firstNewKey: number;
}

/** The problems the server named for one row, by field; `row` is for the link as a whole. */
export interface RowProblems {
  from?: string;
  to?: string;
  weight?: string;
  row?: string;
}

/** The editor's starting point: the saved links in the server's order. */
export function draftOf(detail: Pick<CrosswalkDetail, 'links' | 'updatedAt'>): CrosswalkDraft {
  return {
    baseUpdatedAt: detail.updatedAt,
    rows: detail.links.map((l, i) => ({
      key: i,
      from: l.fromCode,
      to: l.toCode,
      weight: String(l.weight),
    })),
    nextKey: detail.links.length,
    firstNewKey: detail.links.length,
  };
}

/**
 * The weight typed into a row. Blank is `NaN` rather than 1 or 0: the server then refuses it
 * by name instead of the editor guessing a share.
 */
export function parseWeight(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

/** The links as the PUT takes them, one per row in row order (the server names errors by it). */
export function linksOf(rows: readonly LinkDraftRow[]): CrosswalkInput['links'] {
  return rows.map((r) => ({ from: r.from.trim(), to: r.to.trim(), weight: parseWeight(r.weight) }));
}

/** Whether the rows say something other than the saved links (order included). */
export function isChanged(rows: readonly LinkDraftRow[], saved: CrosswalkDetail['links']): boolean {
  if (rows.length !== saved.length) return true;
  const links = linksOf(rows);
  return links.some((l, i) => {
    const s = saved[i]!;
    return l.from !== s.fromCode || l.to !== s.toCode || l.weight !== s.weight;
  });
}

/**
 * Pins the server's field errors to the rows that were sent. Body errors name a link by its
 * index, as `body.links[3].to` from the service or `body.links.3.weight` from schema validation;
 * `sentKeys[i]` is the key of the row sent as link `i`. Errors about no link in particular
 * (the crosswalk itself, an empty list) come back in `general`.
 */
export function problemsByRow(
  errors: readonly FieldError[],
  sentKeys: readonly number[],
): { byRow: Map<number, RowProblems>; general: FieldError[] } {
  const byRow = new Map<number, RowProblems>();
  const general: FieldError[] = [];
  for (const e of errors) {
    const match = /^body\.links(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(e.field);
    const key = match ? sentKeys[Number(match[1] ?? match[2])] : undefined;
    if (!match || key === undefined) {
      general.push(e);
      continue;
    }
    const field = match[3];
    const slot: keyof RowProblems =
      field === 'from' || field === 'to' || field === 'weight' ? field : 'row';
    const problems = byRow.get(key) ?? {};
    problems[slot] = problems[slot] ? `${problems[slot]}; ${e.message}` : e.message;
    byRow.set(key, problems);
  }
  return { byRow, general };
}

/**
 * The sum of the typed weights of every from code, and whether it is 1 within the server's
 * tolerance, so the editor can flag a split before Save. Rows with no from code or an
 * unreadable weight are left out (the server names those by themselves).
 */
export function weightSums(
  rows: readonly LinkDraftRow[],
): Map<string, { sum: number; balanced: boolean }> {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const from = r.from.trim();
    const weight = parseWeight(r.weight);
    if (from === '' || !Number.isFinite(weight)) continue;
    sums.set(from, (sums.get(from) ?? 0) + weight);
  }
  return new Map(
    [...sums].map(([code, sum]) => [
      code,
      { sum, balanced: Math.abs(sum - 1) <= crosswalkWeightTolerance },
    ]),
  );
}

/** Rows whose from or to code contains the filter text (case-insensitive); all for a blank one. */
export function matchesFilter(row: LinkDraftRow, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return f === '' || row.from.toLowerCase().includes(f) || row.to.toLowerCase().includes(f);
}

/**
 * The service's messages count links from 0 (`repeats links[0]`, `(links 0, 1)`); the editor
 * numbers rows from 1, so the messages are shown with row numbers.
 */
export function withRowNumbers(message: string, row: string, rows: string): string {
  return message
    .replace(/\blinks\[(\d+)\]/g, (_, i: string) => `${row} ${Number(i) + 1}`)
    .replace(
      /\blinks ((?:\d+, )*\d+)\b/g,
      (_, list: string) =>
        `${rows} ${list
          .split(', ')
          .map((i) => Number(i) + 1)
          .join(', ')}`,
    );
}
