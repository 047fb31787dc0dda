import type { OrganisationKind } from '../participants.ts';
import { dayNumber, isoOfDay } from '../network/network-demo.ts';

/**
 * Funding rules of an instrument as data an officer configures per call (DOMAIN.md, "The
 * mini-cluster project cycle": maximum grant, public share limits by firm size, minimum firm
 * share, fast track; "Budgets and funding rules": salary caps). The published examples
 * (field-customised R&D up to KRW 200 million, public share under 75% / 60% / 33% for SMEs /
 * mid-sized / large firms, a KRW 10 million fast track, a 20% minimum firm share) are examples,
 * not constants.
 */
export type FirmSize = 'sme' | 'mid_sized' | 'large';

/** Budget categories a proposal's lines fall into. */
export type CostCategory =
  'personnel' | 'equipment' | 'materials' | 'subcontracting' | 'travel' | 'overhead' | 'other';

/** Who pays a budget line: the programme (public), the participating firms, or others. */
export type Funder = 'public' | 'firm' | 'other';

/** How often reports are due. Annual is the default (DOMAIN.md: four a year was a burden). */
export type ReportingSchedule =
  | { readonly kind: 'annual' }
  | { readonly kind: 'every_months'; readonly months: number }
  | { readonly kind: 'final_only' };

export interface InstrumentRules {
  readonly code: string;
  readonly name: string;
  /** Largest public grant in KRW; null for no limit. */
  readonly maxGrantKrw: number | null;
  /** Smallest total budget in KRW; null for none. */
  readonly minTotalKrw: number | null;
  /** Largest public share of the total budget (0–1) by firm size. */
  readonly publicShareLimits: Readonly<Partial<Record<FirmSize, number>>>;
  /** Smallest share of the total budget paid by firms (0–1); null for none. */
  readonly minFirmShare: number | null;
  /** Largest share of the total budget (0–1) per cost category. */
  readonly costCategoryCaps: Readonly<Partial<Record<CostCategory, number>>>;
  readonly eligibleLeadKinds: readonly OrganisationKind[];
  readonly eligiblePartnerKinds: readonly OrganisationKind[];
  /** Public grants below this many KRW are decided without the committee; null for never. */
  readonly fastTrackBelowKrw: number | null;
  readonly reportingSchedule: ReportingSchedule;
}

/** An organisation on a proposal; `size` applies to companies. */
export interface ProposalParty {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly size: FirmSize | null;
}

export interface ProposalBudgetLine {
  readonly category: CostCategory;
  readonly funder: Funder;
  readonly amountKrw: number;
}

/** What the rules need to know about a proposal. */
export interface ProposalForRules {
  readonly lead: ProposalParty;
  readonly partners: readonly ProposalParty[];
  readonly budget: readonly ProposalBudgetLine[];
}

export type RuleCode =
  | 'budget_empty'
  | 'max_grant'
  | 'min_total'
  | 'public_share'
  | 'min_firm_share'
  | 'cost_category_cap'
  | 'lead_kind'
  | 'partner_kind';

/** One broken rule: its code, the numbers compared and an exact English message. */
export interface RuleViolation {
  readonly code: RuleCode;
  readonly message: string;
  /** The proposal's figure (KRW or a share 0–1), when the rule is numeric. */
  readonly value?: number;
  /** The rule's limit (KRW or a share 0–1). */
  readonly limit?: number;
  readonly category?: CostCategory;
  readonly firmSize?: FirmSize;
  readonly party?: string;
}

const sizeLabel: Record<FirmSize, string> = {
  sme: 'SMEs',
  mid_sized: 'mid-sized firms',
  large: 'large firms',
};

const kindLabel: Record<OrganisationKind, string> = {
  company: 'company',
  university: 'university',
  research_institute: 'research institute',
  support_institution: 'support institution',
  local_government: 'local government',
};

/** An amount as "KRW 1,234,567": whole won, comma thousands separators, locale-independent. */
export function formatKrw(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(amount)));
  return `KRW ${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/**
 * A share as a percentage rounded to whole percent; when rounding would make it equal to the
 * limit it is compared with, one (then two) decimals are shown so the message never reads
 * "75% exceeds the 75% limit".
 */
export function formatShare(share: number, comparedWith?: number): string {
  const at = (d: number): string => (share * 100).toFixed(d);
  const limitAt = (d: number): string => ((comparedWith ?? NaN) * 100).toFixed(d);
  for (const d of [0, 1, 2]) {
    if (comparedWith === undefined || at(d) !== limitAt(d)) return `${at(d)}%`;
  }
  return `${at(3)}%`;
}

const epsilon = 1e-12;
const sizeStrictness: readonly FirmSize[] = ['large', 'mid_sized', 'sme'];

/**
 * The firm size whose public-share limit applies: the largest firm among the lead and partners
 * that has a limit configured (the strictest case, since larger firms get less public support);
 * null when no company with a configured size takes part.
 */
export function applicableFirmSize(
  rules: InstrumentRules,
  proposal: ProposalForRules,
): FirmSize | null {
  const sizes = new Set(
    [proposal.lead, ...proposal.partners]
      .filter((p) => p.kind === 'company' && p.size !== null)
      .map((p) => p.size as FirmSize),
  );
  for (const size of sizeStrictness) {
    if (sizes.has(size) && rules.publicShareLimits[size] !== undefined) return size;
  }
  return null;
}

/** Totals of a budget: all lines, by funder and by category. */
export function budgetTotals(budget: readonly ProposalBudgetLine[]): {
  total: number;
  byFunder: Record<Funder, number>;
  byCategory: Partial<Record<CostCategory, number>>;
} {
  const byFunder: Record<Funder, number> = { public: 0, firm: 0, other: 0 };
  const byCategory: Partial<Record<CostCategory, number>> = {};
  let total = 0;
  for (const line of budget) {
    total += line.amountKrw;
    byFunder[line.funder] += line.amountKrw;
    byCategory[line.category] = (byCategory[line.category] ?? 0) + line.amountKrw;
  }
  return { total, byFunder, byCategory };
}

/**
 * Checks a proposal against its instrument's rules and returns every violation, in the order
 * of the rule list (budget, grant, shares, categories, eligibility). Shares are of the total
 * budget; percentages are whole percent (see `formatShare`), amounts as `formatKrw`.
 */
export function checkProposal(rules: InstrumentRules, proposal: ProposalForRules): RuleViolation[] {
  const out: RuleViolation[] = [];
  const { total, byFunder, byCategory } = budgetTotals(proposal.budget);
  const grant = byFunder.public;
  if (total <= 0) {
    out.push({ code: 'budget_empty', message: 'the budget has no amounts' });
  }
  if (rules.maxGrantKrw !== null && grant > rules.maxGrantKrw) {
    out.push({
      code: 'max_grant',
      value: grant,
      limit: rules.maxGrantKrw,
      message: `public grant ${formatKrw(grant)} exceeds the maximum of ${formatKrw(rules.maxGrantKrw)}`,
    });
  }
  if (rules.minTotalKrw !== null && total > 0 && total < rules.minTotalKrw) {
    out.push({
      code: 'min_total',
      value: total,
      limit: rules.minTotalKrw,
      message: `total budget ${formatKrw(total)} is below the minimum of ${formatKrw(rules.minTotalKrw)}`,
    });
  }
  if (total > 0) {
    const size = applicableFirmSize(rules, proposal);
    const limit = size === null ? undefined : rules.publicShareLimits[size];
    const share = grant / total;
    if (size !== null && limit !== undefined && share > limit + epsilon) {
      out.push({
        code: 'public_share',
        value: share,
        limit,
        firmSize: size,
        message: `public share ${formatShare(share, limit)} exceeds the ${formatShare(limit)} limit for ${sizeLabel[size]}`,
      });
    }
    const firmShare = byFunder.firm / total;
    if (rules.minFirmShare !== null && firmShare < rules.minFirmShare - epsilon) {
      out.push({
        code: 'min_firm_share',
        value: firmShare,
        limit: rules.minFirmShare,
        message: `firm share ${formatShare(firmShare, rules.minFirmShare)} is below the minimum of ${formatShare(rules.minFirmShare)}`,
      });
    }
    for (const [category, cap] of Object.entries(rules.costCategoryCaps) as [
      CostCategory,
      number,
    ][]) {
      const categoryShare = (byCategory[category] ?? 0) / total;
      if (categoryShare > cap + epsilon) {
        out.push({
          code: 'cost_category_cap',
          category,
          value: categoryShare,
          limit: cap,
          message: `${category} costs are ${formatShare(categoryShare, cap)} of the total, above the ${formatShare(cap)} cap`,
        });
      }
    }
  }
  const list = (kinds: readonly OrganisationKind[]): string =>
    kinds.length === 0 ? 'none' : kinds.map((k) => kindLabel[k]).join(', ');
  if (!rules.eligibleLeadKinds.includes(proposal.lead.kind)) {
    out.push({
      code: 'lead_kind',
      party: proposal.lead.name,
      message: `lead ${proposal.lead.name} is a ${kindLabel[proposal.lead.kind]}, which may not lead; eligible: ${list(rules.eligibleLeadKinds)}`,
    });
  }
  for (const partner of proposal.partners) {
    if (!rules.eligiblePartnerKinds.includes(partner.kind)) {
      out.push({
        code: 'partner_kind',
        party: partner.name,
        message: `partner ${partner.name} is a ${kindLabel[partner.kind]}, which may not take part; eligible: ${list(rules.eligiblePartnerKinds)}`,
      });
    }
  }
  return out;
}

/** Whether the public grant is below the instrument's fast-track threshold (no committee). */
export function isFastTrack(rules: InstrumentRules, proposal: ProposalForRules): boolean {
  if (rules.fastTrackBelowKrw === null) return false;
  return budgetTotals(proposal.budget).byFunder.public < rules.fastTrackBelowKrw;
}

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const monthStart = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
  const nextIndex = index + 1;
  const nextStart = `${String(Math.floor(nextIndex / 12)).padStart(4, '0')}-${String((nextIndex % 12) + 1).padStart(2, '0')}-01`;
  const length = dayNumber(nextStart) - dayNumber(monthStart);
  return isoOfDay(dayNumber(monthStart) + Math.min(d, length) - 1);
}

/**
 * Report due dates ('YYYY-MM-DD') for a project running from `start` to `end`: every 12 (or
 * n) months after the start while before the end, then a final report at the end. A date past
 * the end of a shorter month falls on that month's last day (31 Jan + 1 month = 28/29 Feb).
 */
export function reportDueDates(schedule: ReportingSchedule, start: string, end: string): string[] {
  if (dayNumber(end) < dayNumber(start)) throw new Error(`end ${end} is before start ${start}`);
  const step =
    schedule.kind === 'annual' ? 12 : schedule.kind === 'every_months' ? schedule.months : 0;
  if (schedule.kind === 'every_months' && (!Number.isInteger(step) || step <= 0)) {
    throw new Error('every_months needs a positive whole number of months');
  }
  const out: string[] = [];
  if (step > 0) {
    for (let i = 1; ; i++) {
      const due = addMonths(start, step * i);
      if (dayNumber(due) >= dayNumber(end)) break;
      out.push(due);
    }
  }
  out.push(end);
  return out;
}

/** The published field-customised R&D example (DOMAIN.md), as a starting point for a call. */
export const exampleJointRdRules: InstrumentRules = {
  code: 'joint_rd',
  name: 'Field-customised joint R&D',
  maxGrantKrw: 200_000_000,
  minTotalKrw: 10_000_000,
  publicShareLimits: { sme: 0.75, mid_sized: 0.6, large: 0.33 },
  minFirmShare: 0.2,
  costCategoryCaps: { personnel: 0.4 },
  eligibleLeadKinds: ['company'],
  eligiblePartnerKinds: ['company', 'university', 'research_institute', 'support_institution'],
  fastTrackBelowKrw: 10_000_000,
  reportingSchedule: { kind: 'annual' },
};
