import type { BudgetTotalsRow, InstrumentRulesData, RubricCriterion } from '@innocluster/contracts';

/**
 * Pure helpers of the intake forms: amounts with their unit, shares as percentages, and the
 * text a form holds turned into the API's numbers (with the field that is wrong when not).
 */

/** An amount as "KRW 1,234,567" (whole won; the unit always shown). */
export function formatKrw(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const sign = amount < 0 ? '-' : '';
  return `KRW ${sign}${Math.round(Math.abs(amount)).toLocaleString('en-US')}`;
}

/** A share 0–1 as a percentage with one decimal ("82.0%"); a dash when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)}%`;
}

/** Whole KRW from what was typed ("70,000,000", "70000000"); null when blank or not a number. */
export function parseKrw(text: string): number | null {
  const cleaned = text.replace(/[,\s_]/g, '').replace(/^KRW/i, '');
  if (cleaned === '') return null;
  if (!/^\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A percentage typed as "75" (or "75%") as the share 0.75; null when blank or outside 0–100. */
export function parsePercent(text: string): number | null {
  const cleaned = text.trim().replace(/%$/, '');
  if (cleaned === '') return null;
  const n = Number(cleaned);
  if (!Number.isFinite(n) || n < 0 || n > 100) return null;
  // Rounded to 4 decimals of a share so 33.3% stays 0.333 and not 0.33299999.
  return Math.round(n * 100) / 10000;
}

/** A share as the text a percentage field shows (0.75 -> "75"). */
export function percentText(share: number | null | undefined): string {
  if (share === null || share === undefined) return '';
  return String(Math.round(share * 10000) / 100);
}

/** One budget line as the form holds it (amount as typed). */
export interface BudgetLineDraft {
  category: string;
  funder: string;
  amount: string;
  note: string;
}

/** The form's budget lines as API lines, or the first problem by row ("budget.2.amountKrw"). */
export function budgetLinesOf(lines: readonly BudgetLineDraft[]):
  | {
      ok: true;
      lines: {
        category: 'personnel';
        funder: 'public';
        amountKrw: number;
        note: string | null;
      }[];
    }
  | { ok: false; field: string } {
  const out = [];
  for (const [i, l] of lines.entries()) {
    const amountKrw = parseKrw(l.amount);
    if (amountKrw === null) return { ok: false, field: `budget.${i}.amountKrw` };
    out.push({
      category: l.category as 'personnel',
      funder: l.funder as 'public',
      amountKrw,
      note: l.note.trim() || null,
    });
  }
  return { ok: true, lines: out };
}

/** Totals of budget lines by funder, as the live check shows them before the server answers. */
export function draftTotals(
  lines: readonly { funder: string; amountKrw: number }[],
): BudgetTotalsRow {
  let totalKrw = 0;
  let publicKrw = 0;
  let firmKrw = 0;
  let otherKrw = 0;
  for (const l of lines) {
    totalKrw += l.amountKrw;
    if (l.funder === 'public') publicKrw += l.amountKrw;
    else if (l.funder === 'firm') firmKrw += l.amountKrw;
    else otherKrw += l.amountKrw;
  }
  return {
    totalKrw,
    publicKrw,
    firmKrw,
    otherKrw,
    publicShare: totalKrw > 0 ? publicKrw / totalKrw : null,
    firmShare: totalKrw > 0 ? firmKrw / totalKrw : null,
  };
}

/** Rubric weights as shares of their sum (what each criterion counts for in the total). */
export function rubricShares(rubric: readonly Pick<RubricCriterion, 'weight'>[]): number[] {
  const sum = rubric.reduce((s, c) => s + (c.weight > 0 ? c.weight : 0), 0);
  return rubric.map((c) => (sum > 0 && c.weight > 0 ? c.weight / sum : 0));
}

/** Rules of a new instrument: no limits, companies lead, anyone takes part, annual reports. */
export const blankRules: InstrumentRulesData = {
  maxGrantKrw: null,
  minTotalKrw: null,
  publicShareLimits: {},
  minFirmShare: null,
  costCategoryCaps: {},
  eligibleLeadKinds: ['company'],
  eligiblePartnerKinds: [
    'company',
    'university',
    'research_institute',
    'support_institution',
    'local_government',
  ],
  fastTrackBelowKrw: null,
  reportingSchedule: { kind: 'annual' },
};
