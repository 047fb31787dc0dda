/**
 * Who may do what: the single permission table of innocluster. Routes and CLI commands ask
 * `decide` or `readScopes`; none of them encodes a rule of its own.
 */

export const roles = [
  'admin',
  'programme_officer',
  'task_force',
  'coordinator',
  'member',
  'evaluator',
  'analyst',
] as const;
export type Role = (typeof roles)[number];

export type Action = 'read' | 'create' | 'update' | 'delete';
export const actions: readonly Action[] = ['read', 'create', 'update', 'delete'];

/**
 * How far a permission reaches: every row; the rows of the programme, complex, mini-cluster or
 * organisation the grant names; only rows assigned to the user; or nothing.
 */
export type Scope = 'all' | 'scoped' | 'assigned';

export const registryResources = [
  'programmes',
  'programme-phases',
  'regions',
  'region-members',
  'industry-classifications',
  'industries',
  'complexes',
  'participations',
  'mini-clusters',
  'organisations',
  'memberships',
  'people',
  'bodies',
  'body-seats',
  'budget-years',
  'budget-items',
] as const;
export type RegistryResource = (typeof registryResources)[number];

/** Resources beyond the registry: the overview aggregates, accounts, and the audit trail. */
export const systemResources = [
  'aggregates',
  'users',
  'assignments',
  'audit',
  'demo',
  'mapping',
  'activities',
  'collaborations',
  'networks',
  'demands',
  'calls',
  'proposals',
  'reviews',
  'projects',
  'evaluations',
] as const;
export type Resource = RegistryResource | (typeof systemResources)[number];

type Rule = Partial<Record<Action, Scope>>;
type RoleRules = Partial<Record<Role, Rule>>;

const readAll: Rule = { read: 'all' };
const writeAll: Rule = { read: 'all', create: 'all', update: 'all', delete: 'all' };
const writeScoped: Rule = { read: 'all', create: 'scoped', update: 'scoped', delete: 'scoped' };
const updateScoped: Rule = { read: 'all', update: 'scoped' };

/** Everyone signed in, except evaluators, reads shared reference data; only admins change it. */
const referenceData: RoleRules = {
  admin: writeAll,
  programme_officer: readAll,
  task_force: readAll,
  coordinator: readAll,
  member: readAll,
  analyst: readAll,
};

/**
 * The permission table. A role missing from a resource's rules has no access to it; an action
 * missing from a rule is denied. 'scoped' means: the row lies within the grant's programme,
 * complex, mini-cluster or organisation (see `ScopedGrant`). Budgets and people are not shown to
 * members; evaluators see only what is assigned to them.
 */
export const permissionTable: Record<Resource, RoleRules> = {
  programmes: { ...referenceData, programme_officer: updateScoped },
  'programme-phases': { ...referenceData, programme_officer: writeScoped },
  regions: { ...referenceData, programme_officer: { read: 'all', create: 'all', update: 'all' } },
  'region-members': {
    ...referenceData,
    programme_officer: { read: 'all', create: 'all', update: 'all', delete: 'all' },
  },
  'industry-classifications': referenceData,
  industries: referenceData,
  complexes: { ...referenceData, programme_officer: updateScoped, task_force: updateScoped },
  participations: { ...referenceData, programme_officer: writeScoped },
  'mini-clusters': {
    ...referenceData,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: updateScoped,
  },
  organisations: {
    ...referenceData,
    programme_officer: writeScoped,
    task_force: writeScoped,
    member: updateScoped,
    evaluator: { read: 'assigned' },
  },
  memberships: {
    ...referenceData,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: writeScoped,
  },
  people: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: readAll,
    member: { read: 'scoped', create: 'scoped', update: 'scoped', delete: 'scoped' },
    analyst: readAll,
  },
  bodies: {
    ...referenceData,
    programme_officer: writeScoped,
    task_force: updateScoped,
    member: undefined,
  },
  'body-seats': {
    ...referenceData,
    programme_officer: writeScoped,
    task_force: writeScoped,
    member: undefined,
  },
  'budget-years': {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: readAll,
    analyst: readAll,
  },
  'budget-items': {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: readAll,
    analyst: readAll,
  },
  aggregates: {
    admin: readAll,
    programme_officer: readAll,
    task_force: readAll,
    coordinator: readAll,
    member: readAll,
    evaluator: readAll,
    analyst: readAll,
  },
  users: { admin: writeAll },
  assignments: {
    admin: writeAll,
    programme_officer: { read: 'all', create: 'all', delete: 'all' },
  },
  audit: { admin: readAll, programme_officer: readAll, analyst: readAll },
  /** Reloading the demo replaces the registry: administrators only. */
  demo: { admin: { create: 'all', delete: 'all' } },
  /** Cluster mapping: statistics datasets, cluster definitions and the measures computed from them. */
  mapping: {
    admin: writeAll,
    programme_officer: writeAll,
    task_force: readAll,
    coordinator: readAll,
    member: readAll,
    analyst: readAll,
  },
  /**
   * Networking activities and their attendees: written by whoever runs the programme, the
   * complex or the mini-cluster the activity belongs to; read by everyone with a role.
   */
  activities: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: writeScoped,
    member: readAll,
    evaluator: readAll,
    analyst: readAll,
  },
  /** Collaborations between organisations: written within the scope that holds either party. */
  collaborations: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: writeScoped,
    member: readAll,
    evaluator: readAll,
    analyst: readAll,
  },
  /**
   * Network analytics (graphs, measures, indicators, partner suggestions) computed from
   * activities and collaborations: read by every role that reads those records, over any
   * scope, like the overview aggregates; nothing here is written.
   */
  networks: {
    admin: readAll,
    programme_officer: readAll,
    task_force: readAll,
    coordinator: readAll,
    member: readAll,
    evaluator: readAll,
    analyst: readAll,
  },
  /**
   * Demands and ideas raised in mini-cluster meetings, with comments and backing: raised by
   * members and coordinators within their scope, handled by task forces and officers.
   */
  demands: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: writeScoped,
    member: { read: 'all', create: 'scoped', update: 'scoped' },
    analyst: readAll,
  },
  /** Calls for proposals and their instruments (rules as data): run by programme officers. */
  calls: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: readAll,
    coordinator: readAll,
    member: readAll,
    evaluator: readAll,
    analyst: readAll,
  },
  /**
   * Proposals with their versions, partners, budget lines and merge consents: written by the
   * applying organisations (members, coordinators) within their scope; evaluators read only
   * the proposals assigned to them.
   */
  proposals: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: { read: 'scoped' },
    coordinator: { read: 'scoped', create: 'scoped', update: 'scoped' },
    member: { read: 'scoped', create: 'scoped', update: 'scoped', delete: 'scoped' },
    evaluator: { read: 'assigned' },
    analyst: readAll,
  },
  /**
   * Review: evaluator pool, conflicts, assignments, blind scores, inspections, committee
   * discussion and decisions. Evaluators write their own assigned reviews and declarations;
   * applicants never see who reviewed them.
   */
  reviews: {
    admin: writeAll,
    programme_officer: writeScoped,
    evaluator: { read: 'assigned', create: 'assigned', update: 'assigned' },
  },
  /**
   * Funded projects: agreements, disbursements, reports, outcomes, interim evaluations and
   * gate decisions; the burden dashboard and overlap checks read them.
   */
  projects: {
    admin: writeAll,
    programme_officer: writeScoped,
    task_force: writeScoped,
    coordinator: { read: 'scoped', update: 'scoped' },
    member: { read: 'scoped', create: 'scoped', update: 'scoped' },
    evaluator: { read: 'assigned' },
    analyst: readAll,
  },
  /**
   * The evaluation system: indicator frameworks, entered values, composite index runs,
   * uncertainty analyses, allocation scenarios and reports. Task forces enter their own
   * complex's values; officers run the index and allocate.
   */
  evaluations: {
    admin: writeAll,
    programme_officer: writeAll,
    task_force: { read: 'all', create: 'scoped', update: 'scoped' },
    coordinator: readAll,
    member: readAll,
    analyst: readAll,
  },
};

/**
 * A grant with its scope already expanded by the server: a programme officer's programme
 * includes the complexes taking part in it, their mini-clusters and organisations; a task
 * force's complex includes its mini-clusters and organisations; a coordinator's mini-clusters
 * include their members; a member's scope is its organisation.
 */
export interface ScopedGrant {
  role: Role;
  programmeIds: readonly number[];
  complexIds: readonly number[];
  miniClusterIds: readonly number[];
  organisationIds: readonly number[];
}

/** What a row belongs to, for the scope check. */
export interface Target {
  programmeIds?: readonly number[];
  complexIds?: readonly number[];
  miniClusterIds?: readonly number[];
  organisationIds?: readonly number[];
  /** True when the row is assigned to the user (for evaluators). */
  assigned?: boolean;
}

const overlaps = (a: readonly number[] | undefined, b: readonly number[]) =>
  !!a && a.some((x) => b.includes(x));

/** Whether a grant's expanded scope contains the target. */
export function withinScope(grant: ScopedGrant, target: Target): boolean {
  return (
    overlaps(target.programmeIds, grant.programmeIds) ||
    overlaps(target.complexIds, grant.complexIds) ||
    overlaps(target.miniClusterIds, grant.miniClusterIds) ||
    overlaps(target.organisationIds, grant.organisationIds)
  );
}

/** The scope a role has for an action on a resource, or null when the table denies it. */
export function scopeOf(role: Role, resource: Resource, action: Action): Scope | null {
  return permissionTable[resource][role]?.[action] ?? null;
}

/** The scopes the user's grants give for an action: empty means denied outright. */
export function scopesFor(
  grants: readonly ScopedGrant[],
  resource: Resource,
  action: Action,
): { scope: Scope; grant: ScopedGrant }[] {
  const result: { scope: Scope; grant: ScopedGrant }[] = [];
  for (const grant of grants) {
    const scope = scopeOf(grant.role, resource, action);
    if (scope) result.push({ scope, grant });
  }
  return result;
}

/** Whether any grant allows the action at all (ignoring which rows): what the UI uses to show a button or menu. */
export function mayAtAll(
  grants: readonly ScopedGrant[],
  resource: Resource,
  action: Action,
): boolean {
  return scopesFor(grants, resource, action).length > 0;
}

/** Decides one action on one row (or on the values of a row to be created). */
export function decide(
  grants: readonly ScopedGrant[],
  resource: Resource,
  action: Action,
  target: Target = {},
): boolean {
  return scopesFor(grants, resource, action).some(({ scope, grant }) => {
    if (scope === 'all') return true;
    if (scope === 'assigned') return target.assigned === true;
    return withinScope(grant, target);
  });
}

/**
 * What a list may show: everything, or only rows within these scopes and/or assigned ones.
 * `null` means the list is denied.
 */
export interface ReadFilter {
  all: boolean;
  scoped: ScopedGrant[];
  assigned: boolean;
}

export function readFilter(grants: readonly ScopedGrant[], resource: Resource): ReadFilter | null {
  const scopes = scopesFor(grants, resource, 'read');
  if (scopes.length === 0) return null;
  return {
    all: scopes.some((s) => s.scope === 'all'),
    scoped: scopes.filter((s) => s.scope === 'scoped').map((s) => s.grant),
    assigned: scopes.some((s) => s.scope === 'assigned'),
  };
}

/** For the UI: the actions each resource allows the user at all. */
export function capabilities(grants: readonly ScopedGrant[]): Record<Resource, Action[]> {
  const out = {} as Record<Resource, Action[]>;
  for (const resource of [...registryResources, ...systemResources]) {
    out[resource] = actions.filter((a) => mayAtAll(grants, resource, a));
  }
  return out;
}
