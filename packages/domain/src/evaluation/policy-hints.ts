import type { LifeCycleStage } from '../mapping/life-cycle.ts';

/**
 * Measures that policy hints can test, with their definitions (all supplied by the caller from
 * the mapping and network analyses):
 * - `industrialDiversity`: 1 − Herfindahl index of the complex's employment (or firms) across
 *   industries, in [0, 1]; low = concentrated in few industries;
 * - `interRegionalTieShare`: share of the network's ties that link to actors in other regions,
 *   in [0, 1];
 * - `tripleHelixBalance`: normalised entropy of ties by partner type (firm, university,
 *   research institute), in [0, 1]; 1 = the three kinds of tie are equally common;
 * - `networkDensity`: ties / possible ties, in [0, 1];
 * - `largestComponentShare`: share of actors in the largest connected component, in [0, 1];
 * - `employmentGrowthRate`: compound annual growth rate of employment (0.02 = 2% a year).
 */
export type PolicyMeasure =
  | 'industrialDiversity'
  | 'interRegionalTieShare'
  | 'tripleHelixBalance'
  | 'networkDensity'
  | 'largestComponentShare'
  | 'employmentGrowthRate';

/** A test on one measure: the value must be strictly below and/or strictly above a bound. */
export interface PolicyCondition {
  measure: PolicyMeasure;
  below?: number;
  above?: number;
}

/** A recommendation as data: when it applies, what it says and where it comes from. */
export interface PolicyHintRule {
  id: string;
  /** Life-cycle stages it applies to; omitted = any stage (or none known). */
  stages?: readonly LifeCycleStage[];
  /** Every condition must hold; a condition on a measure that is not supplied does not hold. */
  conditions: readonly PolicyCondition[];
  title: string;
  recommendation: string;
  /** Full citations of the sources the recommendation rests on. */
  sources: readonly string[];
}

/** What is known about one cluster (nulls for what the analyses could not give). */
export interface PolicyHintInput {
  stage: LifeCycleStage | null;
  measures: Partial<Record<PolicyMeasure, number | null>>;
}

/** A hint that applies, with the measured values that triggered it. */
export interface PolicyHint {
  rule: PolicyHintRule;
  stage: LifeCycleStage | null;
  measured: { measure: PolicyMeasure; value: number; condition: PolicyCondition }[];
}

const menzelFornahl =
  'Menzel, M.-P. & Fornahl, D. (2010). Cluster life cycles: dimensions and rationales of cluster evolution. Industrial and Corporate Change 19(1), 205-238.';
const oecd2007 =
  'OECD (2007). Competitive Regional Clusters: National Policy Approaches. OECD Reviews of Regional Innovation. Paris: OECD Publishing.';
const boschma2005 =
  'Boschma, R. (2005). Proximity and innovation: a critical assessment. Regional Studies 39(1), 61-74.';
const bathelt2004 =
  'Bathelt, H., Malmberg, A. & Maskell, P. (2004). Clusters and knowledge: local buzz, global pipelines and the process of knowledge creation. Progress in Human Geography 28(1), 31-56.';
const frenken2007 =
  'Frenken, K., Van Oort, F. & Verburg, T. (2007). Related variety, unrelated variety and regional economic growth. Regional Studies 41(5), 685-697.';
const martinSunley2011 =
  'Martin, R. & Sunley, P. (2011). Conceptualizing cluster evolution: beyond the life cycle model? Regional Studies 45(10), 1299-1318.';
const etzkowitz2000 =
  'Etzkowitz, H. & Leydesdorff, L. (2000). The dynamics of innovation: from National Systems and "Mode 2" to a Triple Helix of university-industry-government relations. Research Policy 29(2), 109-123.';
const giulianiBell2005 =
  'Giuliani, E. & Bell, M. (2005). The micro-determinants of meso-level learning and innovation: evidence from a Chilean wine cluster. Research Policy 34(1), 47-68.';

/**
 * The built-in recommendations. The thresholds are ours (the sources give none) and are data:
 * pass a modified list to {@link selectPolicyHints} to change them.
 */
export const defaultPolicyHintRules: readonly PolicyHintRule[] = [
  {
    id: 'emerging-critical-mass',
    stages: ['emerging'],
    conditions: [],
    title: 'Build critical mass',
    recommendation:
      'Support start-ups, spin-offs and anchor firms and shared knowledge infrastructure; an emerging cluster lacks the mass of firms and skills that later growth draws on.',
    sources: [menzelFornahl, oecd2007],
  },
  {
    id: 'emerging-sparse-network',
    stages: ['emerging', 'growing'],
    conditions: [{ measure: 'networkDensity', below: 0.05 }],
    title: 'Broker the first ties',
    recommendation:
      'Fund network brokers (mini-cluster coordinators, joint problem-solving meetings) to create ties among members; the network is still sparse.',
    sources: [oecd2007, menzelFornahl],
  },
  {
    id: 'growing-keep-heterogeneity',
    stages: ['growing'],
    conditions: [],
    title: 'Keep the cluster open and varied',
    recommendation:
      'Keep admitting new kinds of members and knowledge; growth rests on the heterogeneity of the firms and their knowledge, which convergence erodes.',
    sources: [menzelFornahl],
  },
  {
    id: 'mature-diversify',
    stages: ['mature'],
    conditions: [{ measure: 'industrialDiversity', below: 0.5 }],
    title: 'Diversify into related activities and services',
    recommendation:
      'Encourage diversification into related industries and links to knowledge-intensive business services; a mature cluster concentrated in few industries risks lock-in.',
    sources: [menzelFornahl, frenken2007, boschma2005],
  },
  {
    id: 'declining-renewal',
    stages: ['declining'],
    conditions: [],
    title: 'Renew rather than preserve',
    recommendation:
      'Support re-skilling and new paths building on existing capabilities instead of subsidising declining activities.',
    sources: [menzelFornahl, martinSunley2011],
  },
  {
    id: 'inter-regional-linkage',
    conditions: [{ measure: 'interRegionalTieShare', below: 0.1 }],
    title: 'Link to other regions',
    recommendation:
      'Build inter-regional linkages (e.g. hub-and-spoke links to connected complexes, joint projects with other regions); too few ties outside the region limits access to new knowledge.',
    sources: [bathelt2004, boschma2005],
  },
  {
    id: 'triple-helix-links',
    conditions: [{ measure: 'tripleHelixBalance', below: 0.5 }],
    title: 'Strengthen university and institute links',
    recommendation:
      'Fund industry-university and industry-institute co-operation (joint projects, researchers in mini-clusters); the ties are unbalanced across firms, universities and institutes.',
    sources: [etzkowitz2000, oecd2007],
  },
  {
    id: 'connect-fragments',
    conditions: [{ measure: 'largestComponentShare', below: 0.5 }],
    title: 'Connect the fragments',
    recommendation:
      'Most actors sit outside the main network; support gatekeepers and coordinators who bridge the separate groups.',
    sources: [giulianiBell2005, oecd2007],
  },
];

function holds(condition: PolicyCondition, value: number): boolean {
  if (condition.below !== undefined && !(value < condition.below)) return false;
  if (condition.above !== undefined && !(value > condition.above)) return false;
  return true;
}

/**
 * The recommendations that apply to a cluster: a rule applies when its stages include the
 * cluster's stage (a rule without stages applies to any) and every condition holds on a
 * supplied, finite measure. Each hint returns the values that triggered it, in rule order.
 */
export function selectPolicyHints(
  input: PolicyHintInput,
  rules: readonly PolicyHintRule[] = defaultPolicyHintRules,
): PolicyHint[] {
  const hints: PolicyHint[] = [];
  for (const rule of rules) {
    if (rule.stages && (input.stage === null || !rule.stages.includes(input.stage))) continue;
    const measured: PolicyHint['measured'] = [];
    let applies = true;
    for (const condition of rule.conditions) {
      const value = input.measures[condition.measure];
      if (
        value === null ||
        value === undefined ||
        !Number.isFinite(value) ||
        !holds(condition, value)
      ) {
        applies = false;
        break;
      }
      measured.push({ measure: condition.measure, value, condition });
    }
    if (applies) hints.push({ rule, stage: input.stage, measured });
  }
  return hints;
}
