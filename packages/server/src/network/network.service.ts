import {
  formatNetworkScope,
  networkMeasureNames,
  networkTieTypes,
  parseNetworkScope,
  type NetworkGraphQuery,
  type NetworkGraphResponse,
  type NetworkIndicatorsQuery,
  type NetworkIndicatorsResponse,
  type NetworkJob,
  type NetworkMeasuresBody,
  type NetworkMeasuresResult,
  type NetworkScope,
  type NetworkTieType,
  type PartnerSuggestionsQuery,
  type PartnerSuggestionsResponse,
} from '@innocluster/contracts';
import {
  countActivitiesPerYear,
  countMemberTurnover,
  decide,
  growthBetweenYears,
  membersPerMiniCluster,
  shareActiveInLast12Months,
  type Membership,
} from '@innocluster/domain';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import { writeCsv } from '../transfer/transfer-files.ts';
import { buildNetwork, type BuiltNetwork, type NetworkRows } from './network-graph.ts';
import { NetworkJobs } from './network-jobs.ts';
import { runCommunities, runMeasures, runPartners } from './network-measures-runner.ts';
import {
  attendancesOf,
  collaborationsOf,
  complexIdByName,
  organisationExists,
  organisationsByIds,
  participationsBetween,
  programmeActivities,
  programmeMemberships,
  provinces,
  scopeExists,
  scopeOrganisationIds,
  type ScopeKey,
  type Window,
} from './network.repository.ts';

/**
 * What a network request names: scope, window, tie types, weighting, the largest activity
 * projected into co-attendance ties, outside neighbours.
 */
export interface NetworkRequest {
  scope: string;
  from?: string | undefined;
  to?: string | undefined;
  tieTypes?: readonly NetworkTieType[] | undefined;
  weighting: 'newman' | 'count';
  maxAttendees: number;
  outside: boolean;
}

/** A network and the rows it came from, with its request resolved. */
export interface LoadedNetwork {
  scope: NetworkScope;
  window: Window;
  tieTypes: NetworkTieType[];
  weighting: 'newman' | 'count';
  maxAttendees: number;
  outside: boolean;
  rows: NetworkRows;
  network: BuiltNetwork;
}

const csvType = 'text/csv; charset=utf-8';

/**
 * Network analytics: builds the organisation network of a scope and time window from
 * collaborations and co-attendance of activities, serves it to the explorer as compact arrays,
 * and computes its measures off the request path (worker threads behind an in-memory job
 * registry). Every method checks the `networks` read permission; nothing here writes.
 */
export class NetworkService {
  constructor(
    private readonly db: Db,
    readonly jobs: NetworkJobs = new NetworkJobs(),
  ) {}

  private check(ctx: RequestContext): void {
    if (decide(ctx.principal.grants, 'networks', 'read')) return;
    const anonymous = ctx.principal.userId === null && ctx.via !== 'system';
    throw new AppError(
      anonymous ? 401 : 403,
      anonymous ? 'Sign-in required' : 'Forbidden',
      'Network analytics need a role that reads activities and collaborations.',
    );
  }

  /**
   * Resolves a scope written as text; for the command line `complex:<name>` is accepted too.
   * Throws a 400 naming `field` for bad text and a 404 when the scope's row does not exist.
   */
  async resolveScope(ctx: RequestContext, text: string, field = 'scope'): Promise<NetworkScope> {
    this.check(ctx);
    let scope = parseNetworkScope(text);
    const byName = /^complex:(.+)$/.exec(text.trim());
    if (!scope && byName) {
      const id = await complexIdByName(this.db, byName[1]!);
      if (id === undefined) throw new NotFoundError('complex named', byName[1]!);
      scope = { kind: 'complex', id };
    }
    if (!scope) {
      throw new ValidationError(`${field}: "${text}" is not a scope`, [
        {
          field,
          message:
            'all, programme:<id>, complex:<id>, mini-cluster:<id>, region:<id> or user-region:<id>',
        },
      ]);
    }
    if (!(await scopeExists(this.db, scope as ScopeKey))) {
      throw new NotFoundError(
        scope.kind === 'region' ? 'province' : scope.kind.replace('-', ' '),
        scope.id ?? '',
      );
    }
    return scope;
  }

  /** Loads the rows of a network and builds it. `where` prefixes field names in errors. */
  async load(
    ctx: RequestContext,
    request: NetworkRequest,
    where = 'query',
  ): Promise<LoadedNetwork> {
    this.check(ctx);
    const window: Window = { from: request.from ?? null, to: request.to ?? null };
    if (window.from && window.to && window.from > window.to) {
      throw new ValidationError('from must not be after to', [
        { field: `${where}.from`, message: `${window.from} is after to (${window.to})` },
      ]);
    }
    const scope = await this.resolveScope(ctx, request.scope, `${where}.scope`);
    const tieTypes = [...(request.tieTypes ?? networkTieTypes)];
    const key = scope as ScopeKey;
    const kinds = tieTypes.filter((t) => t !== 'co_attendance');
    const [insideIds, collaborations, attendances] = await Promise.all([
      scopeOrganisationIds(this.db, key, window),
      collaborationsOf(this.db, key, window, kinds),
      tieTypes.includes('co_attendance') ? attendancesOf(this.db, key, window) : [],
    ]);
    const ids = new Set(insideIds);
    for (const c of collaborations) {
      ids.add(c.sourceOrganisationId);
      ids.add(c.targetOrganisationId);
    }
    for (const a of attendances) ids.add(a.organisationId);
    const organisations = await organisationsByIds(this.db, [...ids]);
    const rows: NetworkRows = { insideIds, organisations, collaborations, attendances };
    const network = buildNetwork(rows, {
      tieTypes,
      weighting: request.weighting,
      maxAttendees: request.maxAttendees,
      outside: request.outside,
    });
    return {
      scope,
      window,
      tieTypes,
      weighting: request.weighting,
      maxAttendees: request.maxAttendees,
      outside: request.outside,
      rows,
      network,
    };
  }

  /**
   * The network for the explorer: one tuple per node and per edge (see the contract), so a
   * graph of 10,000 nodes and 50,000 edges stays a few megabytes of JSON.
   */
  async graph(ctx: RequestContext, query: NetworkGraphQuery): Promise<NetworkGraphResponse> {
    const loaded = await this.load(ctx, query);
    const { nodes, edges, edgeTypes } = loaded.network;
    const community = query.communities ? await runCommunities(loaded.network) : null;
    return {
      scope: formatNetworkScope(loaded.scope),
      from: loaded.window.from,
      to: loaded.window.to,
      tieTypes: loaded.tieTypes,
      weighting: loaded.weighting,
      maxAttendees: loaded.maxAttendees,
      nodeColumns: [
        'id',
        'label',
        'kind',
        'regionId',
        'industryId',
        'complexId',
        'inside',
        'synthetic',
        'community',
      ],
      nodes: nodes.map((n, i) => [
        n.id,
        n.name,
        n.kind,
        n.provinceId,
        n.industryId,
        n.complexId,
        n.inside,
        n.synthetic,
        community ? (community[i] ?? null) : null,
      ]),
      edgeColumns: ['source', 'target', 'weight', 'types'],
      edges: edges.map((e, i) => [e.source, e.target, e.weight ?? 1, edgeTypes[i] ?? 0]),
      regions: await provinces(this.db),
    };
  }

  /** Starts a measures job and returns it at once (status queued or running). */
  async startMeasures(ctx: RequestContext, body: NetworkMeasuresBody): Promise<NetworkJob> {
    const loaded = await this.load(ctx, body, 'body');
    const measures = body.measures.length ? body.measures : [...networkMeasureNames];
    return this.jobs.start(ctx.principal.userId, (report) =>
      runMeasures(
        loaded,
        { measures, yearly: body.yearly, betweennessSamples: body.betweennessSamples ?? null },
        report,
      ),
    );
  }

  /** A measures job started by the same user; 404 for unknown ids and other users' jobs. */
  getJob(ctx: RequestContext, id: string): NetworkJob {
    this.check(ctx);
    const job = this.jobs.get(id, ctx.principal.userId);
    if (!job) throw new NotFoundError('network job', id);
    return job;
  }

  /** Starts a measures job and waits for its result (for the command line). */
  async computeMeasures(
    ctx: RequestContext,
    body: NetworkMeasuresBody,
  ): Promise<NetworkMeasuresResult> {
    const job = await this.startMeasures(ctx, body);
    const done = await this.jobs.wait(job.id);
    if (done.status === 'failed' || !done.result) {
      throw new AppError(500, 'Network measures failed', done.error ?? 'no result');
    }
    return done.result;
  }

  /**
   * Partner suggestions for an organisation from the whole network held (every scope, the
   * window's ties of the chosen types), with their reasons; computed in a worker thread.
   */
  async partnerSuggestions(
    ctx: RequestContext,
    organisationId: number,
    query: PartnerSuggestionsQuery,
  ): Promise<PartnerSuggestionsResponse> {
    this.check(ctx);
    if (!(await organisationExists(this.db, organisationId))) {
      throw new NotFoundError('organisation', organisationId);
    }
    const loaded = await this.load(ctx, {
      scope: 'all',
      from: query.from,
      to: query.to,
      tieTypes: query.tieTypes,
      weighting: 'newman',
      maxAttendees: query.maxAttendees,
      outside: false,
    });
    const ego = loaded.network.nodes.findIndex((n) => n.id === organisationId);
    return {
      organisationId,
      from: loaded.window.from,
      to: loaded.window.to,
      tieTypes: loaded.tieTypes,
      suggestions: ego < 0 ? [] : await runPartners(loaded.network, ego, query.limit),
    };
  }

  /**
   * Programme indicators over the window's calendar years (or the years holding data): activities
   * per year and their growth from the first to the last year, members per mini-cluster and new
   * members and dropouts at each year end, and the share of members active in the 12 months
   * before `asOf` (default: the window's end, or today).
   */
  async indicators(
    ctx: RequestContext,
    query: NetworkIndicatorsQuery,
  ): Promise<NetworkIndicatorsResponse> {
    this.check(ctx);
    const window: Window = { from: query.from ?? null, to: query.to ?? null };
    if (window.from && window.to && window.from > window.to) {
      throw new ValidationError('from must not be after to', [
        { field: 'query.from', message: `${window.from} is after to (${window.to})` },
      ]);
    }
    await this.resolveScope(ctx, `programme:${query.programmeId}`, 'query.programmeId');
    const [activities, rows] = await Promise.all([
      programmeActivities(this.db, query.programmeId, window),
      programmeMemberships(this.db, query.programmeId),
    ]);
    const memberships: Membership[] = rows.map((m) => ({
      miniCluster: m.miniClusterId,
      organisation: m.organisationId,
      joinedOn: m.joined,
      leftOn: m.leftOn,
    }));
    const seen = [
      ...activities.map((a) => Number(a.heldOn.slice(0, 4))),
      ...rows.map((m) => Number(m.joined.slice(0, 4))),
    ];
    const first = window.from ? Number(window.from.slice(0, 4)) : Math.min(...seen);
    const last = window.to ? Number(window.to.slice(0, 4)) : Math.max(...seen);
    const years: number[] = [];
    for (let y = first; Number.isFinite(first) && y <= last && years.length < 200; y++) {
      years.push(y);
    }
    const activitiesPerYear = countActivitiesPerYear(activities, years);
    const asOf = query.asOf ?? window.to ?? new Date().toISOString().slice(0, 10);
    const since = `${String(Number(asOf.slice(0, 4)) - 1).padStart(4, '0')}${asOf.slice(4)}`;
    const participations = (await participationsBetween(this.db, since, asOf)).map((p) => ({
      organisation: p.organisationId,
      date: p.date,
    }));
    return {
      programmeId: query.programmeId,
      from: window.from,
      to: window.to,
      years,
      activitiesPerYear,
      activityGrowth:
        years.length >= 2
          ? growthBetweenYears(activitiesPerYear, years[0]!, years[years.length - 1]!)
          : null,
      membersPerMiniCluster: membersPerMiniCluster(memberships, years),
      turnover: countMemberTurnover(memberships, years),
      activeShare: shareActiveInLast12Months(memberships, participations, asOf),
    };
  }

  /**
   * The network as GraphML (nodes with their attributes, edges with weight and tie types) or as
   * two CSV tables (nodes, edges).
   */
  async exportGraph(
    ctx: RequestContext,
    request: NetworkRequest,
    format: 'graphml' | 'csv',
  ): Promise<{ contentType: string; files: { suffix: string; body: string }[] }> {
    const loaded = await this.load(ctx, request);
    const { nodes, edges, edgeTypes } = loaded.network;
    const typeNames = (bits: number) =>
      networkTieTypes.filter((_, i) => (bits & (1 << i)) !== 0).join(';');
    if (format === 'csv') {
      const nodeColumns = [
        'id',
        'name',
        'kind',
        'provinceId',
        'industryId',
        'complexId',
        'inside',
        'synthetic',
      ];
      const edgeColumns = ['source', 'target', 'sourceName', 'targetName', 'weight', 'types'];
      return {
        contentType: csvType,
        files: [
          {
            suffix: 'nodes',
            body: writeCsv(nodeColumns, nodes as unknown as Record<string, unknown>[]),
          },
          {
            suffix: 'edges',
            body: writeCsv(
              edgeColumns,
              edges.map((e, i) => ({
                source: nodes[e.source]!.id,
                target: nodes[e.target]!.id,
                sourceName: nodes[e.source]!.name,
                targetName: nodes[e.target]!.name,
                weight: e.weight ?? 1,
                types: typeNames(edgeTypes[i] ?? 0),
              })),
            ),
          },
        ],
      };
    }
    const esc = (s: string) =>
      s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const data = (key: string, value: unknown) =>
      value === null || value === undefined
        ? ''
        : `<data key="${key}">${esc(String(value))}</data>`;
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="name" for="node" attr.name="name" attr.type="string"/>',
      '<key id="kind" for="node" attr.name="kind" attr.type="string"/>',
      '<key id="province" for="node" attr.name="provinceId" attr.type="int"/>',
      '<key id="industry" for="node" attr.name="industryId" attr.type="int"/>',
      '<key id="complex" for="node" attr.name="complexId" attr.type="int"/>',
      '<key id="inside" for="node" attr.name="inside" attr.type="boolean"/>',
      '<key id="synthetic" for="node" attr.name="synthetic" attr.type="boolean"/>',
      '<key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
      '<key id="types" for="edge" attr.name="types" attr.type="string"/>',
      `<graph id="${esc(formatNetworkScope(loaded.scope))}" edgedefault="undirected">`,
      ...nodes.map(
        (n) =>
          `<node id="o${n.id}">${data('name', n.name)}${data('kind', n.kind)}${data('province', n.provinceId)}${data('industry', n.industryId)}${data('complex', n.complexId)}${data('inside', n.inside)}${data('synthetic', n.synthetic)}</node>`,
      ),
      ...edges.map(
        (e, i) =>
          `<edge source="o${nodes[e.source]!.id}" target="o${nodes[e.target]!.id}">${data('weight', e.weight ?? 1)}${data('types', typeNames(edgeTypes[i] ?? 0))}</edge>`,
      ),
      '</graph>',
      '</graphml>',
      '',
    ];
    return {
      contentType: 'application/graphml+xml',
      files: [{ suffix: '', body: lines.join('\n') }],
    };
  }
}
