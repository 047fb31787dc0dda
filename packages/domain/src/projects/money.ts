import { dayNumber } from '../network/network-demo.ts';

/**
 * Money against schedule: what the burden dashboard shows (DOMAIN.md, "What went wrong":
 * grants reached teams five months after the official start). Dates are 'YYYY-MM-DD' strings
 * and "today" is always passed in.
 */

/** One instalment of an agreement's disbursement schedule. */
export interface ScheduledInstalment {
  readonly projectId: string;
  readonly dueDate: string;
  readonly amountKrw: number;
}

/** One payment actually made to a project. */
export interface DisbursementPayment {
  readonly projectId: string;
  readonly paidDate: string;
  readonly amountKrw: number;
}

/** An instalment after matching the payments made up to the as-of date. */
export interface InstalmentStatus extends ScheduledInstalment {
  readonly paidKrw: number;
  readonly outstandingKrw: number;
  /** Date of the payment that completed it; null while anything is outstanding. */
  readonly settledOn: string | null;
  /** Days after the due date it was settled, or is still open as of the date; ≥ 0. */
  readonly daysLate: number;
}

export type AgingBucketLabel = '0-30' | '31-60' | '61-90' | '>90';

/** Late instalments in one age band: how many and how much money. */
export interface AgingBucket {
  readonly label: AgingBucketLabel;
  readonly instalments: number;
  readonly amountKrw: number;
}

export interface PaymentAging {
  readonly asOf: string;
  /** Money due before `asOf` and still unpaid, by days overdue. */
  readonly outstanding: readonly AgingBucket[];
  /** Instalments paid in full but after their due date, by days late (amount = instalment). */
  readonly paidLate: readonly AgingBucket[];
  readonly instalments: readonly InstalmentStatus[];
}

const labels: readonly AgingBucketLabel[] = ['0-30', '31-60', '61-90', '>90'];

/**
 * The band of a lateness in days, as in an accounts-receivable aging schedule (the aging
 * schedule of credit management, e.g. Brealey, Myers & Allen, "Principles of Corporate
 * Finance", chapter on credit management): 1–30 days
 * late fall in "0-30" (an instalment is late from the day after its due date), then 31–60,
 * 61–90 and more than 90.
 */
export function agingBucketOf(daysLate: number): AgingBucketLabel {
  if (daysLate <= 30) return '0-30';
  if (daysLate <= 60) return '31-60';
  if (daysLate <= 90) return '61-90';
  return '>90';
}

/**
 * Matches payments to instalments and ages what is late as of `asOf`. Per project, payments
 * made on or before `asOf` are applied in date order to instalments in due-date order
 * (first in, first out; an early payment settles the next instalment), so a part payment
 * leaves the rest of that instalment outstanding. Payments beyond the whole schedule are ignored.
 */
export function agePayments(
  schedule: readonly ScheduledInstalment[],
  payments: readonly DisbursementPayment[],
  asOf: string,
): PaymentAging {
  const today = dayNumber(asOf);
  const byProject = new Map<string, DisbursementPayment[]>();
  for (const p of payments) {
    if (!(p.amountKrw >= 0))
      throw new Error(`payment to ${p.projectId} on ${p.paidDate}: amount must be ≥ 0`);
    if (dayNumber(p.paidDate) > today) continue;
    const list = byProject.get(p.projectId) ?? [];
    list.push(p);
    byProject.set(p.projectId, list);
  }
  const order = schedule
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        (a.s.projectId < b.s.projectId ? -1 : a.s.projectId > b.s.projectId ? 1 : 0) ||
        dayNumber(a.s.dueDate) - dayNumber(b.s.dueDate) ||
        a.i - b.i,
    );
  const cursor = new Map<string, { list: DisbursementPayment[]; index: number; left: number }>();
  const statuses = new Array<InstalmentStatus>(schedule.length);
  for (const { s, i } of order) {
    if (!(s.amountKrw >= 0))
      throw new Error(`instalment of ${s.projectId} due ${s.dueDate}: amount must be ≥ 0`);
    let c = cursor.get(s.projectId);
    if (c === undefined) {
      const list = [...(byProject.get(s.projectId) ?? [])].sort(
        (a, b) => dayNumber(a.paidDate) - dayNumber(b.paidDate),
      );
      c = { list, index: 0, left: list[0]?.amountKrw ?? 0 };
      cursor.set(s.projectId, c);
    }
    let need = s.amountKrw;
    let settledOn: string | null = need === 0 ? s.dueDate : null;
    while (need > 0 && c.index < c.list.length) {
      const take = Math.min(need, c.left);
      need -= take;
      c.left -= take;
      if (need === 0) settledOn = (c.list[c.index] as DisbursementPayment).paidDate;
      if (c.left === 0) {
        c.index += 1;
        c.left = c.list[c.index]?.amountKrw ?? 0;
      }
    }
    const due = dayNumber(s.dueDate);
    const daysLate = Math.max(0, (settledOn === null ? today : dayNumber(settledOn)) - due);
    statuses[i] = { ...s, paidKrw: s.amountKrw - need, outstandingKrw: need, settledOn, daysLate };
  }
  const empty = (): { instalments: number; amountKrw: number }[] =>
    labels.map(() => ({ instalments: 0, amountKrw: 0 }));
  const outstanding = empty();
  const paidLate = empty();
  for (const st of statuses) {
    if (st.daysLate <= 0) continue;
    const band = labels.indexOf(agingBucketOf(st.daysLate));
    const target = st.settledOn === null ? outstanding[band] : paidLate[band];
    if (target === undefined) continue;
    target.instalments += 1;
    target.amountKrw += st.settledOn === null ? st.outstandingKrw : st.amountKrw;
  }
  const withLabels = (rows: { instalments: number; amountKrw: number }[]): AgingBucket[] =>
    rows.map((r, k) => ({ label: labels[k] as AgingBucketLabel, ...r }));
  return {
    asOf,
    outstanding: withLabels(outstanding),
    paidLate: withLabels(paidLate),
    instalments: statuses,
  };
}

/**
 * Days from the project's official start to its first payment (negative if paid before the
 * start); null when nothing has been paid. The burden indicator "days to first money".
 */
export function daysToFirstDisbursement(
  projectStart: string,
  payments: readonly { paidDate: string; amountKrw: number }[],
): number | null {
  let first: number | null = null;
  for (const p of payments) {
    if (p.amountKrw <= 0) continue;
    const d = dayNumber(p.paidDate);
    if (first === null || d < first) first = d;
  }
  return first === null ? null : first - dayNumber(projectStart);
}

/** Days to first money summarised over the projects of one group (instrument, complex…). */
export interface DaysSummary {
  readonly group: string;
  readonly projects: number;
  /** Projects with at least one payment; mean, median and max are over these. */
  readonly withPayment: number;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  readonly maxDays: number | null;
}

/**
 * Per-group count, mean, median (the mean of the two middle values for an even count; Hyndman
 * & Fan 1996, definition 7 at p = 0.5) and maximum of a day count, groups sorted by name;
 * projects without a value (nothing paid yet) count in `projects` only.
 */
export function summariseDaysByGroup(
  rows: readonly { group: string; days: number | null }[],
): DaysSummary[] {
  const groups = new Map<string, { projects: number; values: number[] }>();
  for (const r of rows) {
    const g = groups.get(r.group) ?? { projects: 0, values: [] };
    g.projects += 1;
    if (r.days !== null) g.values.push(r.days);
    groups.set(r.group, g);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, { projects, values }]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const n = sorted.length;
      const median =
        n === 0
          ? null
          : n % 2 === 1
            ? (sorted[(n - 1) / 2] as number)
            : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
      return {
        group,
        projects,
        withPayment: n,
        meanDays: n === 0 ? null : sorted.reduce((a, b) => a + b, 0) / n,
        medianDays: median,
        maxDays: n === 0 ? null : (sorted[n - 1] as number),
      };
    });
}
