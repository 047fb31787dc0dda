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
}

export interface StatNationalTotalTable {
  datasetId: number;
  measure: string;
  year: number;
  industryId: number;
  value: number;
  updatedAt: Generated<string>;
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
  clusterDefinition: ClusterDefinitionTable;
  clusterIndustry: ClusterIndustryTable;
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
