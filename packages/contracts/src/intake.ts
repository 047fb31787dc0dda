import { z } from 'zod';
import { filterParam, isoDate, isoTimestamp, listParams, pageOf, rowMeta } from './common.ts';
import { organisationKinds, sizeClasses } from './registry.ts';

/**
 * Project intake (issue 6, parts 1-3): demands and ideas raised in mini-cluster meetings,
 * calls for proposals with instruments whose funding rules are data, and proposals with
 * rule checks, frozen versions and merges that need every lead's consent. States follow the
 * workflow tables of packages/domain/src/projects/workflow.ts. Money is whole KRW.
 */

/** The support areas of the mini-cluster cycle (DOMAIN.md): general management, R&D, funding, labour force, marketing. */
export const supportAreas = ['management', 'rd', 'funding', 'labour', 'marketing'] as const;
export type SupportArea = (typeof supportAreas)[number];

export const costCategories = [
  'personnel',
  'equipment',
  'materials',
  'subcontracting',
  'travel',
  'overhead',
  'other',
] as const;
export const funders = ['public', 'firm', 'other'] as const;
export const proposalPartyRoles = ['partner', 'subcontractor', 'advisor'] as const;

/** States of the demand, call and proposal workflows, in table order (for filters and boards). */
export const demandStates = [
  'raised',
  'discussed',
  'open_idea',
  'answered',
  'resolved_elsewhere',
  'dropped',
] as const;
export const callStates = [
  'draft',
  'open',
  'closed',
  'reviewing',
  'decided',
  'archived',
  'cancelled',
] as const;
export const proposalStates = [
  'draft',
  'submitted',
  'screening',
  'in_review',
  'committee',
  'revise_requested',
  'resubmitted',
  'selected',
  'rejected',
  'withdrawn',
] as const;
export type ProposalState = (typeof proposalStates)[number];

const id = z.number().int().positive();
const nullableId = id.nullable();
const text = z.string().trim().min(1, 'must not be empty').max(300);
const longText = z.string().trim().max(20000).nullable().default(null);
const krw = z.number().int().min(0).max(1e15).describe('Whole KRW');
const share = z.number().min(0).max(1).describe('A share from 0 to 1');

/** A workflow step asked for: the action of the domain table, a reason where one is required. */
export const intakeTransitionRequest = z.object({
  action: z.string().trim().min(1).max(60),
  reason: z.string().trim().max(4000).nullable().optional(),
  onDate: isoDate
    .nullable()
    .optional()
    .describe('The business date of the step when not today (back-dated entry)'),
});
export type IntakeTransitionRequest = z.infer<typeof intakeTransitionRequest>;

/** A step open from the record's current state (what the UI offers as buttons). */
export const intakeAllowedStep = z.object({
  action: z.string(),
  to: z.string(),
  roles: z.array(z.string()),
  reasonRequired: z.boolean(),
  mine: z.boolean().describe('Whether the caller holds a role that may take it'),
});
export type IntakeAllowedStep = z.infer<typeof intakeAllowedStep>;

/** One recorded workflow transition (table workflow_event). */
export const intakeEventRow = z.object({
  id: z.number().int(),
  fromState: z.string().nullable(),
  action: z.string(),
  toState: z.string(),
  reason: z.string().nullable(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  at: isoTimestamp,
  onDate: isoDate.nullable(),
  synthetic: z.boolean(),
});
export type IntakeEventRow = z.infer<typeof intakeEventRow>;

// ---------------------------------------------------------------------------------------------
// Demands and ideas

const demandFields = {
  programmeId: nullableId.default(null),
  complexId: nullableId.default(null).describe('Taken from the mini-cluster or activity if absent'),
  miniClusterId: nullableId.default(null),
  activityId: nullableId.default(null).describe('The meeting where the demand came up'),
  title: text,
  description: longText,
  supportArea: z.enum(supportAreas),
  field: z.string().trim().max(300).nullable().default(null),
  raisedOn: isoDate.describe('Defaults to the activity date, else today').optional(),
  organisationIds: z.array(id).max(200).default([]).describe('The raising organisations'),
};

export const demandCreate = z.object({ ...demandFields, synthetic: z.boolean().default(false) });
export type DemandCreate = z.infer<typeof demandCreate>;

export const demandUpdate = z
  .object({
    programmeId: nullableId,
    complexId: nullableId,
    miniClusterId: nullableId,
    activityId: nullableId,
    title: text,
    description: z.string().trim().max(20000).nullable(),
    supportArea: z.enum(supportAreas),
    field: z.string().trim().max(300).nullable(),
    raisedOn: isoDate,
    organisationIds: z.array(id).max(200).describe('Replaces the list'),
  })
  .partial();
export type DemandUpdate = z.infer<typeof demandUpdate>;

const namedRef = z.object({ id: z.number().int(), name: z.string() });

export const demandRow = z.object({
  ...rowMeta,
  programmeId: nullableId,
  complexId: nullableId,
  miniClusterId: nullableId,
  miniClusterName: z.string().nullable(),
  activityId: nullableId,
  activityTitle: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  supportArea: z.enum(supportAreas),
  field: z.string().nullable(),
  raisedOn: isoDate,
  status: z.string(),
  createdBy: nullableId,
  organisations: z.array(namedRef).describe('The raising organisations'),
  commentCount: z.number().int(),
  backingCount: z.number().int().describe('Organisations backing the idea'),
  proposalCount: z.number().int().describe('Proposals answering the demand'),
});
export type DemandRow = z.infer<typeof demandRow>;

export const demandCommentRow = z.object({
  id: z.number().int(),
  demandId: z.number().int(),
  userId: nullableId,
  userName: z.string().nullable(),
  body: z.string(),
  synthetic: z.boolean(),
  createdAt: isoTimestamp,
});
export type DemandCommentRow = z.infer<typeof demandCommentRow>;

export const demandBackingRow = z.object({
  demandId: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  userId: nullableId,
  note: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: isoTimestamp,
});
export type DemandBackingRow = z.infer<typeof demandBackingRow>;

export const demandDetail = demandRow.extend({
  comments: z.array(demandCommentRow),
  backings: z.array(demandBackingRow),
  proposals: z.array(z.object({ id: z.number().int(), title: z.string(), status: z.string() })),
  allowed: z.array(intakeAllowedStep),
  events: z.array(intakeEventRow),
});
export type DemandDetail = z.infer<typeof demandDetail>;

export const demandListQuery = z.object({
  ...listParams,
  programmeId: filterParam.int,
  complexId: filterParam.int,
  miniClusterId: filterParam.int,
  activityId: filterParam.int,
  organisationId: filterParam.int.describe('Raised or backed by this organisation'),
  supportArea: z.enum(supportAreas).optional(),
  status: z.enum(demandStates).optional(),
  ideas: filterParam.bool.describe('true: only the idea store (state open_idea)'),
  synthetic: filterParam.bool,
});
export type DemandListQuery = z.infer<typeof demandListQuery>;
export const demandPage = pageOf(demandRow);

export const demandCommentCreate = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(4000),
});
export type DemandCommentCreate = z.infer<typeof demandCommentCreate>;

export const demandBackingCreate = z.object({
  organisationId: id.describe('The organisation backing the idea (once per organisation)'),
  note: z.string().trim().max(2000).nullable().default(null),
});
export type DemandBackingCreate = z.infer<typeof demandBackingCreate>;

// ---------------------------------------------------------------------------------------------
// Calls and instruments

/** One weighted review criterion of a call's rubric. */
export const rubricCriterion = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _'),
  name: text,
  weight: z.number().gt(0, 'weight must be greater than 0').max(1000),
  maxScore: z.number().gt(0, 'maxScore must be greater than 0').max(1000),
});
export type RubricCriterion = z.infer<typeof rubricCriterion>;

export const rubric = z
  .array(rubricCriterion)
  .max(50)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.code))
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code ${c.code}` });
      seen.add(c.code);
    });
  });

const reportingSchedule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annual') }),
  z.object({ kind: z.literal('every_months'), months: z.number().int().min(1).max(60) }),
  z.object({ kind: z.literal('final_only') }),
]);

/** Funding rules as data: InstrumentRules of the domain package without code and name. */
export const instrumentRules = z.object({
  maxGrantKrw: krw.nullable().describe('Largest public grant; null for no limit'),
  minTotalKrw: krw.nullable().describe('Smallest total budget; null for none'),
  publicShareLimits: z
    .object({ sme: share, mid_sized: share, large: share })
    .partial()
    .describe('Largest public share of the total budget by firm size'),
  minFirmShare: share.nullable().describe('Smallest share paid by firms; null for none'),
  costCategoryCaps: z
    .object(
      Object.fromEntries(costCategories.map((c) => [c, share])) as Record<
        (typeof costCategories)[number],
        typeof share
      >,
    )
    .partial()
    .describe('Largest share of the total per cost category'),
  eligibleLeadKinds: z.array(z.enum(organisationKinds)).min(1, 'name at least one kind'),
  eligiblePartnerKinds: z.array(z.enum(organisationKinds)),
  fastTrackBelowKrw: krw
    .nullable()
    .describe('Public grants below this are decided without the committee; null for never'),
  reportingSchedule,
});
export type InstrumentRulesData = z.infer<typeof instrumentRules>;

export const instrumentInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _'),
  name: text,
  budgetKrw: krw.nullable().default(null),
  rules: instrumentRules,
});
export type InstrumentInput = z.infer<typeof instrumentInput>;

const uniqueCodes = (list: { code: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.code))
      ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `duplicate code ${c.code}` });
    seen.add(c.code);
  });
};

const instrumentList = z.array(instrumentInput).min(1).max(20).superRefine(uniqueCodes);

export const callCreate = z.object({
  programmeId: id,
  code: z.string().trim().min(1).max(60),
  title: text,
  description: longText,
  budgetKrw: krw,
  opensOn: isoDate,
  closesOn: isoDate,
  decisionBy: isoDate.nullable().default(null),
  reviewsPerProposal: z.number().int().min(1).max(20).default(3),
  rubric: rubric.default([]),
  instruments: instrumentList,
  synthetic: z.boolean().default(false),
});
export type CallCreate = z.infer<typeof callCreate>;

export const callUpdate = z
  .object({
    code: z.string().trim().min(1).max(60),
    title: text,
    description: z.string().trim().max(20000).nullable(),
    budgetKrw: krw,
    opensOn: isoDate,
    closesOn: isoDate,
    decisionBy: isoDate.nullable(),
    reviewsPerProposal: z.number().int().min(1).max(20),
    rubric,
    instruments: instrumentList.describe(
      'Replaces the list, matched by code; an instrument with proposals cannot be removed',
    ),
  })
  .partial();
export type CallUpdate = z.infer<typeof callUpdate>;

export const instrumentRow = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  code: z.string(),
  name: z.string(),
  budgetKrw: z.number().int().nullable(),
  rules: instrumentRules,
  synthetic: z.boolean(),
});
export type InstrumentRow = z.infer<typeof instrumentRow>;

export const callRow = z.object({
  ...rowMeta,
  programmeId: z.number().int(),
  code: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  budgetKrw: z.number().int(),
  opensOn: isoDate,
  closesOn: isoDate,
  decisionBy: isoDate.nullable(),
  reviewsPerProposal: z.number().int(),
  rubric: z.array(rubricCriterion),
  status: z.string(),
  instruments: z.array(instrumentRow),
  proposalCount: z.number().int().describe('Proposals of the call (visible or not)'),
});
export type CallRow = z.infer<typeof callRow>;

export const callDetail = callRow.extend({
  allowed: z.array(intakeAllowedStep),
  events: z.array(intakeEventRow),
});
export type CallDetail = z.infer<typeof callDetail>;

export const callListQuery = z.object({
  ...listParams,
  programmeId: filterParam.int,
  status: z.enum(callStates).optional(),
  synthetic: filterParam.bool,
});
export type CallListQuery = z.infer<typeof callListQuery>;
export const callPage = pageOf(callRow);

// ---------------------------------------------------------------------------------------------
// Proposals

export const proposalPartnerInput = z.object({
  organisationId: id,
  role: z.enum(proposalPartyRoles).default('partner'),
});
export const budgetLineInput = z.object({
  category: z.enum(costCategories),
  funder: z.enum(funders),
  organisationId: nullableId.default(null),
  amountKrw: krw,
  note: z.string().trim().max(500).nullable().default(null),
});
export type BudgetLineInput = z.infer<typeof budgetLineInput>;
export const milestoneInput = z.object({
  title: text,
  dueOn: isoDate.nullable().default(null),
  deliverable: z.string().trim().max(2000).nullable().default(null),
});

export const proposalCreate = z.object({
  callId: id,
  instrumentId: id,
  demandId: nullableId.default(null).describe('The demand the proposal answers'),
  miniClusterId: nullableId.default(null),
  leadOrganisationId: id,
  title: text,
  abstract: longText,
  plan: longText,
  startOn: isoDate.nullable().default(null),
  endOn: isoDate.nullable().default(null),
  partners: z.array(proposalPartnerInput).max(100).default([]),
  budget: z.array(budgetLineInput).max(500).default([]),
  milestones: z.array(milestoneInput).max(100).default([]),
  synthetic: z.boolean().default(false),
});
export type ProposalCreate = z.infer<typeof proposalCreate>;

export const proposalUpdate = z
  .object({
    instrumentId: id,
    demandId: nullableId,
    miniClusterId: nullableId,
    leadOrganisationId: id,
    title: text,
    abstract: z.string().trim().max(20000).nullable(),
    plan: z.string().trim().max(20000).nullable(),
    startOn: isoDate.nullable(),
    endOn: isoDate.nullable(),
    partners: z.array(proposalPartnerInput).max(100).describe('Replaces the list'),
    budget: z.array(budgetLineInput).max(500).describe('Replaces the list'),
    milestones: z.array(milestoneInput).max(100).describe('Replaces the list'),
  })
  .partial();
export type ProposalUpdate = z.infer<typeof proposalUpdate>;

/** A draft to check against its instrument's rules without saving it (live checks in the form). */
export const proposalCheckRequest = z.object({
  instrumentId: id,
  leadOrganisationId: id,
  partners: z.array(proposalPartnerInput).max(100).default([]),
  budget: z.array(budgetLineInput).max(500).default([]),
});
export type ProposalCheckRequest = z.infer<typeof proposalCheckRequest>;

/** One broken rule with the domain's exact English message. */
export const ruleViolation = z.object({
  code: z.string(),
  message: z.string(),
  value: z.number().optional(),
  limit: z.number().optional(),
  category: z.string().optional(),
  firmSize: z.string().optional(),
  party: z.string().optional(),
});
export type RuleViolationRow = z.infer<typeof ruleViolation>;

export const budgetTotalsRow = z.object({
  totalKrw: z.number(),
  publicKrw: z.number().describe('The requested grant'),
  firmKrw: z.number(),
  otherKrw: z.number(),
  publicShare: z.number().nullable().describe('0 to 1; null for an empty budget'),
  firmShare: z.number().nullable(),
});
export type BudgetTotalsRow = z.infer<typeof budgetTotalsRow>;

export const proposalCheckResult = z.object({
  violations: z.array(ruleViolation),
  totals: budgetTotalsRow,
  firmSize: z
    .enum(sizeClasses)
    .nullable()
    .describe('The firm size whose public-share limit applies'),
  isFastTrack: z.boolean(),
});
export type ProposalCheckResult = z.infer<typeof proposalCheckResult>;

export const proposalRow = z.object({
  ...rowMeta,
  callId: z.number().int(),
  callCode: z.string(),
  programmeId: z.number().int(),
  instrumentId: z.number().int(),
  instrumentCode: z.string(),
  demandId: nullableId,
  complexId: nullableId,
  miniClusterId: nullableId,
  miniClusterName: z.string().nullable(),
  leadOrganisationId: z.number().int(),
  leadOrganisationName: z.string(),
  title: z.string(),
  status: z.string(),
  version: z.number().int().describe('Submitted versions so far (0 for a never-submitted draft)'),
  submittedAt: isoTimestamp.nullable(),
  mergedIntoId: nullableId,
  startOn: isoDate.nullable(),
  endOn: isoDate.nullable(),
  requestedGrantKrw: z.number().describe('Public funding asked for, KRW'),
  totalKrw: z.number(),
  violationCount: z.number().int().describe('Rules the current content breaks'),
  isFastTrack: z.boolean(),
});
export type ProposalRow = z.infer<typeof proposalRow>;

export const proposalPartyRow = z.object({
  organisationId: z.number().int(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  sizeClass: z.enum(sizeClasses).nullable(),
  role: z.string().describe('lead, partner, subcontractor or advisor'),
});
export type ProposalPartyRow = z.infer<typeof proposalPartyRow>;

export const budgetLineRow = z.object({
  category: z.enum(costCategories),
  funder: z.enum(funders),
  organisationId: z.number().int().nullable(),
  amountKrw: z.number(),
  note: z.string().nullable(),
});
export type BudgetLineRow = z.infer<typeof budgetLineRow>;

export const milestoneRow = z.object({
  seq: z.number().int(),
  title: z.string(),
  dueOn: isoDate.nullable(),
  deliverable: z.string().nullable(),
});

/** What a submission freezes (proposal_version.content). */
export const proposalContent = z.object({
  title: z.string(),
  abstract: z.string().nullable(),
  plan: z.string().nullable(),
  startOn: isoDate.nullable(),
  endOn: isoDate.nullable(),
  demandId: z.number().int().nullable(),
  instrumentId: z.number().int(),
  instrumentCode: z.string(),
  lead: proposalPartyRow,
  partners: z.array(proposalPartyRow),
  budget: z.array(budgetLineRow),
  milestones: z.array(milestoneRow),
  totals: budgetTotalsRow,
});
export type ProposalContent = z.infer<typeof proposalContent>;

export const proposalVersionRow = z.object({
  version: z.number().int(),
  content: proposalContent,
  violations: z.array(ruleViolation),
  note: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: isoTimestamp,
});
export type ProposalVersionRow = z.infer<typeof proposalVersionRow>;

export const proposalDetail = proposalRow.extend({
  abstract: z.string().nullable(),
  plan: z.string().nullable(),
  lead: proposalPartyRow,
  partners: z.array(proposalPartyRow),
  budget: z.array(budgetLineRow),
  milestones: z.array(milestoneRow),
  check: proposalCheckResult.describe('The current content checked against the instrument'),
  versions: z.array(
    z.object({
      version: z.number().int(),
      createdAt: isoTimestamp,
      violationCount: z.number().int(),
    }),
  ),
  allowed: z.array(intakeAllowedStep),
  events: z.array(intakeEventRow),
  editable: z
    .boolean()
    .describe('Whether the caller may change the content now (draft or revise_requested)'),
});
export type ProposalDetail = z.infer<typeof proposalDetail>;

export const proposalListQuery = z.object({
  ...listParams,
  callId: filterParam.int,
  instrumentId: filterParam.int,
  programmeId: filterParam.int,
  complexId: filterParam.int,
  miniClusterId: filterParam.int,
  demandId: filterParam.int,
  organisationId: filterParam.int.describe('Lead or partner'),
  status: z.enum(proposalStates).optional(),
  synthetic: filterParam.bool,
});
export type ProposalListQuery = z.infer<typeof proposalListQuery>;
export const proposalPage = pageOf(proposalRow);

export const proposalSubmitRequest = z.object({
  note: z.string().trim().max(2000).nullable().default(null).describe('Kept with the version'),
});
export type ProposalSubmitRequest = z.infer<typeof proposalSubmitRequest>;

/** One changed field between two versions, as flattened paths (`budget.2.amountKrw`). */
export const proposalVersionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      path: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});
export type ProposalVersionDiff = z.infer<typeof proposalVersionDiff>;
export const proposalDiffQuery = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

// ---------------------------------------------------------------------------------------------
// Merges

export const proposalMergeCreate = z.object({
  title: text.describe('The title of the merged proposal'),
  reason: z.string().trim().max(4000).nullable().default(null),
  proposalIds: z
    .array(id)
    .min(2, 'name at least two proposals')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'a proposal is named twice'),
  leadOrganisationId: nullableId
    .default(null)
    .describe('The lead of the merged proposal: one of the leads; defaults to the first'),
});
export type ProposalMergeCreate = z.infer<typeof proposalMergeCreate>;

export const mergeDecisions = ['consent', 'refuse'] as const;
export const proposalMergeDecision = z.object({
  proposalId: id.describe('The proposal whose lead decides'),
  decision: z.enum(mergeDecisions),
  reason: z.string().trim().max(4000).nullable().default(null),
});
export type ProposalMergeDecision = z.infer<typeof proposalMergeDecision>;

export const proposalMergeRow = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  title: z.string(),
  reason: z.string().nullable(),
  status: z.enum(['pending', 'merged', 'refused', 'cancelled']),
  resultProposalId: nullableId,
  requestedBy: nullableId,
  leadOrganisationId: nullableId,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
  consents: z.array(
    z.object({
      proposalId: z.number().int(),
      proposalTitle: z.string(),
      organisationId: z.number().int(),
      organisationName: z.string(),
      decision: z.enum(['pending', 'consent', 'refuse']),
      reason: z.string().nullable(),
      decidedBy: nullableId,
      decidedAt: isoTimestamp.nullable(),
    }),
  ),
});
export type ProposalMergeRow = z.infer<typeof proposalMergeRow>;

export const proposalMergeListQuery = z.object({
  callId: filterParam.int,
  proposalId: filterParam.int,
  status: z.enum(['pending', 'merged', 'refused', 'cancelled']).optional(),
});
export type ProposalMergeListQuery = z.infer<typeof proposalMergeListQuery>;
