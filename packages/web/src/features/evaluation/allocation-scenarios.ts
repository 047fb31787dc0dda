import type { AllocationLine, AllocationOutcome, AllocationRuleDto } from '@innocluster/contracts';

/**
 * One allocation scenario as the simulator edits it: a base share split equally or in
 * proportion to each complex's size, and a performance share by score or by rank tiers, limited by floors, caps and a year-on-year change
 * limit (DOMAIN.md: budgets allocated by evaluation results). Amounts are whole KRW.
 */
export interface ScenarioState {
  name: string;
  /** Next year's pool (whole KRW). */
  pool: number;
  /** Share of the pool given as the base share (0…1); the rest follows performance. */
  baseShare: number;
  /** How the base share is split: equally, or in proportion to each complex's size. */
  base: 'equal' | 'proportional';
  /**
   * Size per complex for a proportional base (e.g. member firms; complex id → size ≥ 0). A
   * complex without an entry counts as size 1.
   */
  sizes: Record<number, number>;
  performance: 'proportional' | 'tiers';
  /** Proportional: only complexes scoring at least this take part (null = all). */
  threshold: number | null;
  /** Tiers by rank: cumulative fraction reached (0…1] and its multiplier. */
  tiers: { upTo: number; multiplier: number }[];
  otherMultiplier: number;
  /** Per-complex floor and cap (KRW, the same for every complex; null = none). */
  floor: number | null;
  cap: number | null;
  /** |a − last| ≤ max(relative × last, absolute); null = none. Needs last year's amounts. */
  changeRelative: number | null;
  changeAbsolute: number | null;
}

/** 2007's allotted programme budget, KRW 52 billion (DOMAIN.md, after OECD 2007). */
export const defaultPool = 52_000_000_000;

/** Two contrasting starting scenarios: proportional to the score, and rank tiers with bounds. */
export function defaultScenarios(): ScenarioState[] {
  return [
    {
      name: 'Proportional',
      pool: defaultPool,
      baseShare: 0.5,
      base: 'equal',
      sizes: {},
      performance: 'proportional',
      threshold: null,
      tiers: [],
      otherMultiplier: 0,
      floor: null,
      cap: null,
      changeRelative: null,
      changeAbsolute: null,
    },
    {
      name: 'Tiers',
      pool: defaultPool,
      baseShare: 0.4,
      base: 'equal',
      sizes: {},
      performance: 'tiers',
      threshold: null,
      tiers: [
        { upTo: 0.3, multiplier: 1.5 },
        { upTo: 0.7, multiplier: 1 },
      ],
      otherMultiplier: 0.5,
      floor: 2_000_000_000,
      cap: 8_000_000_000,
      changeRelative: null,
      changeAbsolute: null,
    },
  ];
}

/** Last year's allocation per complex, when the change limit needs it. */
export type LastYear = { complexId: number; amount: number }[] | null;

/** Thrown when a scenario cannot become a rule; `field` names the control. */
export class ScenarioInputError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'ScenarioInputError';
    this.field = field;
  }
}

/**
 * The rule the API takes. Tiers are sorted by their cumulative fraction; a change limit without
 * last year's amounts is an input error (the domain would refuse it too, less clearly). A
 * proportional base needs `complexIds` (the complexes allocated): the server wants a size for
 * each, so complexes without one get size 1, and a negative size or all-zero sizes are errors.
 */
export function toRule(
  s: ScenarioState,
  lastYear: LastYear,
  complexIds: readonly number[] = [],
): AllocationRuleDto {
  const hasChangeLimit = s.changeRelative !== null || s.changeAbsolute !== null;
  if (hasChangeLimit && !lastYear) {
    throw new ScenarioInputError('changeLimit', 'a change limit needs last year’s allocation');
  }
  if (s.performance === 'tiers' && s.tiers.length === 0) {
    throw new ScenarioInputError('tiers', 'rank tiers need at least one tier');
  }
  let base: AllocationRuleDto['base'] = { kind: 'equal' };
  if (s.base === 'proportional') {
    const sizes = complexIds.map((complexId) => ({ complexId, size: s.sizes[complexId] ?? 1 }));
    const bad = sizes.find((x) => !(x.size >= 0) || !Number.isFinite(x.size));
    if (bad) {
      throw new ScenarioInputError('sizes', `complex ${bad.complexId}: a size must be ≥ 0`);
    }
    if (s.baseShare > 0 && sizes.every((x) => x.size === 0)) {
      throw new ScenarioInputError('sizes', 'a proportional base needs a size > 0');
    }
    base = { kind: 'proportional', sizes };
  }
  return {
    pool: Math.round(s.pool),
    baseFraction: s.baseShare,
    base,
    performance:
      s.performance === 'proportional'
        ? { kind: 'proportional', ...(s.threshold === null ? {} : { threshold: s.threshold }) }
        : {
            kind: 'tiers',
            tiers: [...s.tiers]
              .sort((a, b) => a.upTo - b.upTo)
              .map((tier) => ({ upToFraction: tier.upTo, multiplier: tier.multiplier })),
            otherMultiplier: s.otherMultiplier,
          },
    ...(s.floor === null ? {} : { floor: s.floor }),
    ...(s.cap === null ? {} : { cap: s.cap }),
    ...(hasChangeLimit
      ? {
          changeLimit: {
            ...(s.changeRelative === null ? {} : { relative: s.changeRelative }),
            ...(s.changeAbsolute === null ? {} : { absolute: s.changeAbsolute }),
          },
        }
      : {}),
    ...(lastYear ? { lastYear } : {}),
  };
}

/** Last year's amounts as an equal split of a pool (whole KRW, remainder to the first ones). */
export function equalSplit(complexIds: readonly number[], pool: number): LastYear {
  const n = complexIds.length;
  if (n === 0) return [];
  const each = Math.floor(pool / n);
  let rest = pool - each * n;
  return complexIds.map((complexId) => {
    const extra = rest > 0 ? 1 : 0;
    rest -= extra;
    return { complexId, amount: each + extra };
  });
}

/** One row of the side-by-side table: a complex with its amount in each scenario. */
export interface ComparisonRow {
  complexId: number;
  complexName: string;
  rank: number;
  score: number;
  lastYear: number | null;
  cells: ({ amount: number; change: number | null; binding: AllocationLine['binding'] } | null)[];
}

/**
 * The complexes (by rank in the first feasible scenario) with every scenario's amount side by
 * side, and each scenario's total, which must equal its pool.
 */
export function compareOutcomes(outcomes: readonly AllocationOutcome[]): {
  rows: ComparisonRow[];
  totals: { total: number; pool: number; ok: boolean }[];
} {
  const first = outcomes.find((o) => o.ok && o.lines.length > 0);
  const rows: ComparisonRow[] = (first?.lines ?? []).map((line) => ({
    complexId: line.complexId,
    complexName: line.complexName,
    rank: line.rank,
    score: line.score,
    lastYear: line.lastYear,
    cells: outcomes.map((o) => {
      const l = o.lines.find((x) => x.complexId === line.complexId);
      return l ? { amount: l.amount, change: l.change, binding: l.binding } : null;
    }),
  }));
  const totals = outcomes.map((o) => {
    const total = o.lines.reduce((s, l) => s + l.amount, 0);
    return { total, pool: o.pool, ok: o.ok && total === o.pool };
  });
  return { rows, totals };
}
