import type { ColumnType, Generated } from 'kysely';

/** Mirrors migrations/*.sql (keep them in step); names are camelCase through Kysely's CamelCasePlugin. */
type Timestamps = { createdAt: Generated<string>; updatedAt: Generated<string> };

export interface ProgrammeTable extends Timestamps {
  id: Generated<number>;
  code: string;
  name: string;
  nameKo: ColumnType<string | null, string | null | undefined, string | null>;
  ministry: string;
  agency: ColumnType<string | null, string | null | undefined, string | null>;
  startDate: ColumnType<string | null, string | null | undefined, string | null>;
  endDate: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  publishAggregates: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ProgrammePhaseTable extends Timestamps {
  id: Generated<number>;
  programmeId: number;
  name: string;
  startDate: string;
  endDate: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RegionTable extends Timestamps {
  id: Generated<number>;
  code: string;
  kind: string;
  name: string;
  nameKo: ColumnType<string | null, string | null | undefined, string | null>;
  kostatCode: ColumnType<string | null, string | null | undefined, string | null>;
  isoCode: ColumnType<string | null, string | null | undefined, string | null>;
  groupingScheme: ColumnType<string | null, string | null | undefined, string | null>;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface IndustryClassificationTable extends Timestamps {
  id: Generated<number>;
  code: string;
  vintage: string;
  name: string;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface IndustryTable extends Timestamps {
  id: Generated<number>;
  classificationId: number;
  code: string;
  name: string;
  nameKo: ColumnType<string | null, string | null | undefined, string | null>;
  parentId: ColumnType<number | null, number | null | undefined, number | null>;
  level: ColumnType<number, number | undefined, number>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ComplexTable extends Timestamps {
  id: Generated<number>;
  name: string;
  nameKo: ColumnType<string | null, string | null | undefined, string | null>;
  kind: ColumnType<string | null, string | null | undefined, string | null>;
  provinceId: number;
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
  areaKm2: ColumnType<number | null, number | null | undefined, number | null>;
  isHub: ColumnType<boolean, boolean | undefined, boolean>;
  hubId: ColumnType<number | null, number | null | undefined, number | null>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface RegionMemberTable extends Timestamps {
  id: Generated<number>;
  regionId: number;
  memberRegionId: ColumnType<number | null, number | null | undefined, number | null>;
  memberComplexId: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ParticipationTable extends Timestamps {
  id: Generated<number>;
  programmeId: number;
  complexId: number;
  joined: string;
  leftOn: ColumnType<string | null, string | null | undefined, string | null>;
  focus: ColumnType<string | null, string | null | undefined, string | null>;
  focusIndustryId: ColumnType<number | null, number | null | undefined, number | null>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MiniClusterTable extends Timestamps {
  id: Generated<number>;
  complexId: number;
  name: string;
  field: string;
  industryId: ColumnType<number | null, number | null | undefined, number | null>;
  started: ColumnType<string | null, string | null | undefined, string | null>;
  ended: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface OrganisationTable extends Timestamps {
  id: Generated<number>;
  name: string;
  nameKo: ColumnType<string | null, string | null | undefined, string | null>;
  kind: string;
  sizeClass: ColumnType<string | null, string | null | undefined, string | null>;
  provinceId: ColumnType<number | null, number | null | undefined, number | null>;
  complexId: ColumnType<number | null, number | null | undefined, number | null>;
  industryId: ColumnType<number | null, number | null | undefined, number | null>;
  employees: ColumnType<number | null, number | null | undefined, number | null>;
  registrationNo: ColumnType<string | null, string | null | undefined, string | null>;
  website: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface MembershipTable extends Timestamps {
  id: Generated<number>;
  organisationId: number;
  miniClusterId: number;
  role: ColumnType<string, string | undefined, string>;
  joined: string;
  leftOn: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface PersonTable extends Timestamps {
  id: Generated<number>;
  name: string;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  organisationId: ColumnType<number | null, number | null | undefined, number | null>;
  title: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BodyTable extends Timestamps {
  id: Generated<number>;
  kind: string;
  name: string;
  programmeId: ColumnType<number | null, number | null | undefined, number | null>;
  complexId: ColumnType<number | null, number | null | undefined, number | null>;
  regionId: ColumnType<number | null, number | null | undefined, number | null>;
  established: ColumnType<string | null, string | null | undefined, string | null>;
  dissolved: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BodySeatTable extends Timestamps {
  id: Generated<number>;
  bodyId: number;
  personId: number;
  role: string;
  team: ColumnType<string | null, string | null | undefined, string | null>;
  started: ColumnType<string | null, string | null | undefined, string | null>;
  ended: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BudgetYearTable extends Timestamps {
  id: Generated<number>;
  programmeId: number;
  year: number;
  needKrw100m: ColumnType<number | null, number | null | undefined, number | null>;
  allottedKrw100m: ColumnType<number | null, number | null | undefined, number | null>;
  allottedIsEstimate: ColumnType<boolean, boolean | undefined, boolean>;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface BudgetItemTable extends Timestamps {
  id: Generated<number>;
  programmeId: number;
  year: number;
  itemGroup: string;
  item: string;
  amountKrwMillion: number;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ReferenceCountTable {
  id: Generated<number>;
  dataset: string;
  complexId: number;
  category: string;
  value: number;
  asOf: string;
  source: string;
}

export interface Database {
  programme: ProgrammeTable;
  programmePhase: ProgrammePhaseTable;
  region: RegionTable;
  industryClassification: IndustryClassificationTable;
  industry: IndustryTable;
  complex: ComplexTable;
  regionMember: RegionMemberTable;
  participation: ParticipationTable;
  miniCluster: MiniClusterTable;
  organisation: OrganisationTable;
  membership: MembershipTable;
  person: PersonTable;
  body: BodyTable;
  bodySeat: BodySeatTable;
  budgetYear: BudgetYearTable;
  budgetItem: BudgetItemTable;
  referenceCount: ReferenceCountTable;
  appSetting: AppSettingTable;
  appUser: AppUserTable;
  roleGrant: RoleGrantTable;
  assignment: AssignmentTable;
  userSession: UserSessionTable;
  apiToken: ApiTokenTable;
  loginAttempt: LoginAttemptTable;
  auditEvent: AuditEventTable;
}

type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface AppUserTable extends Timestamps {
  id: Generated<number>;
  email: string;
  name: string;
  passwordHash: string;
  isActive: Generated<boolean>;
  mustChangePassword: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: Nullable<string>;
  lastLoginAt: Nullable<string>;
}

export interface RoleGrantTable extends Timestamps {
  id: Generated<number>;
  userId: number;
  role: string;
  programmeId: Nullable<number>;
  complexId: Nullable<number>;
  miniClusterId: Nullable<number>;
  organisationId: Nullable<number>;
}

export interface AssignmentTable extends Timestamps {
  id: Generated<number>;
  userId: number;
  entity: string;
  entityId: number;
}

export interface UserSessionTable {
  id: Generated<number>;
  tokenHash: string;
  csrfToken: string;
  userId: number;
  createdAt: Generated<string>;
  expiresAt: string;
  address: Nullable<string>;
}

export interface ApiTokenTable extends Timestamps {
  id: Generated<number>;
  userId: number;
  name: string;
  tokenHash: string;
  prefix: string;
  expiresAt: Nullable<string>;
  revokedAt: Nullable<string>;
  lastUsedAt: Nullable<string>;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  email: string;
  address: Nullable<string>;
  success: boolean;
  at: Generated<string>;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: Generated<string>;
  userId: Nullable<number>;
  userEmail: Nullable<string>;
  via: string;
  address: Nullable<string>;
  action: string;
  entity: string;
  entityId: string;
  before: Nullable<unknown>;
  after: Nullable<unknown>;
}

export interface AppSettingTable {
  key: string;
  value: unknown;
  updatedAt: Generated<string>;
}

// Cluster mapping (migrations/0004_mapping.sql).

export interface StatDatasetTable extends Timestamps {
  id: Generated<number>;
  name: string;
  source: Nullable<string>;
  licence: Nullable<string>;
  universe: ColumnType<string, string | undefined, string>;
  fillRule: ColumnType<string, string | undefined, string>;
  description: Nullable<string>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface StatValueTable {
  datasetId: number;
  measure: string;
  year: number;
  regionId: number;
  industryId: number;
  value: number;
  suppressed: ColumnType<boolean, boolean | undefined, boolean>;
  filled: ColumnType<boolean, boolean | undefined, boolean>;
  fillRule: Nullable<string>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  updatedAt: Generated<string>;
  /** The series' value in the first year of its dataset and measure (0016; mapping-totals.ts). */
  firstValue: Generated<number | null>;
  firstFilled: Generated<boolean>;
}

export interface StatNationalTotalTable {
  datasetId: number;
  measure: string;
  year: number;
  industryId: number;
  value: number;
  updatedAt: Generated<string>;
}

// Totals derived from stat_value at import (migrations/0014_mapping_totals.sql).
export interface StatRegionTotalTable {
  datasetId: number;
  measure: string;
  year: number;
  regionId: number;
  level: number;
  value: number;
}

export interface StatIndustryTotalTable {
  datasetId: number;
  measure: string;
  year: number;
  regionKind: string;
  industryId: number;
  value: number;
}

export interface StatUniverseTotalTable {
  datasetId: number;
  measure: string;
  year: number;
  regionKind: string;
  level: number;
  value: number;
}

export interface StatClusterValueTable {
  datasetId: number;
  measure: string;
  year: number;
  regionId: number;
  clusterId: number;
  level: number;
  value: number;
  filled: boolean;
}

export interface StatYearGridTable {
  datasetId: number;
  measure: string;
  year: number;
  r0: number;
  i0: number;
  value: number[][];
  filled: boolean[][];
}

export interface ClusterDefinitionTable extends Timestamps {
  id: Generated<number>;
  name: string;
  version: ColumnType<number, number | undefined, number>;
  kind: string;
  description: Nullable<string>;
  source: Nullable<string>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ClusterIndustryTable {
  clusterId: number;
  industryId: number;
  updatedAt: Generated<string>;
}

/** Declaration merging adds the mapping tables to `Database` without editing the block above. */
export interface Database {
  statDataset: StatDatasetTable;
  statValue: StatValueTable;
  statNationalTotal: StatNationalTotalTable;
  statRegionTotal: StatRegionTotalTable;
  statIndustryTotal: StatIndustryTotalTable;
  statUniverseTotal: StatUniverseTotalTable;
  statYearGrid: StatYearGridTable;
  statClusterValue: StatClusterValueTable;
  clusterDefinition: ClusterDefinitionTable;
  clusterIndustry: ClusterIndustryTable;
}

/** One plant's employment in a dataset and year (migrations/0017_mapping_plants.sql). */
export interface StatPlantTable {
  datasetId: number;
  year: number;
  /** The plant's code or id in the source. */
  plant: string;
  regionId: number;
  industryId: number;
  employment: number;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  updatedAt: Generated<string>;
}

/** Declaration merging adds the plant table (0017) to `Database`. */
export interface Database {
  statPlant: StatPlantTable;
}

// Networking records (migrations/0006_network.sql).

export interface AttendanceImportTable {
  id: Generated<number>;
  fileName: string;
  status: ColumnType<string, string | undefined, string>;
  createdBy: Nullable<number>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
  committedAt: Nullable<string>;
  rows: ColumnType<unknown, string | undefined, string>;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ActivityTable extends Timestamps {
  id: Generated<number>;
  programmeId: Nullable<number>;
  complexId: Nullable<number>;
  kind: string;
  title: string;
  topic: Nullable<string>;
  heldOn: string;
  hostOrganisationId: Nullable<number>;
  importId: Nullable<number>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ActivityMiniClusterTable {
  activityId: number;
  miniClusterId: number;
}

export interface ActivityAttendeeTable extends Timestamps {
  id: Generated<number>;
  activityId: number;
  organisationId: Nullable<number>;
  personId: Nullable<number>;
  nameAsWritten: Nullable<string>;
  match: ColumnType<string, string | undefined, string>;
  matchScore: Nullable<number>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CollaborationTable extends Timestamps {
  id: Generated<number>;
  kind: string;
  sourceOrganisationId: number;
  targetOrganisationId: number;
  startedOn: string;
  endedOn: Nullable<string>;
  valueKrw: Nullable<number>;
  projectId: Nullable<number>;
  description: Nullable<string>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
}

/** Declaration merging adds the networking tables to `Database`. */
export interface Database {
  attendanceImport: AttendanceImportTable;
  activity: ActivityTable;
  activityMiniCluster: ActivityMiniClusterTable;
  activityAttendee: ActivityAttendeeTable;
  collaboration: CollaborationTable;
}

// The project cycle (migrations/0009_project_cycle.sql). Money is whole KRW.

type Synthetic = ColumnType<boolean, boolean | undefined, boolean>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface DemandTable extends Timestamps {
  id: Generated<number>;
  programmeId: Nullable<number>;
  complexId: Nullable<number>;
  miniClusterId: Nullable<number>;
  activityId: Nullable<number>;
  title: string;
  description: Nullable<string>;
  supportArea: string;
  field: Nullable<string>;
  raisedOn: string;
  status: Defaulted<string>;
  createdBy: Nullable<number>;
  synthetic: Synthetic;
}

export interface DemandOrganisationTable {
  demandId: number;
  organisationId: number;
}

export interface DemandCommentTable extends Timestamps {
  id: Generated<number>;
  demandId: number;
  userId: Nullable<number>;
  body: string;
  synthetic: Synthetic;
}

export interface DemandBackingTable {
  demandId: number;
  organisationId: number;
  userId: Nullable<number>;
  note: Nullable<string>;
  synthetic: Synthetic;
  createdAt: Generated<string>;
}

export interface FundingCallTable extends Timestamps {
  id: Generated<number>;
  programmeId: number;
  code: string;
  title: string;
  description: Nullable<string>;
  budgetKrw: number;
  opensOn: string;
  closesOn: string;
  decisionBy: Nullable<string>;
  reviewsPerProposal: Defaulted<number>;
  rubric: Json;
  status: Defaulted<string>;
  synthetic: Synthetic;
}

export interface CallInstrumentTable extends Timestamps {
  id: Generated<number>;
  callId: number;
  code: string;
  name: string;
  budgetKrw: Nullable<number>;
  rules: ColumnType<unknown, string, string>;
  synthetic: Synthetic;
}

export interface ProposalTable extends Timestamps {
  id: Generated<number>;
  callId: number;
  instrumentId: number;
  demandId: Nullable<number>;
  complexId: Nullable<number>;
  miniClusterId: Nullable<number>;
  leadOrganisationId: number;
  title: string;
  abstract: Nullable<string>;
  plan: Nullable<string>;
  startOn: Nullable<string>;
  endOn: Nullable<string>;
  status: Defaulted<string>;
  version: Defaulted<number>;
  submittedAt: Nullable<string>;
  mergedIntoId: Nullable<number>;
  createdBy: Nullable<number>;
  synthetic: Synthetic;
}

export interface ProposalPartyTable {
  proposalId: number;
  organisationId: number;
  role: Defaulted<string>;
}

export interface ProposalBudgetLineTable {
  id: Generated<number>;
  proposalId: number;
  category: string;
  funder: string;
  organisationId: Nullable<number>;
  amountKrw: number;
  note: Nullable<string>;
}

export interface ProposalMilestoneTable {
  id: Generated<number>;
  proposalId: number;
  seq: number;
  title: string;
  dueOn: Nullable<string>;
  deliverable: Nullable<string>;
}

export interface ProposalVersionTable {
  id: Generated<number>;
  proposalId: number;
  version: number;
  content: ColumnType<unknown, string, string>;
  violations: Json;
  note: Nullable<string>;
  createdBy: Nullable<number>;
  createdAt: Generated<string>;
}

export interface ProposalMergeTable extends Timestamps {
  id: Generated<number>;
  callId: number;
  title: string;
  reason: Nullable<string>;
  status: Defaulted<string>;
  resultProposalId: Nullable<number>;
  requestedBy: Nullable<number>;
  /** migrations/0011_project_intake.sql: the lead of the merged proposal. */
  leadOrganisationId: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ProposalMergeConsentTable {
  mergeId: number;
  proposalId: number;
  organisationId: number;
  decision: Defaulted<string>;
  reason: Nullable<string>;
  decidedBy: Nullable<number>;
  decidedAt: Nullable<string>;
}

export interface ProposalScreeningTable {
  id: Generated<number>;
  proposalId: number;
  version: number;
  passed: boolean;
  checks: Json;
  notes: Nullable<string>;
  screenedBy: Nullable<number>;
  screenedAt: Generated<string>;
}

export interface EvaluatorTable extends Timestamps {
  id: Generated<number>;
  personId: number;
  userId: Nullable<number>;
  expertise: Defaulted<string[]>;
  minLoad: Defaulted<number>;
  maxLoad: Defaulted<number>;
  active: Defaulted<boolean>;
  synthetic: Synthetic;
}

export interface EvaluatorAffiliationTable {
  id: Generated<number>;
  evaluatorId: number;
  organisationId: number;
  fromOn: Nullable<string>;
  toOn: Nullable<string>;
}

export interface BusinessRelationTable extends Timestamps {
  id: Generated<number>;
  fromOrganisationId: number;
  toOrganisationId: number;
  kind: string;
  since: Nullable<string>;
  until: Nullable<string>;
  source: Nullable<string>;
  synthetic: Synthetic;
}

export interface ConflictDeclarationTable {
  id: Generated<number>;
  evaluatorId: number;
  proposalId: Nullable<number>;
  organisationId: Nullable<number>;
  kind: Defaulted<string>;
  reason: string;
  declaredBy: Nullable<number>;
  createdAt: Generated<string>;
}

export interface ReviewAssignmentTable extends Timestamps {
  id: Generated<number>;
  callId: number;
  proposalId: number;
  evaluatorId: number;
  method: string;
  status: Defaulted<string>;
  cost: Nullable<number>;
  createdBy: Nullable<number>;
}

export interface ReviewTable extends Timestamps {
  id: Generated<number>;
  assignmentId: number;
  scores: Json;
  total: Nullable<number>;
  commentToApplicant: Nullable<string>;
  commentToCommittee: Nullable<string>;
  status: Defaulted<string>;
  submittedAt: Nullable<string>;
  synthetic: Synthetic;
}

export interface FieldInspectionTable extends Timestamps {
  id: Generated<number>;
  proposalId: number;
  inspectedOn: string;
  inspectors: string;
  findings: string;
  recommendation: Nullable<string>;
  createdBy: Nullable<number>;
  synthetic: Synthetic;
}

export interface CommitteeMeetingTable extends Timestamps {
  id: Generated<number>;
  callId: number;
  heldOn: string;
  title: string;
  members: Nullable<string>;
  minutes: Nullable<string>;
  status: Defaulted<string>;
  synthetic: Synthetic;
}

export interface CommitteeNoteTable {
  id: Generated<number>;
  meetingId: number;
  proposalId: number;
  userId: Nullable<number>;
  body: string;
  createdAt: Generated<string>;
}

export interface ProposalDecisionTable {
  id: Generated<number>;
  proposalId: number;
  meetingId: Nullable<number>;
  decision: string;
  reason: string;
  rank: Nullable<number>;
  approvedGrantKrw: Nullable<number>;
  decidedBy: Nullable<number>;
  decidedAt: Generated<string>;
  notifiedAt: Nullable<string>;
  synthetic: Synthetic;
}

export interface ProjectTable extends Timestamps {
  id: Generated<number>;
  proposalId: number;
  callId: number;
  instrumentId: number;
  complexId: Nullable<number>;
  miniClusterId: Nullable<number>;
  leadOrganisationId: number;
  title: string;
  startOn: string;
  endOn: string;
  approvedGrantKrw: number;
  status: Defaulted<string>;
  synthetic: Synthetic;
}

export interface AgreementTable extends Timestamps {
  id: Generated<number>;
  projectId: number;
  status: Defaulted<string>;
  approvedBudget: Json;
  totalGrantKrw: number;
  terms: Nullable<string>;
  offeredOn: Nullable<string>;
  signedOn: Nullable<string>;
  amendmentCount: Defaulted<number>;
  synthetic: Synthetic;
}

export interface DisbursementTable extends Timestamps {
  id: Generated<number>;
  agreementId: number;
  projectId: number;
  seq: number;
  scheduledOn: string;
  amountKrw: number;
  status: Defaulted<string>;
  requestedOn: Nullable<string>;
  paidOn: Nullable<string>;
  paidAmountKrw: Nullable<number>;
  note: Nullable<string>;
  synthetic: Synthetic;
}

export interface ProjectReportTable extends Timestamps {
  id: Generated<number>;
  projectId: number;
  kind: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: Defaulted<string>;
  content: Json;
  submittedOn: Nullable<string>;
  acceptedOn: Nullable<string>;
  amendmentRounds: Defaulted<number>;
  paperworkHours: Nullable<number>;
  synthetic: Synthetic;
}

export interface ProjectOutcomeTable extends Timestamps {
  id: Generated<number>;
  projectId: number;
  kind: string;
  title: string;
  quantity: Nullable<number>;
  valueKrw: Nullable<number>;
  occurredOn: string;
  evidence: Nullable<string>;
  reportId: Nullable<number>;
  synthetic: Synthetic;
}

export interface ProjectEvaluationTable extends Timestamps {
  id: Generated<number>;
  projectId: number;
  kind: string;
  evaluatedOn: string;
  score: Nullable<number>;
  grade: Nullable<string>;
  findings: Nullable<string>;
  recommendation: Nullable<string>;
  createdBy: Nullable<number>;
  synthetic: Synthetic;
}

export interface WorkflowEventTable {
  id: Generated<number>;
  entity: string;
  entityId: number;
  fromState: Nullable<string>;
  action: string;
  toState: string;
  reason: Nullable<string>;
  userId: Nullable<number>;
  at: Generated<string>;
  onDate: Nullable<string>;
  synthetic: Synthetic;
}

/** Declaration merging adds the project-cycle tables to `Database`. */
export interface Database {
  demand: DemandTable;
  demandOrganisation: DemandOrganisationTable;
  demandComment: DemandCommentTable;
  demandBacking: DemandBackingTable;
  fundingCall: FundingCallTable;
  callInstrument: CallInstrumentTable;
  proposal: ProposalTable;
  proposalParty: ProposalPartyTable;
  proposalBudgetLine: ProposalBudgetLineTable;
  proposalMilestone: ProposalMilestoneTable;
  proposalVersion: ProposalVersionTable;
  proposalMerge: ProposalMergeTable;
  proposalMergeConsent: ProposalMergeConsentTable;
  proposalScreening: ProposalScreeningTable;
  evaluator: EvaluatorTable;
  evaluatorAffiliation: EvaluatorAffiliationTable;
  businessRelation: BusinessRelationTable;
  conflictDeclaration: ConflictDeclarationTable;
  reviewAssignment: ReviewAssignmentTable;
  review: ReviewTable;
  fieldInspection: FieldInspectionTable;
  committeeMeeting: CommitteeMeetingTable;
  committeeNote: CommitteeNoteTable;
  proposalDecision: ProposalDecisionTable;
  project: ProjectTable;
  agreement: AgreementTable;
  disbursement: DisbursementTable;
  projectReport: ProjectReportTable;
  projectOutcome: ProjectOutcomeTable;
  projectEvaluation: ProjectEvaluationTable;
  workflowEvent: WorkflowEventTable;
}

// The evaluation of complexes (migrations/0010_evaluation.sql). jsonb documents are read as
// text and parsed by the repository (the camel-case plugin would rename nested keys).

export interface EvaluationFrameworkTable {
  id: Generated<number>;
  code: string;
  version: number;
  name: string;
  definition: ColumnType<unknown, string, string>;
  createdBy: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  frameworkCode: string;
  indicatorCode: string;
  complexId: number;
  year: number;
  value: number;
  source: ColumnType<string | null, string | null | undefined, string | null>;
  enteredBy: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface IndexRunTable {
  id: Generated<number>;
  name: ColumnType<string | null, string | null | undefined, string | null>;
  frameworkId: number;
  year: number;
  years: number[];
  method: ColumnType<unknown, string, string>;
  result: ColumnType<unknown, string, string>;
  seed: ColumnType<string | null, number | null | undefined, number | null>;
  createdBy: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

export interface UncertaintyRunTable {
  id: Generated<number>;
  indexRunId: number;
  request: ColumnType<unknown, string, string>;
  seed: ColumnType<string, number, number>;
  draws: number;
  status: ColumnType<string, string | undefined, string>;
  progress: ColumnType<number, number | undefined, number>;
  stage: ColumnType<string | null, string | null | undefined, string | null>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
  finishedAt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AllocationScenarioTable {
  id: Generated<number>;
  name: string;
  description: ColumnType<string | null, string | null | undefined, string | null>;
  indexRunId: number;
  rule: ColumnType<unknown, string, string>;
  outcome: ColumnType<unknown, string, string>;
  createdBy: ColumnType<number | null, number | null | undefined, number | null>;
  synthetic: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Generated<string>;
  updatedAt: Generated<string>;
}

/** Declaration merging adds the evaluation tables to `Database`. */
export interface Database {
  evaluationFramework: EvaluationFrameworkTable;
  indicatorValue: IndicatorValueTable;
  indexRun: IndexRunTable;
  uncertaintyRun: UncertaintyRunTable;
  allocationScenario: AllocationScenarioTable;
}
