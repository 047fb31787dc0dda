import {
  applicableFirmSize,
  assignReviewers,
  budgetTotals,
  checkProposal,
  createSeededRandom,
  dayNumber,
  detectConflicts,
  expertiseCost,
  isFastTrack,
  isoOfDay,
  keywordVector,
  projectCycleWorkflows,
  randomInt,
  reportDueDates,
  selectByRankWithinBudget,
  weightedRubricScore,
  type ConflictOrganisation,
  type InstrumentRules,
  type OrganisationKind,
  type ProposalBudgetLine,
  type ProposalForRules,
  type RandomSource,
  type ReviewerPair,
  type RubricCriterion,
} from '@innocluster/domain';
import { sql } from 'kysely';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import { systemContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';

/**
 * Demo data of the bottom-up project cycle (issue 6), generated from a seed and flagged
 * synthetic: per year 2008-2012 a call of the demo programme with its instruments, demands
 * raised at the demo's networking activities, proposals (with versions), an evaluator pool,
 * conflict-free review assignments, blind reviews, committee decisions within each call's
 * budget, and projects with agreements, disbursements, reports, outcomes and interim gates;
 * every state is reached through the workflow tables and written to workflow_event.
 *
 * The figures follow DOMAIN.md: grants reached teams about five months after the official
 * start in the early years [Shin] (first payments here lag 150 days in 2008, improving to about
 * a month by 2011), reports were due four times a year with rounds of amendments [Shin]
 * (quarterly reports in 2008-2009, half-yearly in 2010, annual from 2011), joint R&D gets at
 * most KRW 200 million with a public share up to 75% for SMEs, business consulting is paid in
 * full, and small tasks below KRW 10 million go by a fast track without the committee [OECD,
 * the agency's published rules]. A second, overlapping programme (a regional-innovation pilot
 * of another ministry) holds a few proposals that repeat ICCP proposals of the same firms, so
 * overlap detection has something to find [Shin: thirteen overlapping cluster programmes].
 */

/** Seed of the generated project cycle: the same demo on every machine. */
export const demoProjectSeed = 20050705;

/** The demo's "today" for the project cycle: the 2012 call is under review on this date. */
export const demoProjectsAsOf = '2012-05-15';

// ---------------------------------------------------------------------------------------------
// Generated records (pure data; ids of existing rows are inputs, new rows are list indices)

/** A workflow step with its business date; `from` null creates the record in `to`. */
export interface DemoStep {
  readonly from: string | null;
  readonly action: string;
  readonly to: string;
  readonly reason: string | null;
  readonly onDate: string;
}

export interface DemoDemand {
  readonly programme: 'iccp' | 'ris';
  readonly complexId: number | null;
  readonly miniClusterId: number | null;
  readonly activityId: number;
  readonly title: string;
  readonly description: string;
  readonly supportArea: 'management' | 'rd' | 'funding' | 'labour' | 'marketing';
  readonly field: string;
  readonly raisedOn: string;
  readonly organisationIds: readonly number[];
  status: string;
  readonly steps: DemoStep[];
}

export interface DemoInstrument {
  readonly code: string;
  readonly name: string;
  readonly budgetKrw: number | null;
  readonly rules: InstrumentRules;
  /** Project length in months. */
  readonly months: number;
}

export interface DemoCall {
  readonly programme: 'iccp' | 'ris';
  readonly year: number;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly budgetKrw: number;
  readonly opensOn: string;
  readonly closesOn: string;
  readonly decisionBy: string;
  readonly reviewsPerProposal: number;
  readonly rubric: readonly { code: string; name: string; weight: number; maxScore: number }[];
  readonly instruments: readonly DemoInstrument[];
  status: string;
  readonly steps: DemoStep[];
}

export interface DemoBudgetLine extends ProposalBudgetLine {
  readonly organisationId: number | null;
}

export interface DemoProposalVersion {
  readonly version: number;
  readonly createdOn: string;
  readonly note: string | null;
  readonly title: string;
  readonly budget: readonly DemoBudgetLine[];
  readonly violations: readonly unknown[];
}

export interface DemoProposal {
  readonly call: number;
  readonly instrument: number;
  readonly demand: number | null;
  readonly complexId: number | null;
  readonly miniClusterId: number | null;
  readonly leadOrganisationId: number;
  readonly partners: readonly { organisationId: number; role: 'partner' | 'advisor' }[];
  title: string;
  readonly abstract: string;
  readonly plan: string;
  readonly startOn: string;
  readonly endOn: string;
  budget: DemoBudgetLine[];
  readonly milestones: readonly { title: string; dueOn: string; deliverable: string }[];
  readonly versions: DemoProposalVersion[];
  readonly keywords: readonly string[];
  /** Latent quality (0-1) the reviewers' scores scatter around. */
  readonly quality: number;
  status: string;
  submittedOn: string | null;
  readonly steps: DemoStep[];
  screening: { version: number; passed: boolean; on: string; notes: string } | null;
}

export interface DemoEvaluator {
  readonly name: string;
  readonly title: string;
  readonly expertise: readonly string[];
  readonly affiliationIds: readonly number[];
  readonly maxLoad: number;
}

export interface DemoDeclaration {
  readonly evaluator: number;
  readonly organisationId: number;
  readonly reason: string;
}

export interface DemoReview {
  readonly scores: Record<string, number>;
  readonly total: number;
  readonly commentToApplicant: string;
  readonly commentToCommittee: string;
  readonly status: 'draft' | 'submitted';
  readonly submittedOn: string | null;
}

export interface DemoAssignment {
  readonly call: number;
  readonly proposal: number;
  readonly evaluator: number;
  readonly cost: number;
  readonly status: 'assigned' | 'submitted';
  readonly review: DemoReview | null;
}

export interface DemoMeeting {
  readonly call: number;
  readonly heldOn: string;
  readonly title: string;
  readonly members: string;
  readonly minutes: string;
  readonly status: 'planned' | 'held' | 'closed';
}

export interface DemoDecision {
  readonly proposal: number;
  readonly meeting: number | null;
  readonly decision: 'select' | 'revise' | 'reject' | 'fast_track_select' | 'fail_screening';
  readonly reason: string;
  readonly rank: number | null;
  readonly approvedGrantKrw: number | null;
  readonly decidedOn: string;
}

export interface DemoInspection {
  readonly proposal: number;
  readonly inspectedOn: string;
  readonly inspectors: string;
  readonly findings: string;
  readonly recommendation: 'proceed' | 'proceed_with_conditions';
}

export interface DemoDisbursement {
  readonly seq: number;
  readonly scheduledOn: string;
  readonly amountKrw: number;
  status: string;
  requestedOn: string | null;
  paidOn: string | null;
  paidAmountKrw: number | null;
  note: string | null;
  readonly steps: DemoStep[];
}

export interface DemoReport {
  readonly kind: 'periodic' | 'annual' | 'interim' | 'final';
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly dueOn: string;
  status: string;
  submittedOn: string | null;
  acceptedOn: string | null;
  amendmentRounds: number;
  paperworkHours: number | null;
  readonly steps: DemoStep[];
}

export interface DemoOutcome {
  readonly kind: string;
  readonly title: string;
  readonly quantity: number | null;
  readonly valueKrw: number | null;
  readonly occurredOn: string;
  readonly evidence: string;
  /** Index into the project's reports when a submitted report covers it. */
  readonly report: number | null;
}

export interface DemoEvaluation {
  readonly kind: 'interim' | 'final';
  readonly evaluatedOn: string;
  readonly score: number;
  readonly grade: string;
  readonly findings: string;
  readonly recommendation: 'continue' | 'terminate' | 'complete';
}

export interface DemoProject {
  readonly proposal: number;
  readonly call: number;
  readonly instrument: number;
  readonly startOn: string;
  readonly endOn: string;
  readonly approvedGrantKrw: number;
  status: string;
  readonly steps: DemoStep[];
  readonly agreement: {
    status: string;
    readonly approvedBudget: readonly DemoBudgetLine[];
    readonly terms: string;
    readonly offeredOn: string;
    readonly signedOn: string | null;
    amendmentCount: number;
    readonly steps: DemoStep[];
  };
  readonly disbursements: DemoDisbursement[];
  readonly reports: DemoReport[];
  readonly outcomes: DemoOutcome[];
  readonly evaluations: DemoEvaluation[];
}

export interface ProjectDemoData {
  readonly demands: DemoDemand[];
  readonly calls: DemoCall[];
  readonly proposals: DemoProposal[];
  readonly evaluators: DemoEvaluator[];
  readonly declarations: DemoDeclaration[];
  readonly assignments: DemoAssignment[];
  readonly meetings: DemoMeeting[];
  readonly decisions: DemoDecision[];
  readonly inspections: DemoInspection[];
  readonly projects: DemoProject[];
  /** Other firms backing ideas published to the idea store, with a note, once each. */
  readonly backings: { demand: number; organisationId: number; note: string; on: string }[];
  readonly comments: { demand: number; body: string; on: string }[];
}

/** What the generator reads from the demo registry and networking records. */
export interface ProjectDemoInput {
  readonly organisations: readonly {
    id: number;
    name: string;
    kind: OrganisationKind;
    sizeClass: 'sme' | 'mid_sized' | 'large' | null;
    complexId: number | null;
    /** For same-mini-cluster competitor conflicts: the industry and the mini-clusters. */
    industryId?: number | null;
    miniClusterIds?: readonly number[];
  }[];
  /** Collaborations, for recent-collaboration conflicts (DOMAIN.md's conflict rules). */
  readonly collaborations?: readonly {
    sourceId: number;
    targetId: number;
    startedOn: string;
    endedOn: string | null;
    kind: string;
  }[];
  readonly complexes: readonly { id: number; name: string; focus: string }[];
  readonly miniClusters: readonly { id: number; complexId: number; field: string }[];
  /** Forums, seminars, workshops and meetings with the companies that attended. */
  readonly activities: readonly {
    id: number;
    heldOn: string;
    complexId: number | null;
    miniClusterId: number | null;
    companyIds: readonly number[];
  }[];
}

// ---------------------------------------------------------------------------------------------
// Calendar and money helpers

const plusDays = (iso: string, days: number): string => isoOfDay(dayNumber(iso) + days);
const minDate = (a: string, b: string): string => (a <= b ? a : b);
const maxDate = (a: string, b: string): string => (a >= b ? a : b);

function plusMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole thousands of KRW. */
const thousand = (krw: number): number => Math.round(krw / 1000) * 1000;

/** A normal deviate (Box-Muller) from the seeded source. */
function gaussian(random: RandomSource): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function chooseOne<T>(random: RandomSource, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('project demo: choosing from an empty list');
  return item;
}

function shuffle<T>(random: RandomSource, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Walks a workflow table from `from`, checking every step, and returns the steps. */
class Walker {
  readonly steps: DemoStep[] = [];
  state: string;
  constructor(
    private readonly table: string,
    initial: string,
    onDate: string,
  ) {
    this.state = initial;
    this.steps.push({ from: null, action: 'create', to: initial, reason: null, onDate });
  }
  go(action: string, onDate: string, reason: string | null = null): this {
    const t = projectCycleWorkflows[this.table]!.transitions.find(
      (tr) => tr.from === this.state && tr.action === action,
    );
    if (!t) throw new Error(`project demo: ${this.table} cannot '${action}' from '${this.state}'`);
    if (t.reasonRequired && !reason)
      throw new Error(`project demo: ${this.table} '${action}' needs a reason`);
    const last = this.steps[this.steps.length - 1]!;
    if (onDate < last.onDate)
      throw new Error(`project demo: ${this.table} '${action}' on ${onDate} before ${last.onDate}`);
    this.steps.push({ from: this.state, action, to: t.to, reason, onDate });
    this.state = t.to;
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: titles and abstracts vary enough that unrelated proposals share few terms

const objectsByFocus: [RegExp, string[]][] = [
  [
    /electron|information/i,
    [
      'OLED panel encapsulation',
      'touch screen module',
      'camera module lens',
      'LED driver IC',
      'flexible printed circuit',
      'chip inductor',
      'battery protection circuit',
      'RF antenna',
      'thermal interface pad',
      'backlight unit',
      'set-top box firmware',
      'wafer inspection jig',
    ],
  ],
  [
    /automo/i,
    [
      'brake caliper',
      'aluminium wheel',
      'transmission gear',
      'seat frame',
      'wiring harness',
      'exhaust manifold',
      'door module',
      'steering column',
      'fuel injector',
      'battery tray',
      'bumper beam',
      'headlamp housing',
    ],
  ],
  [
    /machine|mechatron/i,
    [
      'CNC spindle',
      'ball screw',
      'hydraulic valve',
      'robot gripper',
      'servo controller',
      'gear reducer',
      'press die',
      'bearing housing',
      'linear guide',
      'cutting tool coating',
      'vibration damper',
      'pump impeller',
    ],
  ],
  [
    /photonic/i,
    [
      'LED street light',
      'optical transceiver',
      'fibre laser head',
      'UV curing lamp',
      'micro lens array',
      'infrared sensor',
      'light guide plate',
      'laser marking system',
      'avalanche photodiode',
      'smart lighting controller',
    ],
  ],
  [
    /medical/i,
    [
      'ultrasound probe',
      'digital X-ray detector',
      'gait rehabilitation robot',
      'dental implant fixture',
      'bedside patient monitor',
      'blood glucose meter',
      'hearing aid shell',
      'ECG electrode',
      'surgical stapler',
      'powered wheelchair drive',
    ],
  ],
  [
    /ship/i,
    [
      'hull block welding',
      'marine engine cylinder liner',
      'propeller shaft',
      'ballast water treatment',
      'deck crane',
      'pipe spool',
      'mooring fitting',
      'navigation display',
      'anchor chain',
      'LNG cargo insulation panel',
    ],
  ],
  [
    /./,
    [
      'zinc plating line',
      'injection mould',
      'rubber seal',
      'aluminium die casting',
      'powder coating',
      'forging die',
      'plastic compound',
      'heat exchanger tube',
      'fine chemical catalyst',
      'waste water treatment unit',
      'sintered metal part',
      'anodising bath',
    ],
  ],
];

const qualifiers = [
  'low-cost',
  'high-precision',
  'lightweight',
  'energy-saving',
  'long-life',
  'compact',
  'automated',
  'eco-friendly',
  'high-speed',
  'low-noise',
  'sensor-based',
  'heat-resistant',
];

const problems = [
  'low production yield',
  'a high defect rate',
  'short tool life',
  'dependence on imported parts',
  'slow delivery to buyers',
  'rising energy costs',
  'no in-house test equipment',
  'missing quality certification',
  'no access to export markets',
  'a shortage of skilled engineers',
  'weak design capability',
  'price pressure from the main buyer',
];

const methods = [
  'finite element analysis',
  'design of experiments',
  'process simulation',
  'accelerated reliability testing',
  'plasma surface treatment',
  'machine vision inspection',
  'statistical process control',
  'rapid prototyping',
  'field trials with a buyer',
  'material substitution',
  'failure mode and effects analysis',
  'thermal imaging',
];

const consultingTopics = [
  'Production management',
  'Cost accounting',
  'ISO 9001 certification',
  'Export strategy',
  'Lean manufacturing',
  'Intellectual property strategy',
  'ERP introduction',
  'Workplace safety',
];

const marketingTopics = [
  'Trade fair participation',
  'Overseas buyer matching',
  'Catalogue and website localisation',
  'Joint brand development',
  'Distributor search in Southeast Asia',
  'Product certification for the EU market',
];

const evaluatorNames = [
  'Kim Min-jun',
  'Lee Seo-yeon',
  'Park Ji-hoon',
  'Choi Eun-ji',
  'Jung Hyun-woo',
  'Kang Soo-min',
  'Cho Young-ho',
  'Yoon Ha-eun',
  'Jang Dong-hyun',
  'Lim Ji-won',
  'Han Sang-woo',
  'Oh Mi-rae',
  'Seo Jae-won',
  'Shin Hye-jin',
  'Kwon Tae-yang',
  'Hwang Bo-ra',
  'Ahn Jun-seo',
  'Song Ye-jin',
  'Yoo Chang-min',
  'Hong Da-eun',
  'Jeon Woo-jin',
  'Ko Na-yeon',
  'Moon Sung-hoon',
  'Yang Ji-eun',
  'Son Kyung-ho',
  'Bae Soo-ah',
  'Baek Hyun-soo',
  'Heo Jin-young',
];

const evaluatorTitles = [
  'Professor of mechanical engineering',
  'Principal researcher',
  'Professor of electronics',
  'Patent attorney',
  'Certified public accountant',
  'Management consultant',
  'Senior engineer (retired)',
  'Professor of materials science',
];

/**
 * The rubric of every demo call (weights as in common R&D evaluation sheets). Codes are single
 * words: the database layer camel-cases JSON keys it reads, which would rename `demand_fit`.
 */
export const demoRubric = [
  { code: 'merit', name: 'Technical merit and feasibility', weight: 35, maxScore: 10 },
  { code: 'demand', name: 'Answers firms’ demand', weight: 25, maxScore: 10 },
  { code: 'capability', name: 'Capability of the team', weight: 20, maxScore: 10 },
  { code: 'impact', name: 'Expected economic impact', weight: 20, maxScore: 10 },
] as const;
const rubricForScore: RubricCriterion[] = demoRubric.map((c) => ({
  key: c.code,
  weight: c.weight,
  maxScore: c.maxScore,
}));

const researchKinds: OrganisationKind[] = [
  'company',
  'university',
  'research_institute',
  'support_institution',
];

/**
 * The instruments of a call in `year`: joint R&D (the published field-customised R&D rules:
 * up to KRW 200 million, public share under 75% / 60% / 33% for SMEs / mid-sized / large
 * firms, a firm share of at least 20%), prototypes, business consulting (paid in full, OECD)
 * and, from 2009, marketing. Consulting, prototypes and marketing below KRW 10 million go by
 * the fast track. Reports: quarterly in 2008-2009 (four a year, as Shin reports), half-yearly
 * in 2010, annual from 2011.
 */
export function demoInstruments(year: number): DemoInstrument[] {
  const reportingSchedule: InstrumentRules['reportingSchedule'] =
    year <= 2009
      ? { kind: 'every_months', months: 3 }
      : year === 2010
        ? { kind: 'every_months', months: 6 }
        : { kind: 'annual' };
  const partnerKinds = researchKinds;
  const list: DemoInstrument[] = [
    {
      code: 'joint_rd',
      name: 'Field-customised joint R&D',
      budgetKrw: null,
      months: 24,
      rules: {
        code: 'joint_rd',
        name: 'Field-customised joint R&D',
        maxGrantKrw: 200_000_000,
        minTotalKrw: 10_000_000,
        publicShareLimits: { sme: 0.75, mid_sized: 0.6, large: 0.33 },
        minFirmShare: 0.2,
        costCategoryCaps: { personnel: 0.4 },
        eligibleLeadKinds: ['company'],
        eligiblePartnerKinds: partnerKinds,
        fastTrackBelowKrw: null,
        reportingSchedule,
      },
    },
    {
      code: 'prototype',
      name: 'Prototype making',
      budgetKrw: null,
      months: 12,
      rules: {
        code: 'prototype',
        name: 'Prototype making',
        maxGrantKrw: 50_000_000,
        minTotalKrw: null,
        publicShareLimits: { sme: 0.75, mid_sized: 0.6, large: 0.33 },
        minFirmShare: 0.2,
        costCategoryCaps: {},
        eligibleLeadKinds: ['company'],
        eligiblePartnerKinds: partnerKinds,
        fastTrackBelowKrw: 10_000_000,
        reportingSchedule,
      },
    },
    {
      code: 'consulting',
      name: 'Business consulting',
      budgetKrw: null,
      months: 6,
      rules: {
        code: 'consulting',
        name: 'Business consulting',
        maxGrantKrw: 20_000_000,
        minTotalKrw: null,
        publicShareLimits: { sme: 1, mid_sized: 1, large: 0.5 },
        minFirmShare: null,
        costCategoryCaps: {},
        eligibleLeadKinds: ['company'],
        eligiblePartnerKinds: ['support_institution', 'university'],
        fastTrackBelowKrw: 10_000_000,
        reportingSchedule: { kind: 'final_only' },
      },
    },
  ];
  if (year >= 2009)
    list.push({
      code: 'marketing',
      name: 'Marketing and exhibitions',
      budgetKrw: null,
      months: 12,
      rules: {
        code: 'marketing',
        name: 'Marketing and exhibitions',
        maxGrantKrw: 30_000_000,
        minTotalKrw: null,
        publicShareLimits: { sme: 0.7, mid_sized: 0.5, large: 0.3 },
        minFirmShare: 0.3,
        costCategoryCaps: {},
        eligibleLeadKinds: ['company'],
        eligiblePartnerKinds: ['company', 'support_institution'],
        fastTrackBelowKrw: 10_000_000,
        reportingSchedule: { kind: 'final_only' },
      },
    });
  return list;
}

/** Budgets (KRW) and proposal counts per call; the first payment lag (days) by year. */
const callPlan = [
  { programme: 'iccp', year: 2008, budgetKrw: 700_000_000, proposals: 30, lagDays: 150 },
  { programme: 'iccp', year: 2009, budgetKrw: 800_000_000, proposals: 34, lagDays: 115 },
  { programme: 'iccp', year: 2010, budgetKrw: 900_000_000, proposals: 38, lagDays: 75 },
  { programme: 'iccp', year: 2011, budgetKrw: 1_000_000_000, proposals: 40, lagDays: 35 },
  { programme: 'ris', year: 2011, budgetKrw: 400_000_000, proposals: 12, lagDays: 60 },
  { programme: 'iccp', year: 2012, budgetKrw: 1_100_000_000, proposals: 42, lagDays: 30 },
] as const;

/** Amendment rounds per report and paperwork hours per report by year (burden falls). */
const reportBurden: Record<number, { rounds: [number, number]; hours: [number, number] }> = {
  2008: { rounds: [1, 3], hours: [30, 50] },
  2009: { rounds: [1, 2], hours: [25, 40] },
  2010: { rounds: [0, 1], hours: [15, 25] },
  2011: { rounds: [0, 1], hours: [8, 16] },
  2012: { rounds: [0, 0], hours: [6, 12] },
};

const stamp = (onDate: string): string => `${onDate}T09:00:00+09:00`;

// ---------------------------------------------------------------------------------------------
// The generator

/** Generates the project-cycle demo from the registry and networking records (pure). */
export function generateProjectDemo(
  input: ProjectDemoInput,
  random: RandomSource,
  asOf: string = demoProjectsAsOf,
): ProjectDemoData {
  const orgById = new Map(input.organisations.map((o) => [o.id, o]));
  const complexById = new Map(input.complexes.map((c) => [c.id, c]));
  const miniById = new Map(input.miniClusters.map((m) => [m.id, m]));
  const orgsByComplex = new Map<number, (typeof input.organisations)[number][]>();
  for (const o of input.organisations) {
    if (o.complexId === null) continue;
    const list = orgsByComplex.get(o.complexId) ?? [];
    list.push(o);
    orgsByComplex.set(o.complexId, list);
  }
  const objectsFor = (complexId: number | null): string[] => {
    const focus = complexById.get(complexId ?? -1)?.focus ?? '';
    return (objectsByFocus.find(([re]) => re.test(focus)) ?? objectsByFocus.at(-1)!)[1];
  };

  const conflictOrganisations = new Map<string, ConflictOrganisation>(
    input.organisations.map((o) => [
      String(o.id),
      {
        id: String(o.id),
        name: o.name,
        miniClusterIds: (o.miniClusterIds ?? []).map(String),
        industryCodes:
          o.industryId === null || o.industryId === undefined ? [] : [String(o.industryId)],
      },
    ]),
  );
  const out: ProjectDemoData = {
    demands: [],
    calls: [],
    proposals: [],
    evaluators: [],
    declarations: [],
    assignments: [],
    meetings: [],
    decisions: [],
    inspections: [],
    projects: [],
    backings: [],
    comments: [],
  };

  // The evaluator pool: university and institute staff plus a few industry experts.
  const academics = input.organisations.filter(
    (o) => o.kind === 'university' || o.kind === 'research_institute',
  );
  const allFields = [...new Set(input.miniClusters.map((m) => m.field))].sort();
  evaluatorNames.forEach((name, i) => {
    const home = chooseOne(random, academics);
    const affiliationIds = [home.id];
    // Some evaluators also advise a firm: a same-organisation conflict for its proposals.
    if (i % 4 === 1) {
      const firms = (orgsByComplex.get(home.complexId ?? -1) ?? []).filter(
        (o) => o.kind === 'company',
      );
      if (firms.length > 0) affiliationIds.push(chooseOne(random, firms).id);
    }
    const expertise = shuffle(random, allFields).slice(0, randomInt(random, 3, 5));
    if (i % 5 === 0) expertise.push('management');
    if (i % 7 === 0) expertise.push('marketing');
    out.evaluators.push({
      name: `Demo evaluator ${name}`,
      title: evaluatorTitles[i % evaluatorTitles.length]!,
      expertise,
      affiliationIds,
      maxLoad: 8,
    });
  });

  // Demands come up at forums, seminars, workshops and meetings with companies attending.
  const activities = input.activities.filter((a) => a.companyIds.length > 0);
  const supportAreaOf: Record<string, DemoDemand['supportArea']> = {
    joint_rd: 'rd',
    prototype: 'rd',
    consulting: 'management',
    marketing: 'marketing',
  };

  const fundedHistory: number[] = [];

  for (const plan of callPlan) {
    const Y = plan.year;
    const callIndex = out.calls.length;
    const instruments = demoInstruments(Y);
    const ris = plan.programme === 'ris';
    const callInstruments = ris
      ? [
          {
            ...instruments[0]!,
            name: 'Regional joint R&D',
            rules: {
              ...instruments[0]!.rules,
              name: 'Regional joint R&D',
              maxGrantKrw: 100_000_000,
              publicShareLimits: { sme: 0.7, mid_sized: 0.5, large: 0.3 },
            },
            months: 12,
          },
        ]
      : instruments;
    const opensOn = `${Y}-02-01`;
    const closesOn = ris ? `${Y}-04-15` : `${Y}-03-31`;
    const decisionBy = ris ? `${Y}-06-30` : `${Y}-06-30`;
    const call = new Walker('call', 'draft', `${Y}-01-10`).go('open', opensOn);
    const demo: DemoCall = {
      programme: plan.programme,
      year: Y,
      code: ris ? `RIS-${Y}` : `ICCP-${Y}`,
      title: ris
        ? `Regional innovation pilot projects ${Y} (demo)`
        : `Mini-cluster projects ${Y}: joint R&D, prototypes, consulting${Y >= 2009 ? ', marketing' : ''}`,
      description: ris
        ? 'A regional-innovation programme of another ministry funding joint R&D of the same firms: the kind of overlapping programme the overlap check is for.'
        : `Bottom-up projects answering demands raised in the mini-clusters' forums and workshops in ${Y - 1}-${Y}. Budget KRW ${(plan.budgetKrw / 1e8).toFixed(0)} hundred million.`,
      budgetKrw: plan.budgetKrw,
      opensOn,
      closesOn,
      decisionBy,
      reviewsPerProposal: 3,
      rubric: demoRubric,
      instruments: callInstruments,
      status: 'open',
      steps: call.steps,
    };
    out.calls.push(demo);

    // Demands raised between the previous June and January at activities of the programme.
    const window = activities.filter(
      (a) => a.heldOn >= `${Y - 1}-06-01` && a.heldOn <= `${Y}-01-31`,
    );
    const demandIndices: number[] = [];
    const demandCount = ris ? 0 : Math.round(plan.proposals * 1.4);
    const pickedActivities = shuffle(random, window).slice(0, demandCount);
    for (const a of pickedActivities) {
      const raisers = shuffle(random, a.companyIds).slice(
        0,
        a.companyIds.length > 1 && random() < 0.3 ? 2 : 1,
      );
      const object = chooseOne(random, objectsFor(a.complexId));
      const problem = chooseOne(random, problems);
      const instrumentCode = chooseOne(random, [
        'joint_rd',
        'joint_rd',
        'prototype',
        'consulting',
        ...(Y >= 2009 ? ['marketing'] : []),
      ]);
      const mini = a.miniClusterId === null ? undefined : miniById.get(a.miniClusterId);
      const field = mini?.field ?? 'General';
      const title = `${object[0]!.toUpperCase()}${object.slice(1)}: ${problem}`;
      const raisedOn = a.heldOn;
      const w = new Walker('demand', 'raised', raisedOn);
      out.demands.push({
        programme: 'iccp',
        complexId: a.complexId,
        miniClusterId: a.miniClusterId,
        activityId: a.id,
        title,
        description: `Raised at the ${raisedOn} meeting: ${problem} in ${object} (${field}). ${instrumentCode === 'consulting' ? 'The firms ask for management support.' : instrumentCode === 'marketing' ? 'The firms ask for help reaching buyers.' : 'The firms ask for a joint technical solution.'}`,
        supportArea: supportAreaOf[instrumentCode] ?? 'rd',
        field,
        raisedOn,
        organisationIds: raisers,
        status: 'raised',
        steps: w.steps,
      });
      demandIndices.push(out.demands.length - 1);
      (out.demands.at(-1) as DemoDemand & { walker?: Walker }).walker = w;
    }

    // Proposals: most answer a demand (the lead is a raising firm), some come without one;
    // in later years a few repeat an earlier funded project, and the regional programme's
    // proposals repeat ICCP proposals of the same year (overlap).
    const answered = shuffle(random, demandIndices).slice(0, Math.round(plan.proposals * 0.8));
    const proposalIndices: number[] = [];
    const iccpSameYear = out.proposals
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => out.calls[p.call]!.year === Y && out.calls[p.call]!.programme === 'iccp');
    for (let k = 0; k < plan.proposals; k++) {
      let demandIndex: number | null = null;
      let lead: (typeof input.organisations)[number];
      let complexId: number | null;
      let miniClusterId: number | null;
      let instrumentIndex: number;
      let object: string;
      let repeatOf: DemoProposal | null = null;
      if (ris) {
        // Filled below from the ICCP proposals of the same year.
        const source = iccpSameYear[(k * 5) % Math.max(1, iccpSameYear.length)];
        if (!source) break;
        const base = source.p;
        repeatOf = k < 5 ? base : null;
        lead = orgById.get(base.leadOrganisationId)!;
        complexId = base.complexId;
        miniClusterId = base.miniClusterId;
        instrumentIndex = 0;
        object = chooseOne(random, objectsFor(complexId));
      } else if (k < answered.length) {
        demandIndex = answered[k]!;
        const d = out.demands[demandIndex]!;
        lead = orgById.get(d.organisationIds[0]!)!;
        complexId = d.complexId;
        miniClusterId = d.miniClusterId;
        const code =
          d.supportArea === 'management'
            ? 'consulting'
            : d.supportArea === 'marketing'
              ? 'marketing'
              : random() < 0.6
                ? 'joint_rd'
                : 'prototype';
        instrumentIndex = Math.max(
          0,
          callInstruments.findIndex((i) => i.code === code),
        );
        object = d.title.split(':')[0]!.toLowerCase();
      } else {
        const a = chooseOne(random, window.length > 0 ? window : activities);
        lead = orgById.get(chooseOne(random, a.companyIds))!;
        complexId = a.complexId;
        miniClusterId = a.miniClusterId;
        instrumentIndex = random() < 0.5 ? 0 : randomInt(random, 0, callInstruments.length - 1);
        object = chooseOne(random, objectsFor(complexId));
      }
      // Later ICCP calls: a funded project of an earlier year comes back as a new proposal.
      if (!ris && Y >= 2011 && k >= plan.proposals - 3 && fundedHistory.length > 0) {
        const earlierProject = out.projects[fundedHistory[(k * 7 + Y) % fundedHistory.length]!]!;
        repeatOf = out.proposals[earlierProject.proposal]!;
        lead = orgById.get(repeatOf.leadOrganisationId)!;
        complexId = repeatOf.complexId;
        miniClusterId = repeatOf.miniClusterId;
        instrumentIndex = 0;
        demandIndex = null;
      }
      const instrument = callInstruments[instrumentIndex]!;
      const field =
        (miniClusterId !== null ? miniById.get(miniClusterId)?.field : null) ?? 'General';
      const qualifier = chooseOne(random, qualifiers);
      const method = chooseOne(random, methods);
      const method2 = chooseOne(random, methods);
      const problem = chooseOne(random, problems);
      const Obj = `${object[0]!.toUpperCase()}${object.slice(1)}`;
      let title: string;
      let abstract: string;
      if (repeatOf) {
        title = ris ? `${repeatOf.title} for regional industry` : `${repeatOf.title}, phase 2`;
        abstract = `${repeatOf.abstract} ${ris ? 'The regional programme would fund the same work with the regional university.' : 'A follow-up of the earlier project.'}`;
      } else if (instrument.code === 'consulting') {
        const topic = chooseOne(random, consultingTopics);
        title = `${topic} consulting for a ${object} maker`;
        abstract = `${topic} for ${lead.name}, which faces ${problem}. Consultants diagnose the ${object} business, set targets and coach the staff for six months.`;
      } else if (instrument.code === 'marketing') {
        const topic = chooseOne(random, marketingTopics);
        title = `${topic} for ${qualifier} ${object}`;
        abstract = `${topic} so that ${qualifier} ${object} products of the mini-cluster reach new buyers; answers ${problem}.`;
      } else if (instrument.code === 'prototype') {
        title = `Prototype of a ${qualifier} ${object}`;
        abstract = `A working prototype of a ${qualifier} ${object}, built with ${method} and checked by ${method2}, to overcome ${problem}.`;
      } else {
        title = `${Obj}: ${qualifier} design by ${method}`;
        abstract = `Joint development of a ${qualifier} ${object} in the ${field.toLowerCase()} mini-cluster. The partners apply ${method} and ${method2} to overcome ${problem}, then validate the result with a buyer.`;
      }
      // Partners from the lead's complex (universities, institutes, firms as the rules allow).
      const pool = (orgsByComplex.get(complexId ?? -1) ?? []).filter(
        (o) => o.id !== lead.id && instrument.rules.eligiblePartnerKinds.includes(o.kind),
      );
      const partnerCount =
        instrument.code === 'joint_rd' ? randomInt(random, 1, 3) : randomInt(random, 0, 1);
      const partners = repeatOf
        ? repeatOf.partners.filter((p) =>
            instrument.rules.eligiblePartnerKinds.includes(orgById.get(p.organisationId)!.kind),
          )
        : shuffle(random, pool)
            .slice(0, partnerCount)
            .map((o) => ({
              organisationId: o.id,
              role: (o.kind === 'company' ? 'partner' : random() < 0.3 ? 'advisor' : 'partner') as
                'partner' | 'advisor',
            }));

      // The requested grant and a budget within the rules (a few break them on purpose).
      const maxGrant = instrument.rules.maxGrantKrw ?? 50_000_000;
      const fastTrackable = instrument.rules.fastTrackBelowKrw !== null && random() < 0.25;
      const grant = fastTrackable
        ? randomInt(random, 5, 9) * 1_000_000
        : instrument.code === 'joint_rd'
          ? randomInt(random, Math.round(maxGrant / 4e6), Math.round(maxGrant / 1.6e6)) * 1_000_000
          : randomInt(
              random,
              Math.max(10, Math.round(maxGrant / 3e6)),
              Math.round(maxGrant / 1e6),
            ) * 1_000_000;
      // The limit of the largest firm taking part applies (instrument-rules.ts).
      const size = applicableFirmSize(instrument.rules, {
        lead: forRules({ leadOrganisationId: lead.id, partners, budget: [] }, orgById).lead,
        partners: forRules({ leadOrganisationId: lead.id, partners, budget: [] }, orgById).partners,
        budget: [],
      });
      const sizeLimit = size === null ? 1 : (instrument.rules.publicShareLimits[size] ?? 1);
      const breaksRules = !repeatOf && random() < 0.05 && sizeLimit < 0.9;
      const publicShare = breaksRules
        ? sizeLimit + 0.08
        : sizeLimit >= 1 && instrument.rules.minFirmShare === null
          ? 1
          : Math.min(sizeLimit, 1 - (instrument.rules.minFirmShare ?? 0), 0.7) -
            0.01 -
            0.05 * random();
      const total = publicShare >= 1 ? grant : thousand(grant / publicShare);
      const firm = total - grant;
      const budget = budgetLines(grant, firm, lead.id);
      const startOn = ris ? `${Y}-07-01` : `${Y}-06-01`;
      const endOn = plusDays(plusMonths(startOn, instrument.months), -1);
      const milestones = [
        {
          title: 'Specification agreed with the buyer',
          dueOn: plusMonths(startOn, Math.max(1, Math.floor(instrument.months / 4))),
          deliverable: 'Specification',
        },
        {
          title: instrument.code === 'consulting' ? 'Final consulting report' : 'Validated result',
          dueOn: endOn,
          deliverable:
            instrument.code === 'joint_rd' ? 'Test report and patent application' : 'Report',
        },
      ];
      const createdOn = plusDays(opensOn, randomInt(random, 0, 35));
      const submittedOn = minDate(plusDays(createdOn, randomInt(random, 5, 30)), closesOn);
      const w = new Walker('proposal', 'draft', createdOn).go('submit', submittedOn);
      const p: DemoProposal = {
        call: callIndex,
        instrument: instrumentIndex,
        demand: demandIndex,
        complexId,
        miniClusterId,
        leadOrganisationId: lead.id,
        partners,
        title,
        abstract,
        plan: `Work packages: (1) analysis of ${problem}; (2) ${method}; (3) ${method2}; (4) validation and dissemination to the mini-cluster.`,
        startOn,
        endOn,
        budget,
        milestones,
        versions: [],
        keywords: [
          field,
          supportAreaOf[instrument.code] === 'management'
            ? 'management'
            : supportAreaOf[instrument.code] === 'marketing'
              ? 'marketing'
              : field,
        ],
        quality: Math.min(0.95, Math.max(0.25, 0.62 + 0.16 * gaussian(random))),
        status: w.state,
        submittedOn,
        steps: w.steps,
        screening: null,
      };
      p.versions.push({
        version: 1,
        createdOn: submittedOn,
        note: null,
        title,
        budget,
        violations: checkProposal(instrument.rules, forRules(p, orgById)),
      });
      (p as DemoProposal & { walker?: Walker }).walker = w;
      out.proposals.push(p);
      proposalIndices.push(out.proposals.length - 1);
      if (demandIndex !== null) {
        const d = out.demands[demandIndex] as DemoDemand & { walker: Walker };
        d.walker.go('discuss', plusDays(d.raisedOn, randomInt(random, 7, 30)));
        d.walker.go('link_proposal', maxDate(submittedOn, d.walker.steps.at(-1)!.onDate));
      }
    }
    // Demands no proposal answered: ideas, resolved elsewhere, dropped, or still open.
    for (const di of demandIndices) {
      const d = out.demands[di] as DemoDemand & { walker: Walker };
      if (d.walker.state !== 'raised') continue;
      const r = random();
      const discussOn = plusDays(d.raisedOn, randomInt(random, 7, 30));
      if (discussOn > asOf) continue;
      if (r < 0.12) {
        d.walker.go('drop', discussOn, 'The firms found a supplier who solved it.');
        continue;
      }
      d.walker.go('discuss', discussOn);
      const next = plusDays(discussOn, randomInt(random, 10, 60));
      if (next > asOf) continue;
      if (r < 0.5) d.walker.go('publish_idea', next);
      else if (r < 0.7)
        d.walker.go(
          'resolve_elsewhere',
          next,
          chooseOne(random, [
            'Linked to the Technopark shared-equipment programme.',
            'Solved by the complex coordinator with a university lab visit.',
            'Referred to the Small and Medium Business Administration export voucher.',
          ]),
        );
    }

    // Screening: rule violations fail it; small grants are fast-tracked; one withdraws.
    const screenOn = plusDays(closesOn, 3);
    const screenedOn = plusDays(closesOn, 10);
    const reviewable: number[] = [];
    let fastGrants = 0;
    proposalIndices.forEach((pi, n) => {
      const p = out.proposals[pi] as DemoProposal & { walker: Walker };
      const instrument = callInstruments[p.instrument]!;
      const fast = isFastTrack(instrument.rules, forRules(p, orgById));
      if (Y === 2012 && fast) {
        p.walker.go('start_screening', screenOn);
        return;
      }
      if (n === 3) {
        p.walker.go('start_screening', screenOn).go('withdraw', plusDays(screenOn, 2));
        return;
      }
      p.walker.go('start_screening', screenOn);
      const violations = p.versions[0]!.violations as { message: string }[];
      if (violations.length > 0) {
        p.screening = {
          version: 1,
          passed: false,
          on: screenedOn,
          notes: violations.map((v) => v.message).join('; '),
        };
        p.walker.go(
          'fail_screening',
          screenedOn,
          `Screening: ${violations.map((v) => v.message).join('; ')}`,
        );
        out.decisions.push({
          proposal: pi,
          meeting: null,
          decision: 'fail_screening',
          reason: `The proposal breaks the instrument's rules: ${violations.map((v) => v.message).join('; ')}`,
          rank: null,
          approvedGrantKrw: null,
          decidedOn: screenedOn,
        });
        return;
      }
      p.screening = {
        version: 1,
        passed: true,
        on: screenedOn,
        notes: fast
          ? 'Below the fast-track threshold: decided without the committee.'
          : 'Complete; rules met.',
      };
      if (fast) {
        const grant = budgetTotals(p.budget).byFunder.public;
        fastGrants += grant;
        p.walker.go(
          'fast_track_select',
          screenedOn,
          'Fast track: public grant below KRW 10,000,000 and all rules met.',
        );
        out.decisions.push({
          proposal: pi,
          meeting: null,
          decision: 'fast_track_select',
          reason: 'Fast track: public grant below KRW 10,000,000 and all rules met.',
          rank: null,
          approvedGrantKrw: grant,
          decidedOn: screenedOn,
        });
        return;
      }
      p.walker.go('pass_screening', screenedOn);
      reviewable.push(pi);
    });
    call.go('close', closesOn).go('start_review', plusDays(closesOn, 5));

    // Declared conflicts: in the first call a few evaluators declare ties to leading firms.
    if (callIndex === 0) {
      for (let e = 2; e < out.evaluators.length; e += 6) {
        const target = out.proposals[reviewable[e % Math.max(1, reviewable.length)] ?? -1];
        if (target)
          out.declarations.push({
            evaluator: e,
            organisationId: target.leadOrganisationId,
            reason: 'Former advisor of the firm’s research lab (declared).',
          });
      }
    }
    // Review: conflict-free assignment of three evaluators per proposal (minimum-cost flow).
    // Every conflict type the review service checks: same organisation, same mini-cluster
    // competitor, collaboration within three years of the assignment date, declared.
    const evaluatorOrgs = new Set(out.evaluators.flatMap((e) => e.affiliationIds));
    const registry = {
      organisations: conflictOrganisations,
      businessRelations: [] as const,
      collaborations: (input.collaborations ?? [])
        .filter(
          (c) =>
            (evaluatorOrgs.has(c.sourceId) || evaluatorOrgs.has(c.targetId)) &&
            c.startedOn <= screenedOn,
        )
        .map((c) => ({
          organisationIds: [String(c.sourceId), String(c.targetId)],
          evaluatorIds: [],
          // The latest day the collaboration ran (as the review service counts it).
          date: c.endedOn === null || c.endedOn > screenedOn ? screenedOn : c.endedOn,
          kind: c.kind,
        })),
      personalTies: [] as const,
      declarations: out.declarations.map((d) => ({
        evaluatorId: String(d.evaluator),
        organisationId: String(d.organisationId),
        reason: d.reason,
      })),
    };
    const conflicts: ReviewerPair[] = [];
    reviewable.forEach((pi, pIdx) => {
      const p = out.proposals[pi]!;
      const orgs = [p.leadOrganisationId, ...p.partners.map((x) => x.organisationId)].map(String);
      out.evaluators.forEach((ev, eIdx) => {
        const found = detectConflicts(
          { id: String(eIdx), organisationIds: ev.affiliationIds.map(String) },
          { id: String(pi), organisationIds: orgs },
          registry,
          { asOf: screenedOn },
        );
        if (found.length > 0) conflicts.push({ proposal: pIdx, evaluator: eIdx });
      });
    });
    const vectors = out.evaluators.map((e) => keywordVector([...e.expertise]));
    const assignment = assignReviewers({
      proposalCount: reviewable.length,
      evaluatorCount: out.evaluators.length,
      reviewersPerProposal: 3,
      maxLoad: out.evaluators.map((e) => e.maxLoad),
      cost: (pIdx, eIdx) =>
        expertiseCost(
          keywordVector([...out.proposals[reviewable[pIdx]!]!.keywords]),
          vectors[eIdx]!,
        ),
      conflicts,
    });
    if (!assignment.ok) throw new Error(`project demo: no reviewer assignment for ${demo.code}`);
    const bias = out.evaluators.map(() => 0.8 * gaussian(random));
    const meanScore = new Map<number, number>();
    const reviewStart = plusDays(closesOn, 14);
    for (const pair of assignment.pairs) {
      const pi = reviewable[pair.proposal]!;
      const p = out.proposals[pi]!;
      const submitted = Y < 2012 || random() < 0.7;
      const submittedOn = plusDays(reviewStart, randomInt(random, 0, 18));
      const scores: Record<string, number> = {};
      for (const c of demoRubric) {
        const raw = p.quality * 10 + bias[pair.evaluator]! + 0.9 * gaussian(random);
        scores[c.code] = Math.max(1, Math.min(10, Math.round(raw)));
      }
      const total = Math.round(weightedRubricScore(rubricForScore, scores) * 10) / 10;
      const done = submitted && submittedOn <= asOf;
      out.assignments.push({
        call: callIndex,
        proposal: pi,
        evaluator: pair.evaluator,
        cost: expertiseCost(keywordVector([...p.keywords]), vectors[pair.evaluator]!),
        status: done ? 'submitted' : 'assigned',
        review: done
          ? {
              scores,
              total,
              commentToApplicant:
                total >= 70
                  ? 'A clear plan answering a real demand; keep the buyer involved in validation.'
                  : total >= 55
                    ? 'Relevant, but the work plan and budget need sharper milestones.'
                    : 'The technical approach is not convincing for the problem stated.',
              commentToCommittee: `Quality ${total >= 70 ? 'high' : total >= 55 ? 'medium' : 'low'}; budget ${total >= 60 ? 'reasonable' : 'inflated'}.`,
              status: 'submitted',
              submittedOn,
            }
          : random() < 0.5
            ? {
                scores,
                total,
                commentToApplicant: '',
                commentToCommittee: '',
                status: 'draft',
                submittedOn: null,
              }
            : null,
      });
      if (done) {
        const list = (meanScore.get(pi) ?? 0) + total;
        meanScore.set(pi, list);
      }
    }
    const reviewsOf = (pi: number) =>
      out.assignments.filter((a) => a.proposal === pi && a.status === 'submitted').length;

    if (Y === 2012) {
      // Under review on the demo's date: the committee meets after it.
      out.meetings.push({
        call: callIndex,
        heldOn: `${Y}-05-22`,
        title: `Selection committee ${demo.code}`,
        members: 'Programme officer (chair); 4 external experts; 2 industry members',
        minutes: '',
        status: 'planned',
      });
      demo.status = call.state;
      continue;
    }

    // Committee: rank by mean review score; select within the budget left after the fast
    // track (keeping a tenth for revised proposals), request revision of a few near the line,
    // reject the rest with the reason.
    const meeting1 = out.meetings.length;
    const meeting1On = ris ? `${Y}-06-10` : `${Y}-05-12`;
    out.meetings.push({
      call: callIndex,
      heldOn: meeting1On,
      title: `Selection committee ${demo.code}`,
      members: 'Programme officer (chair); 4 external experts; 2 industry members',
      minutes:
        'Ranked by mean review score; selected within the budget; reasons sent to applicants.',
      status: 'closed',
    });
    const committeeOn = plusDays(meeting1On, -5);
    const candidates = reviewable.map((pi) => ({
      id: String(pi),
      score: (meanScore.get(pi) ?? 0) / Math.max(1, reviewsOf(pi)),
      amountKrw: budgetTotals(out.proposals[pi]!.budget).byFunder.public,
    }));
    for (const pi of reviewable) {
      const p = out.proposals[pi] as DemoProposal & { walker: Walker };
      p.walker.go('send_to_committee', committeeOn);
    }
    const available = demo.budgetKrw - fastGrants;
    const eligible = candidates.filter((c) => c.score >= 60);
    const selection = selectByRankWithinBudget(eligible, Math.floor(available * 0.9));
    const ranked = [...candidates].sort((a, b) => b.score - a.score);
    const rankOf = new Map(ranked.map((c, i) => [c.id, i + 1]));
    const selected = new Set(selection.selected);
    let spent = fastGrants + selection.totalAmountKrw;
    let revisions = 0;
    const revised: number[] = [];
    for (const c of ranked) {
      const pi = Number(c.id);
      const p = out.proposals[pi] as DemoProposal & { walker: Walker };
      const score = c.score.toFixed(1);
      if (selected.has(c.id)) {
        const reason = `Selected: mean review score ${score} of 100, rank ${rankOf.get(c.id)}, within the call budget.`;
        p.walker.go('select', meeting1On, reason);
        out.decisions.push({
          proposal: pi,
          meeting: meeting1,
          decision: 'select',
          reason,
          rank: rankOf.get(c.id)!,
          approvedGrantKrw: c.amountKrw,
          decidedOn: meeting1On,
        });
      } else if (c.score >= 55 && revisions < 3 && !ris) {
        revisions++;
        const reason = `Revise: mean review score ${score} of 100; reduce the budget by 15% and name the buyer who validates the result.`;
        p.walker.go('request_revision', meeting1On, reason);
        out.decisions.push({
          proposal: pi,
          meeting: meeting1,
          decision: 'revise',
          reason,
          rank: rankOf.get(c.id)!,
          approvedGrantKrw: null,
          decidedOn: meeting1On,
        });
        revised.push(pi);
      } else {
        const reason =
          c.score < 60
            ? `Rejected: mean review score ${score} of 100 is below the threshold of 60.`
            : `Rejected: mean review score ${score} of 100 ranks below the budget line of the call.`;
        p.walker.go('reject', meeting1On, reason);
        out.decisions.push({
          proposal: pi,
          meeting: meeting1,
          decision: 'reject',
          reason,
          rank: rankOf.get(c.id)!,
          approvedGrantKrw: null,
          decidedOn: meeting1On,
        });
      }
    }
    if (revised.length > 0) {
      const meeting2 = out.meetings.length;
      const meeting2On = `${Y}-06-25`;
      out.meetings.push({
        call: callIndex,
        heldOn: meeting2On,
        title: `Selection committee ${demo.code}: revised proposals`,
        members: 'Programme officer (chair); 3 external experts',
        minutes:
          'Revised proposals checked against the requests; selected while the budget allowed.',
        status: 'closed',
      });
      for (const pi of revised) {
        const p = out.proposals[pi] as DemoProposal & { walker: Walker };
        const resubmitOn = plusDays(meeting1On, randomInt(random, 14, 24));
        p.budget = p.budget.map((l) => ({ ...l, amountKrw: thousand(l.amountKrw * 0.85) }));
        p.versions.push({
          version: 2,
          createdOn: resubmitOn,
          note: 'Budget reduced by 15%; buyer named for validation.',
          title: p.title,
          budget: p.budget,
          violations: checkProposal(callInstruments[p.instrument]!.rules, forRules(p, orgById)),
        });
        p.submittedOn = resubmitOn;
        p.walker
          .go('resubmit', resubmitOn)
          .go('start_screening', plusDays(resubmitOn, 1))
          .go('pass_screening', plusDays(resubmitOn, 3))
          .go('send_to_committee', plusDays(resubmitOn, 4));
        p.screening = {
          version: 2,
          passed: true,
          on: plusDays(resubmitOn, 3),
          notes: 'Revision checked: budget reduced as requested.',
        };
        const grant = budgetTotals(p.budget).byFunder.public;
        if (spent + grant <= demo.budgetKrw) {
          spent += grant;
          const reason =
            'Selected after revision: the requested changes were made and the budget allows it.';
          p.walker.go('select', meeting2On, reason);
          out.decisions.push({
            proposal: pi,
            meeting: meeting2,
            decision: 'select',
            reason,
            rank: null,
            approvedGrantKrw: grant,
            decidedOn: meeting2On,
          });
        } else {
          const reason = 'Rejected after revision: the call budget is exhausted.';
          p.walker.go('reject', meeting2On, reason);
          out.decisions.push({
            proposal: pi,
            meeting: meeting2,
            decision: 'reject',
            reason,
            rank: null,
            approvedGrantKrw: null,
            decidedOn: meeting2On,
          });
        }
      }
    }
    call.go('decide', decisionBy);
    if (Y <= 2010) call.go('archive', `${Y + 1}-02-15`);
    demo.status = call.state;

    // Field inspections of the selected joint R&D proposals before the committee.
    for (const d of out.decisions) {
      if (d.decision !== 'select' || out.proposals[d.proposal]!.call !== callIndex) continue;
      const p = out.proposals[d.proposal]!;
      if (callInstruments[p.instrument]!.code !== 'joint_rd') continue;
      out.inspections.push({
        proposal: d.proposal,
        inspectedOn: plusDays(committeeOn, -2),
        inspectors: 'Programme officer; one external expert',
        findings:
          'Production line and test bench seen; the lead firm can host the prototype trials.',
        recommendation: random() < 0.8 ? 'proceed' : 'proceed_with_conditions',
      });
    }

    // Projects of the selected proposals.
    for (const d of out.decisions) {
      if (
        (d.decision !== 'select' && d.decision !== 'fast_track_select') ||
        out.proposals[d.proposal]!.call !== callIndex
      )
        continue;
      const p = out.proposals[d.proposal]!;
      const instrument = callInstruments[p.instrument]!;
      const project = makeProject(random, {
        proposalIndex: d.proposal,
        proposal: p,
        callIndex,
        instrument,
        decidedOn: d.decidedOn,
        revised: d.meeting !== null && d.meeting !== meeting1,
        lagDays: plan.lagDays,
        year: Y,
        asOf,
      });
      out.projects.push(project);
      if (!ris && instrument.code === 'joint_rd') fundedHistory.push(out.projects.length - 1);
    }
  }

  // The idea store: firms that attended the meeting back published ideas and comment on them
  // (drawn last, so the rest of the demo does not depend on it).
  const companiesAt = new Map(input.activities.map((a) => [a.id, a.companyIds]));
  (out.demands as (DemoDemand & { walker?: Walker })[]).forEach((d, di) => {
    const published = d.walker!.steps.find((st) => st.action === 'publish_idea');
    if (!published) return;
    const others = [...new Set(companiesAt.get(d.activityId) ?? [])].filter(
      (o) => !d.organisationIds.includes(o),
    );
    const backers = shuffle(random, others).slice(0, randomInt(random, 0, 3));
    backers.forEach((organisationId, k) => {
      const on = plusDays(published.onDate, 3 + 9 * k);
      if (on <= asOf)
        out.backings.push({
          demand: di,
          organisationId,
          on,
          note: chooseOne(random, [
            'Same problem on our line; we would co-fund a trial.',
            'We can supply test parts.',
            'Interested if the solution fits our smaller presses.',
          ]),
        });
    });
    const commentOn = plusDays(published.onDate, 5);
    if (backers.length > 0 && commentOn <= asOf)
      out.comments.push({
        demand: di,
        on: commentOn,
        body: 'The mini-cluster coordinator suggests bringing this to the next call with a university partner.',
      });
  });

  // Final states from the walkers.
  for (const d of out.demands as (DemoDemand & { walker?: Walker })[]) {
    d.status = d.walker!.state;
    delete d.walker;
  }
  for (const p of out.proposals as (DemoProposal & { walker?: Walker })[]) {
    p.status = p.walker!.state;
    delete p.walker;
  }
  return out;
}

function forRules(
  p: Pick<DemoProposal, 'leadOrganisationId' | 'partners' | 'budget'>,
  orgById: ReadonlyMap<number, ProjectDemoInput['organisations'][number]>,
): ProposalForRules {
  const party = (id: number) => {
    const o = orgById.get(id)!;
    return { name: o.name, kind: o.kind, size: o.kind === 'company' ? o.sizeClass : null };
  };
  return {
    lead: party(p.leadOrganisationId),
    partners: p.partners.map((x) => party(x.organisationId)),
    budget: p.budget,
  };
}

/** Public lines (personnel 30%, materials 40%, equipment 30%) and firm lines (personnel 30%, materials 70%). */
function budgetLines(grant: number, firm: number, leadId: number): DemoBudgetLine[] {
  const lines: DemoBudgetLine[] = [];
  const split = (
    amount: number,
    funder: 'public' | 'firm',
    parts: [DemoBudgetLine['category'], number][],
  ) => {
    let left = amount;
    parts.forEach(([category, share], i) => {
      const value = i === parts.length - 1 ? left : thousand(amount * share);
      left -= value;
      if (value > 0)
        lines.push({
          category,
          funder,
          amountKrw: value,
          organisationId: funder === 'firm' ? leadId : null,
        });
    });
  };
  split(grant, 'public', [
    ['personnel', 0.3],
    ['materials', 0.4],
    ['equipment', 0.3],
  ]);
  if (firm > 0)
    split(firm, 'firm', [
      ['personnel', 0.3],
      ['materials', 0.7],
    ]);
  return lines;
}

interface ProjectContext {
  proposalIndex: number;
  proposal: DemoProposal;
  callIndex: number;
  instrument: DemoInstrument;
  decidedOn: string;
  revised: boolean;
  lagDays: number;
  year: number;
  asOf: string;
}

/** A funded project with its agreement, payments, reports, outcomes and gates up to `asOf`. */
function makeProject(random: RandomSource, c: ProjectContext): DemoProject {
  const { proposal: p, instrument, asOf } = c;
  const grant = budgetTotals(p.budget).byFunder.public;
  const startOn = c.revised ? plusMonths(p.startOn, 2) : p.startOn;
  const endOn = plusDays(plusMonths(startOn, instrument.months), -1);
  const project = new Walker('project', 'active', startOn);

  // Agreement: offered a week after the decision, signed faster as the years go by.
  const offeredOn = plusDays(c.decidedOn, 7);
  const signLag = c.year <= 2009 ? randomInt(random, 20, 45) : randomInt(random, 5, 15);
  const signedOn = plusDays(offeredOn, signLag);
  const agreement = new Walker('agreement', 'draft', plusDays(c.decidedOn, 3)).go(
    'offer',
    offeredOn,
  );
  if (signedOn <= asOf) agreement.go('sign', signedOn);
  let amendments = 0;
  if (agreement.state === 'signed' && instrument.months >= 12 && random() < 0.25) {
    const on = plusMonths(signedOn, 5);
    if (plusDays(on, 10) <= asOf) {
      agreement
        .go(
          'propose_amendment',
          on,
          'Move 10% of the materials budget to equipment for a test rig.',
        )
        .go('accept_amendment', plusDays(on, 10));
      amendments = 1;
    }
  }

  // Disbursements: two instalments for a year or less, three for two years; the first is
  // due at the official start and paid `lagDays` late on average (Shin: five months early on).
  const n = instrument.months >= 24 ? 3 : instrument.months >= 12 ? 2 : 1;
  const shares = n === 3 ? [0.4, 0.3, 0.3] : n === 2 ? [0.5, 0.5] : [1];
  let left = grant;
  const disbursements: DemoDisbursement[] = shares.map((share, i) => {
    const amount = i === shares.length - 1 ? left : thousand(grant * share);
    left -= amount;
    const scheduledOn =
      i === 0 ? startOn : plusMonths(startOn, Math.round((instrument.months / n) * i));
    return {
      seq: i + 1,
      scheduledOn,
      amountKrw: amount,
      status: 'scheduled',
      requestedOn: null,
      paidOn: null,
      paidAmountKrw: null,
      note: null,
      steps: [],
    };
  });

  // Gates: interim evaluation of two-year projects after a year (continue or terminate).
  const evaluations: DemoEvaluation[] = [];
  let terminatedOn: string | null = null;
  if (instrument.months >= 24) {
    const reviewOn = plusMonths(startOn, 11);
    const evaluatedOn = plusMonths(startOn, 12);
    if (evaluatedOn <= asOf) {
      const score = Math.round(Math.min(98, Math.max(35, p.quality * 100 + 8 * gaussian(random))));
      const terminate = score < 55;
      project.go('start_interim_review', reviewOn);
      evaluations.push({
        kind: 'interim',
        evaluatedOn,
        score,
        grade: score >= 80 ? 'A' : score >= 65 ? 'B' : score >= 55 ? 'C' : 'D',
        findings: terminate
          ? 'Milestones missed and the buyer withdrew from validation.'
          : 'On track: specification agreed and first tests passed.',
        recommendation: terminate ? 'terminate' : 'continue',
      });
      if (terminate) {
        project.go(
          'terminate',
          evaluatedOn,
          `Interim evaluation score ${score} of 100 below 55: milestones missed.`,
        );
        terminatedOn = evaluatedOn;
        const closeOn = plusDays(evaluatedOn, 30);
        if (closeOn <= asOf) project.go('close', closeOn);
      } else {
        project.go('continue', evaluatedOn, `Interim evaluation score ${score} of 100: continue.`);
      }
    } else if (reviewOn <= asOf) {
      project.go('start_interim_review', reviewOn);
    }
  }
  const closedOn = plusDays(endOn, 30);
  if (terminatedOn === null && closedOn <= asOf && project.state !== 'interim_review') {
    const score = Math.round(Math.min(98, Math.max(50, p.quality * 100 + 6 * gaussian(random))));
    evaluations.push({
      kind: 'final',
      evaluatedOn: plusDays(endOn, 20),
      score,
      grade: score >= 80 ? 'A' : score >= 65 ? 'B' : 'C',
      findings: 'Objectives met; results reported and shared with the mini-cluster.',
      recommendation: 'complete',
    });
    project.go('complete', closedOn, `Final evaluation score ${score} of 100: objectives met.`);
  }

  disbursements.forEach((d, i) => {
    const w = new Walker('disbursement', 'scheduled', minDate(offeredOn, d.scheduledOn));
    if (terminatedOn !== null && d.scheduledOn > terminatedOn) {
      const on = maxDate(terminatedOn, w.steps[0]!.onDate);
      if (on <= asOf) {
        w.go('cancel', on, 'Project terminated at the interim evaluation.');
        d.note = 'Cancelled: project terminated.';
      }
      d.status = w.state;
      d.steps.push(...w.steps);
      return;
    }
    // Late payment: mean lag of the year for the first, a third of it for later instalments.
    const mean = i === 0 ? c.lagDays : c.lagDays / 3;
    const lag = Math.max(i === 0 ? 3 : 0, Math.round(mean + mean * 0.3 * gaussian(random)));
    const paidOn = maxDate(plusDays(d.scheduledOn, lag), plusDays(signedOn, 3));
    const requestedOn = maxDate(plusDays(d.scheduledOn, -10), signedOn);
    const approvedOn = maxDate(plusDays(paidOn, -randomInt(random, 2, 10)), requestedOn);
    if (requestedOn <= asOf && agreement.state !== 'offered') {
      w.go('request', requestedOn);
      d.requestedOn = requestedOn;
      if (approvedOn <= asOf) {
        w.go('approve', approvedOn);
        if (paidOn <= asOf) {
          w.go('pay', paidOn);
          d.paidOn = paidOn;
          d.paidAmountKrw = d.amountKrw;
          if (i === 0 && lag > 60) d.note = `Paid ${lag} days after the official start.`;
        }
      }
    }
    d.status = w.state;
    d.steps.push(...w.steps);
  });

  // Reports on the instrument's schedule, with amendment rounds (fewer as the years go by).
  const burden = reportBurden[c.year] ?? reportBurden[2012]!;
  const dues = reportDueDates(instrument.rules.reportingSchedule, startOn, endOn);
  const reports: DemoReport[] = [];
  let periodStart = startOn;
  dues.forEach((due, i) => {
    const last = i === dues.length - 1;
    const kind: DemoReport['kind'] = last
      ? 'final'
      : instrument.rules.reportingSchedule.kind === 'annual'
        ? 'annual'
        : 'periodic';
    const createdOn = minDate(periodStart, asOf);
    const w = new Walker('report', 'due', createdOn);
    const r: DemoReport = {
      kind,
      periodStart,
      periodEnd: due,
      dueOn: due,
      status: 'due',
      submittedOn: null,
      acceptedOn: null,
      amendmentRounds: 0,
      paperworkHours: null,
      steps: [],
    };
    periodStart = plusDays(due, 1);
    if (terminatedOn !== null && due > terminatedOn) {
      const on = maxDate(terminatedOn, createdOn);
      if (on <= asOf) w.go('waive', on, 'Project terminated at the interim evaluation.');
      r.status = w.state;
      r.steps.push(...w.steps);
      reports.push(r);
      return;
    }
    let on = plusDays(due, randomInt(random, 0, 15));
    if (on <= asOf) {
      w.go('submit', on);
      r.submittedOn = on;
      r.paperworkHours = randomInt(random, burden.hours[0], burden.hours[1]);
      const rounds = randomInt(random, burden.rounds[0], burden.rounds[1]);
      for (let k = 0; k < rounds; k++) {
        const ask = plusDays(on, randomInt(random, 7, 14));
        if (ask > asOf) break;
        w.go(
          'request_amendment',
          ask,
          chooseOne(random, [
            'Attach the receipts of the materials purchases.',
            'Explain the deviation from the milestone plan.',
            'Use the agency template for the expenditure table.',
            'Add the partner university’s signature.',
          ]),
        );
        r.amendmentRounds++;
        const again = plusDays(ask, randomInt(random, 5, 12));
        if (again > asOf) break;
        w.go('resubmit', again);
        r.paperworkHours += randomInt(random, 3, 8);
        on = again;
      }
      const acceptOn = plusDays(on, randomInt(random, 5, 10));
      if (w.state === 'submitted' && acceptOn <= asOf) {
        w.go('accept', acceptOn);
        r.acceptedOn = acceptOn;
      }
    }
    r.status = w.state;
    r.steps.push(...w.steps);
    reports.push(r);
  });

  // Outcomes: patents and prototypes of R&D, sales, jobs, royalties, by instrument.
  const outcomes: DemoOutcome[] = [];
  const object = p.title;
  const add = (
    kind: string,
    title: string,
    occurredOn: string,
    quantity: number | null,
    valueKrw: number | null,
    evidence: string,
  ) => {
    if (occurredOn > asOf || (terminatedOn !== null && occurredOn > terminatedOn)) return;
    const report = reports.findIndex(
      (r) => r.submittedOn !== null && r.periodStart <= occurredOn && occurredOn <= r.periodEnd,
    );
    outcomes.push({
      kind,
      title,
      quantity,
      valueKrw,
      occurredOn,
      evidence,
      report: report >= 0 ? report : null,
    });
  };
  const mid = plusMonths(startOn, Math.max(1, Math.floor(instrument.months / 2)));
  if (instrument.code === 'joint_rd') {
    add(
      'patent_application',
      `Patent application: ${object}`,
      mid,
      1,
      null,
      `KIPO application 10-${c.year}-00${randomInt(random, 10000, 99999)}`,
    );
    add(
      'prototype',
      `Prototype: ${object}`,
      plusMonths(startOn, instrument.months - 3),
      1,
      null,
      'Test report of the partner institute',
    );
    add(
      'jobs',
      'Engineers hired for the project',
      plusMonths(startOn, 3),
      randomInt(random, 1, 4),
      null,
      'Employment insurance records',
    );
    add(
      'sales',
      'First sales of the developed product',
      plusMonths(endOn, 4),
      null,
      randomInt(random, 5, 80) * 10_000_000,
      'Invoices to the buyer',
    );
    if (random() < 0.4)
      add(
        'patent_grant',
        `Patent granted: ${object}`,
        plusMonths(mid, 20),
        1,
        null,
        'KIPO registration',
      );
    if (random() < 0.2)
      add(
        'royalty',
        'Royalty paid to the programme on sales',
        plusMonths(endOn, 10),
        null,
        randomInt(random, 2, 15) * 1_000_000,
        'Royalty statement (technology fee)',
      );
  } else if (instrument.code === 'prototype') {
    add(
      'prototype',
      `Prototype: ${object}`,
      plusMonths(startOn, 8),
      1,
      null,
      'Photos and test sheet',
    );
    if (random() < 0.5)
      add(
        'patent_application',
        `Utility model: ${object}`,
        plusMonths(startOn, 10),
        1,
        null,
        'KIPO utility model application',
      );
    add(
      'sales',
      'Orders after the prototype demonstration',
      plusMonths(endOn, 3),
      null,
      randomInt(random, 2, 30) * 10_000_000,
      'Purchase orders',
    );
  } else if (instrument.code === 'consulting') {
    add('other', 'Management diagnosis and improvement plan', endOn, 1, null, 'Consulting report');
    if (random() < 0.5)
      add(
        'jobs',
        'Quality manager hired',
        plusMonths(startOn, 4),
        1,
        null,
        'Employment insurance records',
      );
  } else {
    add(
      'sales',
      'Export contracts signed at the trade fair',
      plusMonths(startOn, 7),
      null,
      randomInt(random, 5, 60) * 10_000_000,
      'Contracts',
    );
    add(
      'product',
      'Product listed by an overseas distributor',
      plusMonths(startOn, 9),
      1,
      null,
      'Distributor agreement',
    );
  }

  if (project.state === 'closed' && agreement.state === 'signed') {
    agreement.go('close', project.steps.at(-1)!.onDate);
  }
  return {
    proposal: c.proposalIndex,
    call: c.callIndex,
    instrument: p.instrument,
    startOn,
    endOn,
    approvedGrantKrw: grant,
    status: project.state,
    steps: project.steps,
    agreement: {
      status: agreement.state,
      approvedBudget: p.budget,
      terms: `Grant of KRW ${grant.toLocaleString('en-US')} for ${instrument.months} months; ${n} instalment(s); reports ${instrument.rules.reportingSchedule.kind === 'every_months' ? `every ${instrument.rules.reportingSchedule.months} months` : instrument.rules.reportingSchedule.kind === 'annual' ? 'once a year' : 'at the end'}.`,
      offeredOn,
      signedOn: signedOn <= asOf ? signedOn : null,
      amendmentCount: amendments,
      steps: agreement.steps,
    },
    disbursements,
    reports,
    outcomes,
    evaluations,
  };
}

// ---------------------------------------------------------------------------------------------
// Loading

export interface DemoProjectsResult {
  calls: number;
  demands: number;
  proposals: number;
  reviews: number;
  projects: number;
  disbursements: number;
  reports: number;
  events: number;
}

async function insertChunks<T>(
  rows: readonly T[],
  size: number,
  insert: (chunk: T[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const got = await insert(rows.slice(i, i + size));
    for (const r of got) ids.push(r.id);
  }
  return ids;
}

/**
 * Loads the generated project cycle into the demo registry in `tx` (after the networking
 * demo, whose activities it needs), everything flagged synthetic. Does nothing without
 * activities. Part of the demo load, in its transaction.
 */
export async function loadDemoProjects(tx: Db, programmeId: number): Promise<DemoProjectsResult> {
  const none: DemoProjectsResult = {
    calls: 0,
    demands: 0,
    proposals: 0,
    reviews: 0,
    projects: 0,
    disbursements: 0,
    reports: 0,
    events: 0,
  };
  const activityRows = await sql<{
    id: number;
    heldOn: string;
    complexId: number | null;
    miniClusterId: number | null;
    companyIds: number[] | null;
  }>`SELECT a.id, a.held_on, a.complex_id,
        (SELECT min(amc.mini_cluster_id) FROM activity_mini_cluster amc WHERE amc.activity_id = a.id) AS mini_cluster_id,
        array_agg(aa.organisation_id ORDER BY aa.organisation_id) FILTER (WHERE o.kind = 'company') AS company_ids
      FROM activity a
      JOIN activity_attendee aa ON aa.activity_id = a.id
      JOIN organisation o ON o.id = aa.organisation_id
      WHERE a.programme_id = ${programmeId}
        AND a.kind IN ('forum', 'seminar', 'workshop', 'meeting')
        AND a.held_on BETWEEN '2007-06-01' AND '2012-01-31'
      GROUP BY a.id ORDER BY a.id`.execute(tx);
  if (activityRows.rows.length === 0) return none;
  const organisations = await tx
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'sizeClass', 'complexId', 'industryId'])
    .orderBy('id')
    .execute();
  const memberships = await tx
    .selectFrom('membership')
    .select(['organisationId', 'miniClusterId'])
    .orderBy('id')
    .execute();
  const clustersOf = new Map<number, number[]>();
  for (const m of memberships) {
    const list = clustersOf.get(m.organisationId) ?? [];
    if (!list.includes(m.miniClusterId)) list.push(m.miniClusterId);
    clustersOf.set(m.organisationId, list);
  }
  const collaborations = await tx
    .selectFrom('collaboration')
    .select(['sourceOrganisationId', 'targetOrganisationId', 'startedOn', 'endedOn', 'kind'])
    .orderBy('id')
    .execute();
  const complexes = await tx
    .selectFrom('complex')
    .leftJoin('participation', (j) =>
      j
        .onRef('participation.complexId', '=', 'complex.id')
        .on('participation.programmeId', '=', programmeId),
    )
    .select(['complex.id', 'complex.name', 'participation.focus'])
    .orderBy('complex.id')
    .execute();
  const miniClusters = await tx
    .selectFrom('miniCluster')
    .select(['id', 'complexId', 'field'])
    .orderBy('id')
    .execute();

  const data = generateProjectDemo(
    {
      organisations: organisations.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind as OrganisationKind,
        sizeClass: o.sizeClass as 'sme' | 'mid_sized' | 'large' | null,
        complexId: o.complexId,
        industryId: o.industryId,
        miniClusterIds: clustersOf.get(o.id) ?? [],
      })),
      collaborations: collaborations.map((c) => ({
        sourceId: c.sourceOrganisationId,
        targetId: c.targetOrganisationId,
        startedOn: c.startedOn,
        endedOn: c.endedOn,
        kind: c.kind,
      })),
      complexes: complexes.map((c) => ({ id: c.id, name: c.name, focus: c.focus ?? '' })),
      miniClusters,
      activities: activityRows.rows.map((a) => ({ ...a, companyIds: a.companyIds ?? [] })),
    },
    createSeededRandom(demoProjectSeed),
  );
  return insertProjectDemo(tx, programmeId, data, organisations);
}

async function insertProjectDemo(
  tx: Db,
  programmeId: number,
  data: ProjectDemoData,
  organisations: readonly { id: number; name: string; kind: string; sizeClass: string | null }[],
): Promise<DemoProjectsResult> {
  const orgById = new Map(organisations.map((o) => [o.id, o]));
  const events: {
    entity: string;
    entityId: number;
    fromState: string | null;
    action: string;
    toState: string;
    reason: string | null;
    onDate: string;
    at: string;
    synthetic: true;
  }[] = [];
  const record = (entity: string, entityId: number, steps: readonly DemoStep[]) => {
    steps.forEach((s, i) =>
      events.push({
        entity,
        entityId,
        fromState: s.from,
        action: s.action,
        toState: s.to,
        reason: s.reason,
        onDate: s.onDate,
        // The business date as the time too, a minute apart so the order is kept.
        at: `${s.onDate}T09:${String(Math.min(59, i)).padStart(2, '0')}:00+09:00`,
        synthetic: true,
      }),
    );
  };

  // The overlapping programme of another ministry (only a regional-innovation pilot call).
  const [ris] = await tx
    .insertInto('programme')
    .values({
      code: 'RIS-DEMO',
      name: 'Regional Innovation System pilot projects (demo, overlapping programme)',
      ministry: 'Ministry of Knowledge Economy, regional policy office (demo)',
      agency: 'Regional innovation agency (demo)',
      startDate: '2011-01-01',
      endDate: '2013-12-31',
      description:
        'A generated second programme funding joint R&D of the same firms, so that the overlap check finds proposals submitted to both (Shin: six ministries ran thirteen overlapping cluster programmes).',
      source: 'Generated (synthetic); Shin on overlapping cluster programmes (seed 002)',
      synthetic: true,
    })
    .returning('id')
    .execute();
  const programmeOf = (p: 'iccp' | 'ris') => (p === 'ris' ? ris!.id : programmeId);

  const callIds = await insertChunks(data.calls, 100, (chunk) =>
    tx
      .insertInto('fundingCall')
      .values(
        chunk.map((c) => ({
          programmeId: programmeOf(c.programme),
          code: c.code,
          title: c.title,
          description: c.description,
          budgetKrw: c.budgetKrw,
          opensOn: c.opensOn,
          closesOn: c.closesOn,
          decisionBy: c.decisionBy,
          reviewsPerProposal: c.reviewsPerProposal,
          rubric: JSON.stringify(c.rubric),
          status: c.status,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  data.calls.forEach((c, i) => record('call', callIds[i]!, c.steps));
  const instrumentRows = data.calls.flatMap((c, ci) =>
    c.instruments.map((ins) => {
      const { code: _code, name: _name, ...rules } = ins.rules;
      return {
        callId: callIds[ci]!,
        code: ins.code,
        name: ins.name,
        budgetKrw: ins.budgetKrw,
        rules: JSON.stringify(rules),
        synthetic: true,
      };
    }),
  );
  const instrumentIds = await insertChunks(instrumentRows, 200, (chunk) =>
    tx.insertInto('callInstrument').values(chunk).returning('id').execute(),
  );
  const instrumentIdOf: number[][] = [];
  let k = 0;
  data.calls.forEach((c, ci) => {
    instrumentIdOf[ci] = c.instruments.map(() => instrumentIds[k++]!);
  });

  const demandIds = await insertChunks(data.demands, 300, (chunk) =>
    tx
      .insertInto('demand')
      .values(
        chunk.map((d) => ({
          programmeId: programmeOf(d.programme),
          complexId: d.complexId,
          miniClusterId: d.miniClusterId,
          activityId: d.activityId,
          title: d.title,
          description: d.description,
          supportArea: d.supportArea,
          field: d.field,
          raisedOn: d.raisedOn,
          status: d.status,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  const demandOrgs = data.demands.flatMap((d, i) =>
    d.organisationIds.map((organisationId) => ({ demandId: demandIds[i]!, organisationId })),
  );
  for (let i = 0; i < demandOrgs.length; i += 1000)
    await tx
      .insertInto('demandOrganisation')
      .values(demandOrgs.slice(i, i + 1000))
      .execute();
  data.demands.forEach((d, i) => record('demand', demandIds[i]!, d.steps));
  if (data.backings.length > 0)
    await tx
      .insertInto('demandBacking')
      .values(
        data.backings.map((b) => ({
          demandId: demandIds[b.demand]!,
          organisationId: b.organisationId,
          note: b.note,
          synthetic: true,
          createdAt: stamp(b.on),
        })),
      )
      .execute();
  if (data.comments.length > 0)
    await tx
      .insertInto('demandComment')
      .values(
        data.comments.map((c) => ({
          demandId: demandIds[c.demand]!,
          body: c.body,
          synthetic: true,
          createdAt: stamp(c.on),
        })),
      )
      .execute();

  const stampOrNull = (on: string | null) => (on === null ? null : stamp(on));
  const proposalIds = await insertChunks(data.proposals, 200, (chunk) =>
    tx
      .insertInto('proposal')
      .values(
        chunk.map((p) => ({
          callId: callIds[p.call]!,
          instrumentId: instrumentIdOf[p.call]![p.instrument]!,
          demandId: p.demand === null ? null : demandIds[p.demand]!,
          complexId: p.complexId,
          miniClusterId: p.miniClusterId,
          leadOrganisationId: p.leadOrganisationId,
          title: p.title,
          abstract: p.abstract,
          plan: p.plan,
          startOn: p.startOn,
          endOn: p.endOn,
          status: p.status,
          version: p.versions.length,
          submittedAt: stampOrNull(p.submittedOn),
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  const parties = data.proposals.flatMap((p, i) =>
    p.partners.map((x) => ({
      proposalId: proposalIds[i]!,
      organisationId: x.organisationId,
      role: x.role,
    })),
  );
  for (let i = 0; i < parties.length; i += 1000)
    await tx
      .insertInto('proposalParty')
      .values(parties.slice(i, i + 1000))
      .execute();
  const lines = data.proposals.flatMap((p, i) =>
    p.budget.map((l) => ({
      proposalId: proposalIds[i]!,
      category: l.category,
      funder: l.funder,
      organisationId: l.organisationId,
      amountKrw: l.amountKrw,
    })),
  );
  for (let i = 0; i < lines.length; i += 1000)
    await tx
      .insertInto('proposalBudgetLine')
      .values(lines.slice(i, i + 1000))
      .execute();
  const milestones = data.proposals.flatMap((p, i) =>
    p.milestones.map((m, s) => ({ proposalId: proposalIds[i]!, seq: s + 1, ...m })),
  );
  for (let i = 0; i < milestones.length; i += 1000)
    await tx
      .insertInto('proposalMilestone')
      .values(milestones.slice(i, i + 1000))
      .execute();
  const partyRow = (organisationId: number, role: string) => {
    const o = orgById.get(organisationId)!;
    return { organisationId, name: o.name, kind: o.kind, sizeClass: o.sizeClass, role };
  };
  const versions = data.proposals.flatMap((p, i) =>
    p.versions.map((v) => {
      const t = budgetTotals(v.budget);
      const instrument = data.calls[p.call]!.instruments[p.instrument]!;
      const content = {
        title: v.title,
        abstract: p.abstract,
        plan: p.plan,
        startOn: p.startOn,
        endOn: p.endOn,
        demandId: p.demand === null ? null : demandIds[p.demand]!,
        instrumentId: instrumentIdOf[p.call]![p.instrument]!,
        instrumentCode: instrument.code,
        lead: partyRow(p.leadOrganisationId, 'lead'),
        partners: p.partners.map((x) => partyRow(x.organisationId, x.role)),
        budget: v.budget.map((l) => ({
          category: l.category,
          funder: l.funder,
          organisationId: l.organisationId,
          amountKrw: l.amountKrw,
          note: null,
        })),
        milestones: p.milestones.map((m, s) => ({ seq: s + 1, ...m })),
        totals: {
          totalKrw: t.total,
          publicKrw: t.byFunder.public,
          firmKrw: t.byFunder.firm,
          otherKrw: t.byFunder.other,
          publicShare: t.total > 0 ? t.byFunder.public / t.total : null,
          firmShare: t.total > 0 ? t.byFunder.firm / t.total : null,
        },
      };
      return {
        proposalId: proposalIds[i]!,
        version: v.version,
        content: JSON.stringify(content),
        violations: JSON.stringify(v.violations),
        note: v.note,
        createdAt: stamp(v.createdOn),
      };
    }),
  );
  for (let i = 0; i < versions.length; i += 300)
    await tx
      .insertInto('proposalVersion')
      .values(versions.slice(i, i + 300))
      .execute();
  const screenings = data.proposals.flatMap((p, i) =>
    p.screening === null
      ? []
      : [
          {
            proposalId: proposalIds[i]!,
            version: p.screening.version,
            passed: p.screening.passed,
            checks: JSON.stringify(p.versions[p.screening.version - 1]?.violations ?? []),
            notes: p.screening.notes,
            screenedAt: stamp(p.screening.on),
          },
        ],
  );
  for (let i = 0; i < screenings.length; i += 500)
    await tx
      .insertInto('proposalScreening')
      .values(screenings.slice(i, i + 500))
      .execute();
  data.proposals.forEach((p, i) => record('proposal', proposalIds[i]!, p.steps));

  // The evaluator pool: people, evaluators, affiliations, declared conflicts.
  const people = await insertChunks(data.evaluators, 200, (chunk) =>
    tx
      .insertInto('person')
      .values(
        chunk.map((e) => ({
          name: e.name,
          title: e.title,
          organisationId: e.affiliationIds[0] ?? null,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  const evaluatorIds = await insertChunks(data.evaluators, 200, (chunk) =>
    tx
      .insertInto('evaluator')
      .values(
        chunk.map((e) => ({
          personId: people[data.evaluators.indexOf(e)]!,
          expertise: [...e.expertise],
          minLoad: 0,
          maxLoad: e.maxLoad,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  const affiliations = data.evaluators.flatMap((e, i) =>
    e.affiliationIds.map((organisationId) => ({
      evaluatorId: evaluatorIds[i]!,
      organisationId,
      fromOn: '2000-01-01',
    })),
  );
  if (affiliations.length > 0)
    await tx.insertInto('evaluatorAffiliation').values(affiliations).execute();
  if (data.declarations.length > 0)
    await tx
      .insertInto('conflictDeclaration')
      .values(
        data.declarations.map((d) => ({
          evaluatorId: evaluatorIds[d.evaluator]!,
          organisationId: d.organisationId,
          kind: 'declared',
          reason: d.reason,
        })),
      )
      .execute();

  const assignmentIds = await insertChunks(data.assignments, 500, (chunk) =>
    tx
      .insertInto('reviewAssignment')
      .values(
        chunk.map((a) => ({
          callId: callIds[a.call]!,
          proposalId: proposalIds[a.proposal]!,
          evaluatorId: evaluatorIds[a.evaluator]!,
          method: 'auto',
          status: a.status,
          cost: Math.round(a.cost * 1000) / 1000,
        })),
      )
      .returning('id')
      .execute(),
  );
  const reviews = data.assignments.flatMap((a, i) =>
    a.review === null
      ? []
      : [
          {
            assignmentId: assignmentIds[i]!,
            scores: JSON.stringify(a.review.scores),
            total: a.review.total,
            commentToApplicant: a.review.commentToApplicant || null,
            commentToCommittee: a.review.commentToCommittee || null,
            status: a.review.status,
            submittedAt: stampOrNull(a.review.submittedOn),
            synthetic: true,
          },
        ],
  );
  for (let i = 0; i < reviews.length; i += 500)
    await tx
      .insertInto('review')
      .values(reviews.slice(i, i + 500))
      .execute();

  if (data.inspections.length > 0)
    await tx
      .insertInto('fieldInspection')
      .values(
        data.inspections.map((f) => ({
          proposalId: proposalIds[f.proposal]!,
          inspectedOn: f.inspectedOn,
          inspectors: f.inspectors,
          findings: f.findings,
          recommendation: f.recommendation,
          synthetic: true,
        })),
      )
      .execute();
  const meetingIds = await insertChunks(data.meetings, 100, (chunk) =>
    tx
      .insertInto('committeeMeeting')
      .values(
        chunk.map((m) => ({
          callId: callIds[m.call]!,
          heldOn: m.heldOn,
          title: m.title,
          members: m.members,
          minutes: m.minutes || null,
          status: m.status,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  for (let i = 0; i < data.decisions.length; i += 500)
    await tx
      .insertInto('proposalDecision')
      .values(
        data.decisions.slice(i, i + 500).map((d) => ({
          proposalId: proposalIds[d.proposal]!,
          meetingId: d.meeting === null ? null : meetingIds[d.meeting]!,
          decision: d.decision,
          reason: d.reason,
          rank: d.rank,
          approvedGrantKrw: d.approvedGrantKrw,
          decidedAt: stamp(d.decidedOn),
          notifiedAt: stamp(plusDays(d.decidedOn, 2)),
          synthetic: true,
        })),
      )
      .execute();

  // Projects and what follows them.
  const projectIds = await insertChunks(data.projects, 200, (chunk) =>
    tx
      .insertInto('project')
      .values(
        chunk.map((pr) => {
          const p = data.proposals[pr.proposal]!;
          return {
            proposalId: proposalIds[pr.proposal]!,
            callId: callIds[pr.call]!,
            instrumentId: instrumentIdOf[pr.call]![pr.instrument]!,
            complexId: p.complexId,
            miniClusterId: p.miniClusterId,
            leadOrganisationId: p.leadOrganisationId,
            title: p.title,
            startOn: pr.startOn,
            endOn: pr.endOn,
            approvedGrantKrw: pr.approvedGrantKrw,
            status: pr.status,
            synthetic: true,
          };
        }),
      )
      .returning('id')
      .execute(),
  );
  data.projects.forEach((pr, i) => record('project', projectIds[i]!, pr.steps));
  const agreementIds = await insertChunks(data.projects, 200, (chunk) =>
    tx
      .insertInto('agreement')
      .values(
        chunk.map((pr) => ({
          projectId: projectIds[data.projects.indexOf(pr)]!,
          status: pr.agreement.status,
          approvedBudget: JSON.stringify(
            pr.agreement.approvedBudget.map((l) => ({
              category: l.category,
              funder: l.funder,
              amountKrw: l.amountKrw,
              note: null,
            })),
          ),
          totalGrantKrw: pr.approvedGrantKrw,
          terms: pr.agreement.terms,
          offeredOn: pr.agreement.offeredOn,
          signedOn: pr.agreement.signedOn,
          amendmentCount: pr.agreement.amendmentCount,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  data.projects.forEach((pr, i) => record('agreement', agreementIds[i]!, pr.agreement.steps));
  const disbursementRows = data.projects.flatMap((pr, i) =>
    pr.disbursements.map((d) => ({ pr: i, d })),
  );
  const disbursementIds = await insertChunks(disbursementRows, 500, (chunk) =>
    tx
      .insertInto('disbursement')
      .values(
        chunk.map(({ pr, d }) => ({
          agreementId: agreementIds[pr]!,
          projectId: projectIds[pr]!,
          seq: d.seq,
          scheduledOn: d.scheduledOn,
          amountKrw: d.amountKrw,
          status: d.status,
          requestedOn: d.requestedOn,
          paidOn: d.paidOn,
          paidAmountKrw: d.paidAmountKrw,
          note: d.note,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  disbursementRows.forEach(({ d }, i) => record('disbursement', disbursementIds[i]!, d.steps));
  const reportRows = data.projects.flatMap((pr, i) => pr.reports.map((r) => ({ pr: i, r })));
  const reportIds = await insertChunks(reportRows, 500, (chunk) =>
    tx
      .insertInto('projectReport')
      .values(
        chunk.map(({ pr, r }) => ({
          projectId: projectIds[pr]!,
          kind: r.kind,
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          dueOn: r.dueOn,
          status: r.status,
          content: JSON.stringify(
            r.submittedOn === null
              ? {}
              : {
                  summary: `Progress ${r.periodStart} to ${r.periodEnd} as planned.`,
                  synthetic: true,
                },
          ),
          submittedOn: r.submittedOn,
          acceptedOn: r.acceptedOn,
          amendmentRounds: r.amendmentRounds,
          paperworkHours: r.paperworkHours,
          synthetic: true,
        })),
      )
      .returning('id')
      .execute(),
  );
  reportRows.forEach(({ r }, i) => record('report', reportIds[i]!, r.steps));
  const reportIdOf = new Map<string, number>();
  reportRows.forEach(({ pr, r }, i) => {
    reportIdOf.set(`${pr}:${data.projects[pr]!.reports.indexOf(r)}`, reportIds[i]!);
  });
  const outcomes = data.projects.flatMap((pr, i) =>
    pr.outcomes.map((o) => ({
      projectId: projectIds[i]!,
      kind: o.kind,
      title: o.title,
      quantity: o.quantity,
      valueKrw: o.valueKrw,
      occurredOn: o.occurredOn,
      evidence: o.evidence,
      reportId: o.report === null ? null : (reportIdOf.get(`${i}:${o.report}`) ?? null),
      synthetic: true,
    })),
  );
  for (let i = 0; i < outcomes.length; i += 500)
    await tx
      .insertInto('projectOutcome')
      .values(outcomes.slice(i, i + 500))
      .execute();
  const evaluations = data.projects.flatMap((pr, i) =>
    pr.evaluations.map((e) => ({ projectId: projectIds[i]!, ...e, synthetic: true })),
  );
  if (evaluations.length > 0)
    await tx.insertInto('projectEvaluation').values(evaluations).execute();

  for (let i = 0; i < events.length; i += 1000)
    await tx
      .insertInto('workflowEvent')
      .values(events.slice(i, i + 1000))
      .execute();

  const result: DemoProjectsResult = {
    calls: data.calls.length,
    demands: data.demands.length,
    proposals: data.proposals.length,
    reviews: reviews.length,
    projects: data.projects.length,
    disbursements: disbursementRows.length,
    reports: reportRows.length,
    events: events.length,
  };
  await insertAuditEvents(tx, [
    auditEntry(systemContext, 'create', 'demo', demoProjectSeed, null, {
      ...result,
      note: 'demo project cycle loaded (calls 2008-2012, first payments about five months late early on, quarterly reports improving to annual); flagged synthetic',
    }),
  ]);
  return result;
}
