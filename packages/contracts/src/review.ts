import { z } from 'zod';
import { isoDate, isoTimestamp } from './common.ts';

/**
 * The review half of the project cycle (issue 6 part 4, issue 9): preliminary screening, the
 * evaluator pool with affiliations, business relations and declared conflicts, conflicts of
 * interest per call, reviewer assignment (optimal and manual), blind scoring against the
 * call's rubric, field inspections, committee meetings with notes, the ranking with its budget
 * line, and decisions sent to applicants. Amounts are whole KRW.
 */

const id = z.number().int().positive();
const text = z.string().trim().min(1, 'must not be empty').max(300);
const longText = z.string().trim().max(20_000);
const krw = z.number().int().min(0).describe('KRW');

// ---------------------------------------------------------------------------------------------
// Evaluator pool

export const evaluatorAffiliationInput = z.object({
  organisationId: id,
  fromOn: isoDate.nullable().default(null),
  toOn: isoDate.nullable().default(null),
});

export const evaluatorAffiliation = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  fromOn: z.string().nullable(),
  toOn: z.string().nullable(),
});

export const evaluatorCreate = z
  .object({
    personId: id.describe('The person (registry) who is the evaluator'),
    userId: id.nullable().default(null).describe('Their user account, to sign in and score'),
    expertise: z.array(text).max(100).default([]).describe('Expertise keywords'),
    minLoad: z.number().int().min(0).max(1000).default(0).describe('Fewest proposals per call'),
    maxLoad: z.number().int().min(0).max(1000).default(10).describe('Most proposals per call'),
    active: z.boolean().default(true),
    affiliations: z.array(evaluatorAffiliationInput).max(100).default([]),
  })
  .refine((v) => v.maxLoad >= v.minLoad, {
    message: 'maxLoad must not be below minLoad',
    path: ['maxLoad'],
  });
export type EvaluatorCreate = z.infer<typeof evaluatorCreate>;

export const evaluatorUpdate = z.object({
  userId: id.nullable().optional(),
  expertise: z.array(text).max(100).optional(),
  minLoad: z.number().int().min(0).max(1000).optional(),
  maxLoad: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
  affiliations: z.array(evaluatorAffiliationInput).max(100).optional(),
});
export type EvaluatorUpdate = z.infer<typeof evaluatorUpdate>;

export const evaluatorRow = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  name: z.string(),
  email: z.string().nullable(),
  personOrganisationId: z.number().int().nullable(),
  userId: z.number().int().nullable(),
  expertise: z.array(z.string()),
  minLoad: z.number().int(),
  maxLoad: z.number().int(),
  active: z.boolean(),
  affiliations: z.array(evaluatorAffiliation),
  synthetic: z.boolean(),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
});
export type EvaluatorRow = z.infer<typeof evaluatorRow>;

export const businessRelationKinds = ['supplier', 'customer', 'shareholder'] as const;

export const businessRelationCreate = z
  .object({
    fromOrganisationId: id,
    toOrganisationId: id,
    kind: z.enum(businessRelationKinds),
    since: isoDate.nullable().default(null),
    until: isoDate.nullable().default(null),
    source: z.string().trim().max(300).nullable().default(null),
  })
  .refine((v) => v.fromOrganisationId !== v.toOrganisationId, {
    message: 'an organisation cannot be related to itself',
    path: ['toOrganisationId'],
  });
export type BusinessRelationCreate = z.infer<typeof businessRelationCreate>;

export const businessRelationRow = z.object({
  id: z.number().int(),
  fromOrganisationId: z.number().int(),
  fromOrganisationName: z.string(),
  toOrganisationId: z.number().int(),
  toOrganisationName: z.string(),
  kind: z.enum(businessRelationKinds),
  since: z.string().nullable(),
  until: z.string().nullable(),
  source: z.string().nullable(),
  synthetic: z.boolean(),
  createdAt: isoTimestamp,
});
export type BusinessRelationRow = z.infer<typeof businessRelationRow>;

export const conflictDeclarationCreate = z
  .object({
    evaluatorId: id
      .optional()
      .describe('Officers name the evaluator; an evaluator declares for themself'),
    proposalId: id.nullable().default(null),
    organisationId: id.nullable().default(null),
    kind: z.enum(['declared', 'personal']).default('declared'),
    reason: text,
  })
  .refine((v) => v.proposalId !== null || v.organisationId !== null, {
    message: 'name a proposal or an organisation',
    path: ['proposalId'],
  });
export type ConflictDeclarationCreate = z.infer<typeof conflictDeclarationCreate>;

export const conflictDeclarationRow = z.object({
  id: z.number().int(),
  evaluatorId: z.number().int(),
  proposalId: z.number().int().nullable(),
  organisationId: z.number().int().nullable(),
  kind: z.enum(['declared', 'personal']),
  reason: z.string(),
  createdAt: isoTimestamp,
});
export type ConflictDeclarationRow = z.infer<typeof conflictDeclarationRow>;

// ---------------------------------------------------------------------------------------------
// Conflicts and assignment

export const conflictTypes = [
  'same_organisation',
  'business_relation',
  'same_mini_cluster_competitor',
  'recent_collaboration',
  'personal',
  'declared',
] as const;

export const conflictRow = z.object({
  evaluatorId: z.number().int(),
  evaluatorName: z.string(),
  proposalId: z.number().int(),
  proposalTitle: z.string(),
  type: z.enum(conflictTypes),
  organisationId: z.number().int().nullable(),
  reason: z.string(),
});
export type ConflictRow = z.infer<typeof conflictRow>;

export const callConflicts = z.object({
  callId: z.number().int(),
  asOf: z.string(),
  collaborationYears: z.number().int(),
  conflicts: z.array(conflictRow),
});
export type CallConflicts = z.infer<typeof callConflicts>;

export const reviewAssignmentRow = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  proposalId: z.number().int(),
  proposalTitle: z.string(),
  evaluatorId: z.number().int(),
  evaluatorName: z.string(),
  method: z.enum(['auto', 'manual']),
  status: z.enum(['assigned', 'declined', 'submitted', 'withdrawn']),
  cost: z.number().nullable().describe('1 − cosine similarity of expertise and proposal words'),
  reviewStatus: z.enum(['none', 'draft', 'submitted']),
  createdAt: isoTimestamp,
});
export type ReviewAssignmentRow = z.infer<typeof reviewAssignmentRow>;

export const evaluatorLoad = z.object({
  evaluatorId: z.number().int(),
  name: z.string(),
  load: z.number().int(),
  minLoad: z.number().int(),
  maxLoad: z.number().int(),
});
export type EvaluatorLoad = z.infer<typeof evaluatorLoad>;

export const callAssignments = z.object({
  callId: z.number().int(),
  reviewsPerProposal: z.number().int(),
  assignments: z.array(reviewAssignmentRow),
  loads: z.array(evaluatorLoad),
});
export type CallAssignments = z.infer<typeof callAssignments>;

export const autoAssignBody = z.object({
  preview: z.boolean().default(false).describe('Return the plan and its cost without saving'),
});

export const plannedPair = z.object({
  proposalId: z.number().int(),
  proposalTitle: z.string(),
  evaluatorId: z.number().int(),
  evaluatorName: z.string(),
  cost: z.number(),
  kept: z.boolean().describe('An existing manual or started assignment kept as fixed'),
});

export const assignmentPlan = z.object({
  callId: z.number().int(),
  saved: z.boolean(),
  proposals: z.number().int(),
  evaluators: z.number().int(),
  reviewsPerProposal: z.number().int(),
  totalCost: z.number().describe('Sum of 1 − cosine similarity over the assigned pairs'),
  conflictedPairs: z.number().int(),
  pairs: z.array(plannedPair),
  loads: z.array(evaluatorLoad),
  computedOffThread: z.boolean(),
  elapsedMs: z.number(),
});
export type AssignmentPlan = z.infer<typeof assignmentPlan>;

export const manualAssignmentCreate = z.object({ proposalId: id, evaluatorId: id });
export const callAssignmentParams = z.object({
  id: z.coerce.number().int().positive(),
  assignmentId: z.coerce.number().int().positive(),
});

// ---------------------------------------------------------------------------------------------
// Blind review

export const reviewRubricCriterion = z.object({
  code: z.string(),
  name: z.string(),
  weight: z.number(),
  maxScore: z.number(),
});
export type ReviewRubricCriterion = z.infer<typeof reviewRubricCriterion>;

export const ownReview = z.object({
  scores: z.record(z.string(), z.number()),
  total: z.number().nullable().describe('Weighted score on 0–100, computed by the server'),
  commentToApplicant: z.string().nullable(),
  commentToCommittee: z.string().nullable(),
  status: z.enum(['draft', 'submitted']),
  submittedAt: z.string().nullable(),
});
export type OwnReview = z.infer<typeof ownReview>;

/** What an evaluator sees of an assigned proposal: its content, never other reviewers. */
export const reviewQueueItem = z.object({
  assignmentId: z.number().int(),
  proposalId: z.number().int(),
  callId: z.number().int(),
  callTitle: z.string(),
  title: z.string(),
  abstract: z.string().nullable(),
  plan: z.string().nullable(),
  startOn: z.string().nullable(),
  endOn: z.string().nullable(),
  leadOrganisationName: z.string(),
  partnerNames: z.array(z.string()),
  requestedGrantKrw: krw,
  totalBudgetKrw: krw,
  rubric: z.array(reviewRubricCriterion),
  review: ownReview.nullable(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItem>;

export const reviewSave = z.object({
  scores: z.record(z.string(), z.number().min(0)).default({}),
  commentToApplicant: z.string().trim().max(20_000).nullable().default(null),
  commentToCommittee: z.string().trim().max(20_000).nullable().default(null),
  submit: z.boolean().default(false).describe('Submit (final); otherwise saved as a draft'),
});
export type ReviewSave = z.infer<typeof reviewSave>;

export const reviewNormalisations = ['mean-centre', 'z-score', 'none'] as const;

export const officerReview = z.object({
  assignmentId: z.number().int(),
  evaluatorId: z.number().int(),
  evaluatorName: z.string(),
  status: z.enum(['draft', 'submitted']),
  scores: z.record(z.string(), z.number()),
  total: z.number().nullable(),
  normalised: z.number().nullable(),
  commentToCommittee: z.string().nullable(),
  commentToApplicant: z.string().nullable(),
});

export const proposalReviews = z.object({
  proposalId: z.number().int(),
  title: z.string(),
  reviews: z.array(officerReview),
});

export const callReviews = z.object({
  callId: z.number().int(),
  normalisation: z.enum(reviewNormalisations),
  rubric: z.array(reviewRubricCriterion),
  proposals: z.array(proposalReviews),
});
export type CallReviews = z.infer<typeof callReviews>;

// ---------------------------------------------------------------------------------------------
// Ranking, committee, decisions

export const reviewRankingQuery = z.object({
  normalisation: z.enum(reviewNormalisations).default('mean-centre'),
});

export const proposalDecisionKinds = [
  'select',
  'revise',
  'reject',
  'fast_track_select',
  'fail_screening',
] as const;

export const proposalDecisionRow = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  meetingId: z.number().int().nullable(),
  decision: z.enum(proposalDecisionKinds),
  reason: z.string(),
  rank: z.number().int().nullable(),
  approvedGrantKrw: krw.nullable(),
  decidedAt: isoTimestamp,
  notifiedAt: isoTimestamp.nullable(),
  projectId: z.number().int().nullable(),
});
export type ProposalDecisionRow = z.infer<typeof proposalDecisionRow>;

export const rankingRow = z.object({
  rank: z
    .number()
    .int()
    .nullable()
    .describe('Competition rank by normalised mean; null without reviews'),
  proposalId: z.number().int(),
  title: z.string(),
  leadOrganisationName: z.string(),
  status: z.string(),
  reviews: z.number().int(),
  reviewsExpected: z.number().int(),
  rawMean: z.number().nullable(),
  normalisedMean: z.number().nullable(),
  requestedKrw: krw,
  cumulativeKrw: krw.describe('Requested amounts summed down the ranking'),
  aboveCutoff: z.boolean().describe('Cumulative request still within the call budget'),
  suggested: z.boolean().describe('Chosen by selection within budget (rank order, skipping)'),
  decision: proposalDecisionRow.nullable(),
  inspection: z
    .object({
      inspectedOn: z.string(),
      recommendation: z.enum(['proceed', 'proceed_with_conditions', 'do_not_proceed']).nullable(),
      findings: z.string(),
    })
    .nullable()
    .describe('The latest field inspection'),
});
export type RankingRow = z.infer<typeof rankingRow>;

export const callRanking = z.object({
  callId: z.number().int(),
  callTitle: z.string(),
  budgetKrw: krw,
  committedKrw: krw.describe('Grants already approved in this call'),
  remainingKrw: z.number().int(),
  suggestedKrw: krw,
  normalisation: z.enum(reviewNormalisations),
  rows: z.array(rankingRow),
});
export type CallRanking = z.infer<typeof callRanking>;

export const proposalDecisionCreate = z.object({
  decision: z.enum(['select', 'revise', 'reject']),
  reason: z.string().trim().max(20_000).default(''),
  approvedGrantKrw: krw.optional().describe('Defaults to the public amount requested'),
  meetingId: id.nullable().default(null),
  notify: z.boolean().default(true).describe('Send to the applicant now (sets notifiedAt)'),
});
export type ProposalDecisionCreate = z.infer<typeof proposalDecisionCreate>;

/** The applicant's view of decisions: no reviewer identities, comments to the applicant only. */
export const applicantDecisions = z.object({
  proposalId: z.number().int(),
  status: z.string(),
  decisions: z.array(proposalDecisionRow.omit({ meetingId: true, rank: true })),
  reviewerComments: z.array(z.string()).describe('Comments to the applicant, without names'),
});
export type ApplicantDecisions = z.infer<typeof applicantDecisions>;

export const sendToCommitteeBody = z.object({
  proposalIds: z.array(id).max(5000).optional().describe('Default: every proposal in review'),
});

export const committeeMeetingCreate = z.object({
  heldOn: isoDate,
  title: text,
  members: z.string().trim().max(5000).nullable().default(null),
});
export const committeeMeetingUpdate = z.object({
  status: z.enum(['planned', 'held', 'closed']).optional(),
  minutes: z.string().trim().max(50_000).nullable().optional(),
  members: z.string().trim().max(5000).nullable().optional(),
});

export const committeeNoteRow = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  proposalId: z.number().int(),
  userId: z.number().int().nullable(),
  body: z.string(),
  createdAt: isoTimestamp,
});
export const committeeNoteCreate = z.object({ proposalId: id, body: longText.min(1) });

export const committeeMeetingRow = z.object({
  id: z.number().int(),
  callId: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  members: z.string().nullable(),
  minutes: z.string().nullable(),
  status: z.enum(['planned', 'held', 'closed']),
  synthetic: z.boolean(),
  notes: z.array(committeeNoteRow),
});
export type CommitteeMeetingRow = z.infer<typeof committeeMeetingRow>;

export const fieldInspectionCreate = z.object({
  inspectedOn: isoDate,
  inspectors: text,
  findings: longText.min(1),
  recommendation: z
    .enum(['proceed', 'proceed_with_conditions', 'do_not_proceed'])
    .nullable()
    .default(null),
});
export const fieldInspectionRow = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  inspectedOn: z.string(),
  inspectors: z.string(),
  findings: z.string(),
  recommendation: z.enum(['proceed', 'proceed_with_conditions', 'do_not_proceed']).nullable(),
  synthetic: z.boolean(),
  createdAt: isoTimestamp,
});

// ---------------------------------------------------------------------------------------------
// Screening

export const screeningCheck = z.object({
  code: z.string().trim().min(1).max(60),
  label: z.string().trim().min(1).max(300),
  passed: z.boolean(),
  note: z.string().trim().max(2000).nullable().default(null),
});

export const screeningCreate = z.object({
  outcome: z.enum(['pass', 'fail', 'fast_track']),
  checks: z.array(screeningCheck).max(50).default([]),
  reason: z.string().trim().max(20_000).default('').describe('Required to fail or fast-track'),
  notes: z.string().trim().max(20_000).nullable().default(null),
});
export type ScreeningCreate = z.infer<typeof screeningCreate>;

export const screeningRow = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  version: z.number().int(),
  passed: z.boolean(),
  checks: z.array(screeningCheck),
  notes: z.string().nullable(),
  screenedAt: isoTimestamp,
  proposalStatus: z.string(),
  decision: proposalDecisionRow.nullable(),
});
export type ScreeningRow = z.infer<typeof screeningRow>;

export const sendToCommitteeResult = z.object({
  moved: z.array(z.number().int()),
});
