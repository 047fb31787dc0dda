/**
 * Filling suppressed cells. Statistical offices suppress small cells to protect respondents;
 * a map needs a number for them, so each dataset names one rule and every filled value records
 * it (`filled`, `fill_rule`), so results can say which numbers rest on filled cells.
 *
 * - `zero`: a suppressed cell counts as 0 (the lower bound; the default).
 * - `band_midpoint`: the midpoint of the size band the source publishes for the cell
 *   (columns `band_low` and `band_high`), as County Business Patterns' employment-size flags.
 * - `parent_share`: the parent industry's value in the same region, year and measure, less its
 *   unsuppressed children, shared equally among the suppressed children (never below 0).
 */
export const fillRules = ['zero', 'band_midpoint', 'parent_share'] as const;
export type FillRule = (typeof fillRules)[number];

export interface ParsedCell {
  row: number;
  regionId: number;
  industryId: number;
  parentId: number | null;
  year: number;
  measure: string;
  value: number | null;
  suppressed: boolean;
  bandLow: number | null;
  bandHigh: number | null;
}

export interface FilledCell extends ParsedCell {
  value: number;
  filled: boolean;
  fillRule: string | null;
}

export interface FillIssue {
  row: number;
  column: string;
  message: string;
}

export function fillSuppressed(
  cells: readonly ParsedCell[],
  rule: FillRule,
): { cells: FilledCell[]; issues: FillIssue[] } {
  const issues: FillIssue[] = [];
  const key = (c: { regionId: number; year: number; measure: string }, industryId: number) =>
    `${c.regionId}|${c.year}|${c.measure}|${industryId}`;
  const byKey = new Map(cells.map((c) => [key(c, c.industryId), c]));
  // Per parent cell: the sum of its unsuppressed children and the count of suppressed ones.
  const siblings = new Map<string, { known: number; suppressed: number }>();
  if (rule === 'parent_share') {
    for (const c of cells) {
      if (c.parentId === null) continue;
      const k = key(c, c.parentId);
      const s = siblings.get(k) ?? { known: 0, suppressed: 0 };
      if (c.suppressed) s.suppressed += 1;
      else s.known += c.value ?? 0;
      siblings.set(k, s);
    }
  }
  const out = cells.map((c): FilledCell => {
    if (!c.suppressed) return { ...c, value: c.value ?? 0, filled: false, fillRule: null };
    if (rule === 'zero') return { ...c, value: 0, filled: true, fillRule: 'zero' };
    if (rule === 'band_midpoint') {
      if (c.bandLow === null || c.bandHigh === null || c.bandHigh < c.bandLow) {
        issues.push({
          row: c.row,
          column: 'band_low',
          message: 'a suppressed cell needs band_low <= band_high under the band_midpoint rule',
        });
        return { ...c, value: 0, filled: true, fillRule: 'band_midpoint' };
      }
      return {
        ...c,
        value: (c.bandLow + c.bandHigh) / 2,
        filled: true,
        fillRule: `band_midpoint(${c.bandLow}-${c.bandHigh})`,
      };
    }
    const parent = c.parentId === null ? undefined : byKey.get(key(c, c.parentId));
    if (!parent || parent.suppressed || parent.value === null) {
      issues.push({
        row: c.row,
        column: 'industry',
        message:
          'the parent_share rule needs the parent industry’s unsuppressed value for the same region, year and measure in the file',
      });
      return { ...c, value: 0, filled: true, fillRule: 'parent_share' };
    }
    const s = siblings.get(key(c, c.parentId!))!;
    const value = Math.max(0, parent.value - s.known) / s.suppressed;
    return { ...c, value, filled: true, fillRule: 'parent_share' };
  });
  return { cells: out, issues };
}
