/**
 * Pure helpers of the delivery pages: money sums of a schedule being edited, even splits, the
 * timeline's stage order and the burden charts' data. Kept apart from the components so they
 * are tested without a browser.
 */

/** An instalment row as the schedule editor holds it (amount as typed). */
export interface InstalmentDraft {
  scheduledOn: string;
  amountKrw: string;
}

/** Whole KRW from a typed amount ("40,000,000" or "40000000"); NaN when it is not a number. */
export function parseKrw(text: string): number {
  const cleaned = text.replace(/[,\s]/g, '');
  if (!/^\d+$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}

/** Sum of the typed amounts and its difference to the grant (positive: over the grant). */
export function scheduleBalance(
  grantKrw: number,
  instalments: readonly InstalmentDraft[],
): { sumKrw: number; differenceKrw: number; valid: boolean } {
  let sum = 0;
  let valid = instalments.length > 0;
  for (const i of instalments) {
    const v = parseKrw(i.amountKrw);
    if (!Number.isFinite(v) || v <= 0 || i.scheduledOn === '') valid = false;
    else sum += v;
  }
  return { sumKrw: sum, differenceKrw: sum - grantKrw, valid: valid && sum === grantKrw };
}

/**
 * Splits a grant into `count` instalments of whole won: equal parts, the remainder on the
 * last one so the parts add up exactly.
 */
export function splitEvenly(grantKrw: number, count: number): number[] {
  if (!Number.isInteger(count) || count <= 0) return [];
  const part = Math.floor(grantKrw / count);
  return Array.from({ length: count }, (_, k) =>
    k === count - 1 ? grantKrw - part * (count - 1) : part,
  );
}

/** Adds whole months to an ISO date, clamping to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The stages of a project's timeline, in the order of the cycle. */
export const timelineStageOrder = [
  'demand',
  'proposal',
  'decision',
  'agreement',
  'disbursement',
  'report',
  'outcome',
  'evaluation',
  'gate',
] as const;

/** Labels of 30-day histogram bins: "30–59". */
export function binLabels(bins: readonly { fromDays: number; toDays: number }[]): string[] {
  return bins.map((b) => `${b.fromDays}–${b.toDays}`);
}

/** Whole KRW with thousands separators and the unit: "KRW 1,234,567". */
export function formatKrw(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  const sign = amount < 0 ? '-' : '';
  return `KRW ${sign}${String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** Projects by number of amendment rounds: element k counts the projects with k rounds. */
export function roundsDistribution(rounds: readonly number[]): number[] {
  const max = rounds.reduce((m, r) => Math.max(m, r), 0);
  const out = new Array<number>(rounds.length ? max + 1 : 0).fill(0);
  for (const r of rounds) out[r] = (out[r] ?? 0) + 1;
  return out;
}
