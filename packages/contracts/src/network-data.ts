import { z } from 'zod';
import { filterParam, isoDate, listParams, pageOf, rowMeta } from './common.ts';

/**
 * Networking records (issue 5): activities with attendees, typed collaborations between
 * organisations, and attendance-sheet imports with a review step.
 */

/** Forums, technical seminars, workshops, meetings, Inno Cafe style consultations, matchmaking, exhibitions. */
export const activityKinds = [
  'forum',
  'seminar',
  'workshop',
  'meeting',
  'consultation',
  'matchmaking',
  'exhibition',
] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const collaborationKinds = [
  'joint_rd',
  'technology_transfer',
  'consulting',
  'co_patent',
  'co_publication',
  'supply',
  'shared_equipment',
  'project',
] as const;
export type CollaborationKind = (typeof collaborationKinds)[number];

/** How an attendee was tied to the registry: exact or fuzzy name match, chosen by hand, or not at all. */
export const attendeeMatches = ['exact', 'fuzzy', 'manual', 'none'] as const;
export type AttendeeMatch = (typeof attendeeMatches)[number];

const id = z.number().int().positive();
const nullableId = id.nullable();
const text = z.string().trim().min(1, 'must not be empty').max(300);
const optionalText = z.string().trim().max(2000).nullable().default(null);

const activityFields = {
  programmeId: nullableId.default(null),
  complexId: nullableId.default(null),
  kind: z.enum(activityKinds),
  title: text,
  topic: optionalText,
  heldOn: isoDate,
  hostOrganisationId: nullableId.default(null),
};

/** Attendees named in quick entry: registry organisations by id, people by id, or names matched exactly. */
export const attendeeAddRequest = z
  .object({
    organisationIds: z.array(id).max(5000).default([]),
    personIds: z.array(id).max(5000).default([]),
    names: z
      .array(text)
      .max(5000)
      .default([])
      .describe(
        'Organisation names as written; matched exactly (case, spaces and legal forms ignored), kept unmatched otherwise',
      ),
  })
  .refine((b) => b.organisationIds.length + b.personIds.length + b.names.length > 0, {
    message: 'name at least one organisation, person or name',
  });
export type AttendeeAddRequest = z.infer<typeof attendeeAddRequest>;

export const activityCreate = z.object({
  ...activityFields,
  miniClusterIds: z.array(id).max(100).default([]),
  attendees: z
    .object({
      organisationIds: z.array(id).max(5000).default([]),
      personIds: z.array(id).max(5000).default([]),
      names: z.array(text).max(5000).default([]),
    })
    .optional(),
  synthetic: z.boolean().default(false),
});
export type ActivityCreate = z.infer<typeof activityCreate>;

export const activityUpdate = z
  .object({
    programmeId: nullableId,
    complexId: nullableId,
    kind: z.enum(activityKinds),
    title: text,
    topic: z.string().trim().max(2000).nullable(),
    heldOn: isoDate,
    hostOrganisationId: nullableId,
    miniClusterIds: z.array(id).max(100).describe('Replaces the list'),
    synthetic: z.boolean(),
  })
  .partial();
export type ActivityUpdate = z.infer<typeof activityUpdate>;

export const activityRow = z.object({
  ...rowMeta,
  programmeId: nullableId,
  complexId: nullableId,
  kind: z.enum(activityKinds),
  title: z.string(),
  topic: z.string().nullable(),
  heldOn: isoDate,
  hostOrganisationId: nullableId,
  importId: nullableId.describe('The attendance import that created it, if any'),
  miniClusterIds: z.array(z.number().int()),
  attendeeCount: z
    .number()
    .int()
    .describe('Attendee rows (organisations, people, unmatched names)'),
});
export type ActivityRow = z.infer<typeof activityRow>;

export const attendeeRow = z.object({
  ...rowMeta,
  activityId: z.number().int(),
  organisationId: nullableId,
  organisationName: z.string().nullable(),
  personId: nullableId,
  personName: z.string().nullable(),
  nameAsWritten: z.string().nullable(),
  match: z.enum(attendeeMatches),
  matchScore: z
    .number()
    .nullable()
    .describe('Name similarity of a fuzzy match, 0 to 1 (Jaro-Winkler)'),
});
export type AttendeeRow = z.infer<typeof attendeeRow>;

export const activityDetail = activityRow.extend({ attendees: z.array(attendeeRow) });
export type ActivityDetail = z.infer<typeof activityDetail>;

export const attendeeAddResponse = z.object({
  added: z.array(attendeeRow),
  alreadyPresent: z.number().int(),
  unmatched: z.array(z.string()).describe('Names kept as written because no organisation matched'),
});
export type AttendeeAddResponse = z.infer<typeof attendeeAddResponse>;

export const activitySortable = ['id', 'heldOn', 'title', 'kind', 'complexId'] as const;

export const activityListQuery = z.object({
  ...listParams,
  programmeId: filterParam.int,
  complexId: filterParam.int,
  miniClusterId: filterParam.int,
  organisationId: filterParam.int.describe('Hosted or attended by this organisation'),
  kind: z.enum(activityKinds).optional(),
  from: isoDate.optional().describe('Held on or after'),
  to: isoDate.optional().describe('Held on or before'),
  synthetic: filterParam.bool,
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;
export const activityPage = pageOf(activityRow);

const collaborationFields = {
  kind: z.enum(collaborationKinds),
  sourceOrganisationId: id,
  targetOrganisationId: id,
  startedOn: isoDate,
  endedOn: isoDate.nullable().default(null),
  valueKrw: z.number().nonnegative().nullable().default(null).describe('Value in KRW'),
  projectId: nullableId.default(null),
  description: optionalText,
};

const distinctParties = (b: { sourceOrganisationId?: number; targetOrganisationId?: number }) =>
  b.sourceOrganisationId === undefined ||
  b.targetOrganisationId === undefined ||
  b.sourceOrganisationId !== b.targetOrganisationId;
const partiesMessage = {
  message: 'source and target must be different organisations',
  path: ['targetOrganisationId'],
};

export const collaborationCreate = z
  .object({ ...collaborationFields, synthetic: z.boolean().default(false) })
  .refine(distinctParties, partiesMessage)
  .refine((b) => b.endedOn === null || b.endedOn >= b.startedOn, {
    message: 'must not be before startedOn',
    path: ['endedOn'],
  });
export type CollaborationCreate = z.infer<typeof collaborationCreate>;

export const collaborationUpdate = z
  .object({
    kind: z.enum(collaborationKinds),
    sourceOrganisationId: id,
    targetOrganisationId: id,
    startedOn: isoDate,
    endedOn: isoDate.nullable(),
    valueKrw: z.number().nonnegative().nullable(),
    projectId: nullableId,
    description: z.string().trim().max(2000).nullable(),
    synthetic: z.boolean(),
  })
  .partial()
  .refine(distinctParties, partiesMessage);
export type CollaborationUpdate = z.infer<typeof collaborationUpdate>;

export const collaborationRow = z.object({
  ...rowMeta,
  kind: z.enum(collaborationKinds),
  sourceOrganisationId: z.number().int(),
  targetOrganisationId: z.number().int(),
  startedOn: isoDate,
  endedOn: isoDate.nullable(),
  valueKrw: z.number().nullable(),
  projectId: nullableId,
  description: z.string().nullable(),
});
export type CollaborationRow = z.infer<typeof collaborationRow>;

export const collaborationSortable = ['id', 'startedOn', 'kind', 'valueKrw'] as const;

export const collaborationListQuery = z.object({
  ...listParams,
  kind: z.enum(collaborationKinds).optional(),
  organisationId: filterParam.int.describe('Either party'),
  complexId: filterParam.int.describe("Either party's complex"),
  from: isoDate.optional().describe('Running on or after this date (ended_on null or later)'),
  to: isoDate.optional().describe('Started on or before this date'),
  synthetic: filterParam.bool,
});
export type CollaborationListQuery = z.infer<typeof collaborationListQuery>;
export const collaborationPage = pageOf(collaborationRow);

/** An attendance sheet, CSV or XLSX, base64-encoded. */
export const attendanceImportRequest = z.object({
  fileName: z.string().trim().min(1).max(300),
  contentBase64: z.string().min(1),
});
export type AttendanceImportRequest = z.infer<typeof attendanceImportRequest>;

export const matchCandidate = z.object({
  organisationId: z.number().int(),
  name: z.string(),
  score: z.number().describe('Jaro-Winkler similarity of the normalised names, 0 to 1'),
});
export type MatchCandidate = z.infer<typeof matchCandidate>;

/** One sheet row held for review, with the proposed registry match. */
export const attendanceImportRow = z.object({
  row: z.number().int().describe('Row number as the spreadsheet shows it (header is row 1)'),
  title: z.string(),
  heldOn: isoDate,
  kind: z.enum(activityKinds),
  complexId: nullableId,
  topic: z.string().nullable(),
  organisationName: z.string(),
  personName: z.string().nullable(),
  match: z.enum(['exact', 'fuzzy', 'none']),
  organisationId: nullableId.describe('The proposed organisation'),
  score: z.number().nullable(),
  candidates: z.array(matchCandidate),
});
export type AttendanceImportRow = z.infer<typeof attendanceImportRow>;

export const attendanceImportStatuses = ['review', 'committed', 'discarded'] as const;

export const attendanceImportResponse = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(attendanceImportStatuses),
  createdBy: nullableId,
  createdAt: z.string(),
  committedAt: z.string().nullable(),
  rows: z.array(attendanceImportRow),
  counts: z.object({
    rows: z.number().int(),
    activities: z.number().int(),
    exact: z.number().int(),
    fuzzy: z.number().int(),
    none: z.number().int(),
  }),
  summary: z
    .object({
      activities: z.number().int(),
      attendees: z.number().int(),
      exact: z.number().int(),
      fuzzy: z.number().int(),
      manual: z.number().int(),
      none: z.number().int(),
    })
    .nullable()
    .describe('What the commit wrote'),
});
export type AttendanceImportResponse = z.infer<typeof attendanceImportResponse>;

/** A reviewer's decision on one row: accept the proposal, choose another organisation, or mark it unmatched. */
export const attendanceDecision = z
  .object({
    row: z.number().int().positive(),
    action: z.enum(['accept', 'choose', 'none']),
    organisationId: id.optional(),
  })
  .refine((d) => d.action !== 'choose' || d.organisationId !== undefined, {
    message: 'choose needs organisationId',
    path: ['organisationId'],
  });
export type AttendanceDecision = z.infer<typeof attendanceDecision>;

export const attendanceCommitRequest = z.object({
  decisions: z.array(attendanceDecision).default([]),
  acceptExact: z
    .boolean()
    .default(true)
    .describe('Rows without a decision keep an exact match; fuzzy rows always need a decision'),
  acceptFuzzy: z
    .boolean()
    .default(false)
    .describe('Accept every fuzzy proposal without a decision'),
});
export type AttendanceCommitRequest = z.infer<typeof attendanceCommitRequest>;
