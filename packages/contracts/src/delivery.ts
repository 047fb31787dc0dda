import { z } from 'zod';
import { filterParam, isoDate, isoTimestamp, listParams, pageOf, rowMeta } from './common.ts';

/**
 * Delivery of funded projects (issue 6, parts 5-7): grant agreements with approved budget lines
 * and a disbursement schedule, payments, reports pre-filled from data already held, outcomes
 * traced back to the demand that surfaced them, evaluations and gate decisions, and the burden
 * the programme puts on teams (days to first money, reports and amendment rounds, paperwork
 * hours, late payments). Money is whole KRW; days are calendar days.
 */

const id = z.number().int().positive();
const krw = z.number().int().nonnegative().describe('Whole KRW');
const positiveKrw = z.number().int().positive().describe('Whole KRW, more than 0');
const reasonText = z.string().trim().max(2000).nullable().optional();

export const agreementCostCategories = [
  'personnel',
  'equipment',
  'materials',
  'subcontracting',
  'travel',
  'overhead',
  'other',
] as const;
export const agreementFunders = ['public', 'firm', 'other'] as const;

export const agreementStates = [
  'draft',
  'offered',
  'signed',
  'amendment_proposed',
  'closed',
  'cancelled',
] as const;
export const disbursementStates = [
  'scheduled',
  'requested',
  'approved',
  'held',
  'paid',
  'cancelled',
] as const;
export const reportStates = [
  'due',
  'submitted',
  'amendment_requested',
  'accepted',
  'waived',
] as const;
export const projectStates = [
  'active',
  'interim_review',
  'continued',
  'terminated',
  'closed',
] as const;
export const reportKinds = ['periodic', 'annual', 'interim', 'final'] as const;
export const outcomeKinds = [
  'patent_application',
  'patent_grant',
  'prototype',
  'product',
  'sales',
  'jobs',
  'licence_income',
  'royalty',
  'publication',
  'other',
] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];
export const projectEvaluationKinds = ['interim', 'final'] as const;
export const projectEvaluationRecommendations = ['continue', 'terminate', 'complete'] as const;

/** One approved budget line of an agreement. */
export const approvedBudgetLine = z.object({
  category: z.enum(agreementCostCategories),
  funder: z.enum(agreementFunders),
  amountKrw: krw,
  note: z.string().trim().max(500).nullable().default(null),
});
export type ApprovedBudgetLine = z.infer<typeof approvedBudgetLine>;

/** One instalment of the schedule as an officer enters it. */
export const instalmentInput = z.object({
  scheduledOn: isoDate,
  amountKrw: positiveKrw,
});
export type InstalmentInput = z.infer<typeof instalmentInput>;

/**
 * An agreement for a project. The instalments must add up to `totalGrantKrw` (by default the
 * project's approved grant) and the public budget lines to the same amount; otherwise 400
 * naming the difference.
 */
export const agreementCreate = z.object({
  totalGrantKrw: krw.optional().describe("Defaults to the project's approved grant"),
  approvedBudget: z.array(approvedBudgetLine).min(1).max(200),
  schedule: z.array(instalmentInput).min(1).max(60),
  terms: z.string().trim().max(5000).nullable().default(null),
  synthetic: z.boolean().default(false),
});
export type AgreementCreate = z.infer<typeof agreementCreate>;

/** Replaces budget lines and/or the schedule while the agreement is a draft or an amendment. */
export const agreementUpdate = z.object({
  totalGrantKrw: krw.optional(),
  approvedBudget: z.array(approvedBudgetLine).min(1).max(200).optional(),
  schedule: z.array(instalmentInput).min(1).max(60).optional(),
  terms: z.string().trim().max(5000).nullable().optional(),
});
export type AgreementUpdate = z.infer<typeof agreementUpdate>;

/** A step of a workflow: the action, a reason (required by some steps) and a business date. */
export const deliveryStepRequest = z.object({
  action: z.string().trim().min(1).max(60),
  reason: reasonText,
  onDate: isoDate.nullable().optional().describe('The day the step happened, when not today'),
});
export type DeliveryStepRequest = z.infer<typeof deliveryStepRequest>;

/** A disbursement step; `pay` takes the amount actually paid (default: the instalment). */
export const disbursementStepRequest = deliveryStepRequest.extend({
  paidAmountKrw: positiveKrw.optional(),
});
export type DisbursementStepRequest = z.infer<typeof disbursementStepRequest>;

/** A report step; `submit`/`resubmit` may carry the content and the hours spent writing it. */
export const reportStepRequest = deliveryStepRequest.extend({
  content: z.record(z.string(), z.unknown()).optional(),
  paperworkHours: z.number().nonnegative().max(10_000).nullable().optional(),
});
export type ReportStepRequest = z.infer<typeof reportStepRequest>;

export const deliveryAllowedStep = z.object({
  action: z.string(),
  to: z.string(),
  roles: z.array(z.string()),
  reasonRequired: z.boolean(),
});
export type AllowedStepDto = z.infer<typeof deliveryAllowedStep>;

export const disbursementRow = z.object({
  ...rowMeta,
  agreementId: z.number().int(),
  projectId: z.number().int(),
  seq: z.number().int(),
  scheduledOn: isoDate,
  amountKrw: krw,
  status: z.enum(disbursementStates),
  requestedOn: isoDate.nullable(),
  paidOn: isoDate.nullable(),
  paidAmountKrw: krw.nullable(),
  note: z.string().nullable(),
  daysLate: z
    .number()
    .int()
    .nullable()
    .describe(
      'Days paid after the scheduled date, or overdue today when unpaid; null when not late',
    ),
  allowed: z.array(deliveryAllowedStep),
});
export type DisbursementRow = z.infer<typeof disbursementRow>;

export const agreementRow = z.object({
  ...rowMeta,
  projectId: z.number().int(),
  status: z.enum(agreementStates),
  approvedBudget: z.array(approvedBudgetLine),
  totalGrantKrw: krw,
  terms: z.string().nullable(),
  offeredOn: isoDate.nullable(),
  signedOn: isoDate.nullable(),
  amendmentCount: z.number().int().describe('Amendments proposed after signing'),
  schedule: z.array(disbursementRow),
  allowed: z.array(deliveryAllowedStep),
});
export type AgreementRow = z.infer<typeof agreementRow>;

/** Pre-filled report content: what the system already holds for the period. */
export const reportPrefill = z.object({
  period: z.object({ start: isoDate, end: isoDate }),
  activities: z.array(
    z.object({ id: z.number().int(), title: z.string(), kind: z.string(), heldOn: isoDate }),
  ),
  outcomes: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(outcomeKinds),
      title: z.string(),
      quantity: z.number().nullable(),
      valueKrw: krw.nullable(),
      occurredOn: isoDate,
    }),
  ),
  disbursements: z.array(z.object({ seq: z.number().int(), paidOn: isoDate, amountKrw: krw })),
  budget: z.object({
    approvedGrantKrw: krw,
    paidInPeriodKrw: krw.describe('Paid to the project within the period'),
    paidToDateKrw: krw.describe('Paid to the project up to the end of the period'),
    spentShare: z
      .number()
      .nullable()
      .describe('Paid to date / approved grant (0-1); null when the grant is 0'),
  }),
  narrative: z.string().describe('The only part the team writes'),
});
export type ReportPrefill = z.infer<typeof reportPrefill>;

export const reportRow = z.object({
  ...rowMeta,
  projectId: z.number().int(),
  kind: z.enum(reportKinds),
  periodStart: isoDate,
  periodEnd: isoDate,
  dueOn: isoDate,
  status: z.enum(reportStates),
  content: z.record(z.string(), z.unknown()),
  submittedOn: isoDate.nullable(),
  acceptedOn: isoDate.nullable(),
  amendmentRounds: z.number().int().describe('Times an amendment was requested'),
  paperworkHours: z.number().nullable().describe('Hours the team spent on it, when given'),
  allowed: z.array(deliveryAllowedStep),
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportDetail = reportRow.extend({
  prefill: reportPrefill.describe('Computed now from the data held for the period'),
});
export type ReportDetail = z.infer<typeof reportDetail>;

/** Edits a report's content or hours while it is due or being amended. */
export const reportUpdate = z.object({
  content: z.record(z.string(), z.unknown()).optional(),
  paperworkHours: z.number().nonnegative().max(10_000).nullable().optional(),
});
export type ReportUpdate = z.infer<typeof reportUpdate>;

export const outcomeCreate = z.object({
  kind: z.enum(outcomeKinds),
  title: z.string().trim().min(1, 'must not be empty').max(300),
  quantity: z.number().nonnegative().nullable().default(null),
  valueKrw: krw.nullable().default(null),
  occurredOn: isoDate,
  evidence: z.string().trim().max(2000).nullable().default(null),
  reportId: id.nullable().default(null),
  synthetic: z.boolean().default(false),
});
export type OutcomeCreate = z.infer<typeof outcomeCreate>;

export const outcomeUpdate = outcomeCreate.omit({ synthetic: true }).partial();
export type OutcomeUpdate = z.infer<typeof outcomeUpdate>;

/** The chain from the meeting that surfaced a demand to the project that answered it. */
export const projectChain = z.object({
  activity: z
    .object({ id: z.number().int(), title: z.string(), kind: z.string(), heldOn: isoDate })
    .nullable(),
  demand: z.object({ id: z.number().int(), title: z.string(), raisedOn: isoDate }).nullable(),
  proposal: z.object({
    id: z.number().int(),
    title: z.string(),
    submittedAt: isoTimestamp.nullable(),
  }),
  decision: z
    .object({ decision: z.string(), reason: z.string(), decidedAt: isoTimestamp })
    .nullable(),
});
export type ProjectChain = z.infer<typeof projectChain>;

export const outcomeRow = z.object({
  ...rowMeta,
  projectId: z.number().int(),
  kind: z.enum(outcomeKinds),
  title: z.string(),
  quantity: z.number().nullable(),
  valueKrw: krw.nullable(),
  occurredOn: isoDate,
  evidence: z.string().nullable(),
  reportId: z.number().int().nullable(),
  chain: projectChain,
});
export type OutcomeRow = z.infer<typeof outcomeRow>;

export const projectEvaluationCreate = z.object({
  kind: z.enum(projectEvaluationKinds),
  evaluatedOn: isoDate,
  score: z.number().min(0).max(100).nullable().default(null).describe('0-100 points'),
  grade: z.string().trim().max(20).nullable().default(null),
  findings: z.string().trim().max(5000).nullable().default(null),
  recommendation: z.enum(projectEvaluationRecommendations).nullable().default(null),
  synthetic: z.boolean().default(false),
});
export type ProjectEvaluationCreate = z.infer<typeof projectEvaluationCreate>;

export const projectEvaluationRow = z.object({
  ...rowMeta,
  projectId: z.number().int(),
  kind: z.enum(projectEvaluationKinds),
  evaluatedOn: isoDate,
  score: z.number().nullable(),
  grade: z.string().nullable(),
  findings: z.string().nullable(),
  recommendation: z.enum(projectEvaluationRecommendations).nullable(),
});
export type ProjectEvaluationRow = z.infer<typeof projectEvaluationRow>;

export const projectRow = z.object({
  ...rowMeta,
  proposalId: z.number().int(),
  callId: z.number().int(),
  callTitle: z.string(),
  programmeId: z.number().int(),
  instrumentId: z.number().int(),
  instrumentName: z.string(),
  complexId: z.number().int().nullable(),
  complexName: z.string().nullable(),
  miniClusterId: z.number().int().nullable(),
  leadOrganisationId: z.number().int(),
  leadOrganisationName: z.string(),
  title: z.string(),
  startOn: isoDate,
  endOn: isoDate,
  approvedGrantKrw: krw,
  status: z.enum(projectStates),
  agreementId: z.number().int().nullable(),
  agreementStatus: z.enum(agreementStates).nullable(),
  paidKrw: krw.describe('Paid so far'),
  firstPaidOn: isoDate.nullable(),
  daysToFirstMoney: z
    .number()
    .int()
    .nullable()
    .describe('Calendar days from startOn to the first payment; null when nothing is paid'),
});
export type ProjectRow = z.infer<typeof projectRow>;

export const projectTimelineStages = [
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
export type ProjectTimelineStage = (typeof projectTimelineStages)[number];

/** One dated step on a project's way from the demand to its outcomes and gates. */
export const projectTimelineEvent = z.object({
  stage: z.enum(projectTimelineStages),
  on: isoDate,
  label: z.string(),
  entity: z.string(),
  entityId: z.number().int(),
  action: z.string().nullable(),
  reason: z.string().nullable(),
});
export type ProjectTimelineEvent = z.infer<typeof projectTimelineEvent>;

export const projectDetail = projectRow.extend({
  chain: projectChain,
  agreement: agreementRow.nullable(),
  reports: z.array(reportRow),
  outcomes: z.array(outcomeRow),
  evaluations: z.array(projectEvaluationRow),
  timeline: z.array(projectTimelineEvent),
  allowed: z.array(deliveryAllowedStep).describe('Project (gate) steps open now'),
  reportingSchedule: z.string().describe("The instrument's reporting schedule, in words"),
});
export type ProjectDetail = z.infer<typeof projectDetail>;

export const projectListQuery = z.object({
  ...listParams,
  programmeId: filterParam.int,
  callId: filterParam.int,
  complexId: filterParam.int,
  instrumentId: filterParam.int,
  status: z.enum(projectStates).optional(),
  year: filterParam.int.describe('Year the project starts'),
  synthetic: filterParam.bool,
});
export type ProjectListQuery = z.infer<typeof projectListQuery>;
export const projectPage = pageOf(projectRow);

/** Filters of the burden dashboard and the aging view. */
export const burdenQuery = z.object({
  programmeId: filterParam.int,
  callId: filterParam.int,
  complexId: filterParam.int,
  year: filterParam.int.describe('Year the project starts'),
  asOf: isoDate.optional().describe('Day the lateness is measured on (default today)'),
});
export type BurdenQuery = z.infer<typeof burdenQuery>;

export const agingLabels = ['0-30', '31-60', '61-90', '>90'] as const;

export const agingBucket = z.object({
  label: z.enum(agingLabels),
  instalments: z.number().int(),
  amountKrw: krw,
});
export type AgingBucketDto = z.infer<typeof agingBucket>;

export const agingGroup = z.object({
  key: z.string(),
  label: z.string(),
  outstanding: z.array(agingBucket),
  paidLate: z.array(agingBucket),
  lateInstalments: z.number().int(),
  outstandingKrw: krw,
});
export type AgingGroup = z.infer<typeof agingGroup>;

export const lateInstalment = z.object({
  disbursementId: z.number().int(),
  projectId: z.number().int(),
  projectTitle: z.string(),
  seq: z.number().int(),
  scheduledOn: isoDate,
  amountKrw: krw,
  paidKrw: krw,
  settledOn: isoDate.nullable(),
  daysLate: z.number().int(),
  bucket: z.enum(agingLabels),
});
export type LateInstalment = z.infer<typeof lateInstalment>;

export const paymentAging = z.object({
  asOf: isoDate,
  definition: z.string(),
  total: agingGroup,
  byProject: z.array(agingGroup),
  byInstrument: z.array(agingGroup),
  byComplex: z.array(agingGroup),
  late: z.array(lateInstalment),
});
export type PaymentAgingDto = z.infer<typeof paymentAging>;

/** A figure with its unit and definition, so no number is shown bare. */
export const burdenMetric = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.string(),
  definition: z.string(),
});
export type BurdenMetric = z.infer<typeof burdenMetric>;

export const daysToMoneySummary = z.object({
  group: z.string(),
  projects: z.number().int(),
  withPayment: z.number().int(),
  meanDays: z.number().nullable(),
  medianDays: z.number().nullable(),
  maxDays: z.number().nullable(),
});
export type DaysToMoneySummary = z.infer<typeof daysToMoneySummary>;

export const burdenProject = z.object({
  projectId: z.number().int(),
  title: z.string(),
  instrument: z.string(),
  complex: z.string(),
  startOn: isoDate,
  firstPaidOn: isoDate.nullable(),
  daysToFirstMoney: z.number().int().nullable(),
  reports: z.number().int(),
  amendmentRounds: z.number().int(),
  agreementAmendments: z.number().int(),
  paperworkHours: z.number().nullable(),
  lateInstalments: z.number().int(),
  maxDaysLate: z.number().int(),
});
export type BurdenProject = z.infer<typeof burdenProject>;

export const burdenGroup = z.object({
  group: z.string(),
  projects: z.number().int(),
  reports: z.number().int(),
  amendmentRounds: z.number().int(),
  meanAmendmentRoundsPerProject: z.number().nullable(),
  paperworkHours: z.number().nullable(),
  lateInstalments: z.number().int(),
});
export type BurdenGroup = z.infer<typeof burdenGroup>;

export const burdenResponse = z.object({
  asOf: isoDate,
  filters: z.object({
    programmeId: z.number().int().nullable(),
    callId: z.number().int().nullable(),
    complexId: z.number().int().nullable(),
    year: z.number().int().nullable(),
  }),
  metrics: z.array(burdenMetric),
  daysToFirstMoney: z.object({
    overall: daysToMoneySummary,
    byInstrument: z.array(daysToMoneySummary),
    byComplex: z.array(daysToMoneySummary),
    histogram: z.array(
      z.object({
        fromDays: z.number().int(),
        toDays: z.number().int().describe('Inclusive'),
        projects: z.number().int(),
      }),
    ),
  }),
  byInstrument: z.array(burdenGroup),
  byComplex: z.array(burdenGroup),
  projects: z.array(burdenProject),
  definitions: z.array(z.object({ key: z.string(), unit: z.string(), definition: z.string() })),
});
export type BurdenResponse = z.infer<typeof burdenResponse>;
