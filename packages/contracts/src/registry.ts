import { z } from 'zod';
import { filterParam, isoDate, listParams, pageOf, rowMeta } from './common.ts';

/** How a list endpoint may filter on a field: by integer id, exact text, or boolean. */
export type FilterKind = 'int' | 'text' | 'bool';

/** Everything the API, CLI and web app need to know about one registry entity. */
export interface EntityContract<
  Shape extends z.ZodRawShape = z.ZodRawShape,
  Key extends string = string,
> {
  /** Key used by the CLI (`innocluster import organisations`) and in URLs (`/api/v1/organisations`). */
  key: Key;
  /** Singular label for messages and the OpenAPI document. */
  label: string;
  /** The writable fields. */
  fields: Shape;
  /** Fields a list can be filtered on, with how to read them from the query string. */
  filters: Record<string, FilterKind>;
  /** Fields a list can be sorted by. */
  sortable: string[];
  /** Text fields searched by `q` (case-insensitive substring). */
  searchable: string[];
}

function withoutDefaults(shape: z.ZodRawShape): z.ZodRawShape {
  return Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [
      key,
      schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema,
    ]),
  );
}

function entity<Shape extends z.ZodRawShape, Key extends string>(c: EntityContract<Shape, Key>) {
  const writable = z.object(c.fields);
  const row = z.object({ ...rowMeta, ...c.fields });
  const filterShape: Record<string, z.ZodType> = {};
  for (const [field, kind] of Object.entries(c.filters)) filterShape[field] = filterParam[kind];
  const listQuery = z.object({ ...listParams, ...filterShape });
  return {
    ...c,
    row,
    create: writable.extend({ synthetic: z.boolean().default(false) }),
    // A change touches only the fields it names: defaults apply to creation, not to updates.
    update: z
      .object(withoutDefaults(c.fields))
      .partial()
      .extend({ synthetic: z.boolean().optional() }),
    listQuery,
    page: pageOf(row),
  };
}

const id = z.number().int().positive();
const optionalId = id.nullable().default(null);
const name = z.string().trim().min(1, 'must not be empty').max(300);
const optionalText = z.string().trim().max(2000).nullable().default(null);
const optionalDate = isoDate.nullable().default(null);

export const organisationKinds = [
  'company',
  'university',
  'research_institute',
  'support_institution',
  'local_government',
] as const;
export const sizeClasses = ['sme', 'mid_sized', 'large'] as const;
export const complexKinds = ['national', 'general', 'urban_high_tech', 'agro_industrial'] as const;
export const regionKinds = ['province', 'grouping', 'user'] as const;
export const membershipRoles = ['member', 'lead', 'coordinator', 'advisor'] as const;
export const bodyKinds = ['task_force', 'council', 'advisory_body', 'committee'] as const;

export const programmeContract = entity({
  key: 'programmes',
  label: 'programme',
  fields: {
    code: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
    name,
    nameKo: optionalText,
    ministry: name,
    agency: optionalText,
    startDate: optionalDate,
    endDate: optionalDate,
    description: optionalText,
    source: optionalText,
    publishAggregates: z
      .boolean()
      .default(false)
      .describe('Show the overview aggregates to anonymous visitors'),
  },
  filters: { synthetic: 'bool', ministry: 'text' },
  sortable: ['id', 'code', 'name', 'startDate'],
  searchable: ['code', 'name', 'nameKo', 'ministry', 'agency'],
});

export const programmePhaseContract = entity({
  key: 'programme-phases',
  label: 'programme phase',
  fields: {
    programmeId: id,
    name,
    startDate: isoDate,
    endDate: optionalDate,
    description: optionalText,
    source: optionalText,
  },
  filters: { programmeId: 'int', synthetic: 'bool' },
  sortable: ['id', 'name', 'startDate'],
  searchable: ['name', 'description'],
});

export const regionContract = entity({
  key: 'regions',
  label: 'region',
  fields: {
    code: z.string().trim().min(1).max(40),
    kind: z.enum(regionKinds),
    name,
    nameKo: optionalText,
    kostatCode: z
      .string()
      .regex(/^\d{2}$/, 'a two-digit KOSTAT si-do code')
      .nullable()
      .default(null),
    isoCode: z
      .string()
      .regex(/^[A-Z]{2}-[0-9A-Z]{1,3}$/, 'an ISO 3166-2 code such as KR-11')
      .nullable()
      .default(null),
    groupingScheme: optionalText.describe(
      'For groupings: the name of the grouping scheme, e.g. 5+2 economic areas',
    ),
    description: optionalText,
    source: optionalText,
  },
  filters: { kind: 'text', groupingScheme: 'text', synthetic: 'bool' },
  sortable: ['id', 'code', 'name', 'kostatCode'],
  searchable: ['code', 'name', 'nameKo'],
});

export const regionMemberContract = entity({
  key: 'region-members',
  label: 'region member',
  fields: {
    regionId: id,
    memberRegionId: optionalId,
    memberComplexId: optionalId,
  },
  filters: { regionId: 'int', memberRegionId: 'int', memberComplexId: 'int' },
  sortable: ['id', 'regionId'],
  searchable: [],
});

export const industryClassificationContract = entity({
  key: 'industry-classifications',
  label: 'industry classification',
  fields: {
    code: z.string().trim().min(1).max(40),
    vintage: z.string().trim().min(1).max(40),
    name,
    source: optionalText,
  },
  filters: { code: 'text' },
  sortable: ['id', 'code', 'vintage'],
  searchable: ['code', 'vintage', 'name'],
});

export const industryContract = entity({
  key: 'industries',
  label: 'industry',
  fields: {
    classificationId: id,
    code: z.string().trim().min(1).max(20),
    name,
    nameKo: optionalText,
    parentId: optionalId,
    level: z.number().int().min(1).max(10).default(1),
  },
  filters: { classificationId: 'int', parentId: 'int', level: 'int' },
  sortable: ['id', 'code', 'name', 'level'],
  searchable: ['code', 'name', 'nameKo'],
});

export const complexContract = entity({
  key: 'complexes',
  label: 'industrial complex',
  fields: {
    name,
    nameKo: optionalText,
    kind: z.enum(complexKinds).nullable().default(null),
    provinceId: id,
    latitude: z.number().min(-90).max(90).nullable().default(null),
    longitude: z.number().min(-180).max(180).nullable().default(null),
    areaKm2: z.number().positive().nullable().default(null).describe('Area in square kilometres'),
    isHub: z.boolean().default(false),
    hubId: optionalId.describe('The hub complex this one is connected to, if any'),
    source: optionalText,
  },
  filters: { provinceId: 'int', kind: 'text', isHub: 'bool', hubId: 'int', synthetic: 'bool' },
  sortable: ['id', 'name', 'provinceId', 'areaKm2'],
  searchable: ['name', 'nameKo'],
});

export const participationContract = entity({
  key: 'participations',
  label: 'programme participation',
  fields: {
    programmeId: id,
    complexId: id,
    joined: isoDate,
    leftOn: optionalDate,
    focus: optionalText.describe('The cluster focus industry as the programme named it'),
    focusIndustryId: optionalId,
    source: optionalText,
  },
  filters: { programmeId: 'int', complexId: 'int', synthetic: 'bool' },
  sortable: ['id', 'joined', 'complexId'],
  searchable: ['focus'],
});

export const miniClusterContract = entity({
  key: 'mini-clusters',
  label: 'mini-cluster',
  fields: {
    complexId: id,
    name,
    field: name,
    industryId: optionalId,
    started: optionalDate,
    ended: optionalDate,
  },
  filters: { complexId: 'int', industryId: 'int', synthetic: 'bool' },
  sortable: ['id', 'name', 'field', 'started'],
  searchable: ['name', 'field'],
});

export const organisationContract = entity({
  key: 'organisations',
  label: 'organisation',
  fields: {
    name,
    nameKo: optionalText,
    kind: z.enum(organisationKinds),
    sizeClass: z.enum(sizeClasses).nullable().default(null).describe('Companies only'),
    provinceId: optionalId,
    complexId: optionalId,
    industryId: optionalId,
    employees: z.number().int().min(0).nullable().default(null),
    registrationNo: z.string().trim().min(1).max(40).nullable().default(null),
    website: z.url().nullable().default(null),
  },
  filters: {
    kind: 'text',
    sizeClass: 'text',
    provinceId: 'int',
    complexId: 'int',
    industryId: 'int',
    synthetic: 'bool',
  },
  sortable: ['id', 'name', 'kind', 'employees', 'complexId'],
  searchable: ['name', 'nameKo', 'registrationNo'],
});

export const membershipContract = entity({
  key: 'memberships',
  label: 'membership',
  fields: {
    organisationId: id,
    miniClusterId: id,
    role: z.enum(membershipRoles).default('member'),
    joined: isoDate,
    leftOn: optionalDate,
  },
  filters: { organisationId: 'int', miniClusterId: 'int', role: 'text', synthetic: 'bool' },
  sortable: ['id', 'joined', 'role'],
  searchable: [],
});

export const personContract = entity({
  key: 'people',
  label: 'person',
  fields: {
    name,
    email: z.email().nullable().default(null),
    organisationId: optionalId,
    title: optionalText,
  },
  filters: { organisationId: 'int', synthetic: 'bool' },
  sortable: ['id', 'name'],
  searchable: ['name', 'email', 'title'],
});

export const bodyContract = entity({
  key: 'bodies',
  label: 'task force or council',
  fields: {
    kind: z.enum(bodyKinds),
    name,
    programmeId: optionalId,
    complexId: optionalId,
    regionId: optionalId,
    established: optionalDate,
    dissolved: optionalDate,
  },
  filters: {
    kind: 'text',
    programmeId: 'int',
    complexId: 'int',
    regionId: 'int',
    synthetic: 'bool',
  },
  sortable: ['id', 'name', 'kind'],
  searchable: ['name'],
});

export const bodySeatContract = entity({
  key: 'body-seats',
  label: 'seat on a task force or council',
  fields: {
    bodyId: id,
    personId: id,
    role: name,
    team: optionalText,
    started: optionalDate,
    ended: optionalDate,
  },
  filters: { bodyId: 'int', personId: 'int', synthetic: 'bool' },
  sortable: ['id', 'role', 'team'],
  searchable: ['role', 'team'],
});

export const budgetYearContract = entity({
  key: 'budget-years',
  label: 'budget year',
  fields: {
    programmeId: id,
    year: z.number().int().min(1900).max(2200),
    needKrw100m: z
      .number()
      .min(0)
      .nullable()
      .default(null)
      .describe('Total estimated need, KRW 100 million'),
    allottedKrw100m: z
      .number()
      .min(0)
      .nullable()
      .default(null)
      .describe('Allotted budget, KRW 100 million'),
    allottedIsEstimate: z.boolean().default(false),
    source: optionalText,
  },
  filters: { programmeId: 'int', year: 'int' },
  sortable: ['id', 'year'],
  searchable: [],
});

export const budgetItemContract = entity({
  key: 'budget-items',
  label: 'budget item',
  fields: {
    programmeId: id,
    year: z.number().int().min(1900).max(2200),
    itemGroup: name,
    item: name,
    amountKrwMillion: z.number().min(0).describe('Amount, KRW million'),
    source: optionalText,
  },
  filters: { programmeId: 'int', year: 'int', itemGroup: 'text' },
  sortable: ['id', 'year', 'itemGroup', 'amountKrwMillion'],
  searchable: ['itemGroup', 'item'],
});

/** Every registry entity, in an order where each one's references come before it. */
export const registryContracts = [
  programmeContract,
  programmePhaseContract,
  regionContract,
  industryClassificationContract,
  industryContract,
  complexContract,
  regionMemberContract,
  participationContract,
  miniClusterContract,
  organisationContract,
  membershipContract,
  personContract,
  bodyContract,
  bodySeatContract,
  budgetYearContract,
  budgetItemContract,
] as const;

export type RegistryContract = (typeof registryContracts)[number];
export type EntityKey = RegistryContract['key'];

export type Programme = z.infer<typeof programmeContract.row>;
export type ProgrammePhase = z.infer<typeof programmePhaseContract.row>;
export type Region = z.infer<typeof regionContract.row>;
export type RegionMember = z.infer<typeof regionMemberContract.row>;
export type IndustryClassification = z.infer<typeof industryClassificationContract.row>;
export type Industry = z.infer<typeof industryContract.row>;
export type Complex = z.infer<typeof complexContract.row>;
export type Participation = z.infer<typeof participationContract.row>;
export type MiniCluster = z.infer<typeof miniClusterContract.row>;
export type Organisation = z.infer<typeof organisationContract.row>;
export type Membership = z.infer<typeof membershipContract.row>;
export type Person = z.infer<typeof personContract.row>;
export type Body = z.infer<typeof bodyContract.row>;
export type BodySeat = z.infer<typeof bodySeatContract.row>;
export type BudgetYear = z.infer<typeof budgetYearContract.row>;
export type BudgetItem = z.infer<typeof budgetItemContract.row>;
export type OrganisationCreate = z.input<typeof organisationContract.create>;
