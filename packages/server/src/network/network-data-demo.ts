import {
  createSeededRandom,
  generateDemoNetwork,
  type OrganisationKind,
} from '@innocluster/domain';
import { sql } from 'kysely';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import { systemContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  insertActivities,
  insertActivityMiniClusters,
  insertOrganisationAttendees,
} from './activity.repository.ts';
import { insertCollaborations } from './collaboration.repository.ts';

/** Seed of the generated networking records: the same demo on every machine. */
export const demoNetworkSeed = 20100362;

/**
 * The shape the demo reproduces, from Park & Koo: networking activities grew 362% from 2005 to
 * 2010 (so 2010 holds 4.62 times 2005's count), and average members per mini-cluster rose from
 * 55.2 (2005) to 98.4 (2010). Banwol-Sihwa, the largest pilot, gets the big network.
 */
export const demoNetworkOptions = {
  firstYear: 2005,
  lastYear: 2012,
  firstYearActivities: 100,
  activityGrowth: 4.62,
  growthTo: 2010,
  membersFirst: 55.2,
  membersLast: 98.4,
  bigComplex: 'Banwol-Sihwa',
  // The registry's organisations are OECD Table 14.6's participants on 21 April 2006.
  baseMembershipsBy: '2006-04-21',
} as const;

export interface DemoNetworkResult {
  activities: number;
  attendees: number;
  memberships: number;
  collaborations: number;
}

/**
 * Loads generated activities, attendees, memberships over time and collaborations for the demo
 * registry already in `tx`, flagged synthetic. Does nothing when the registry has no
 * mini-clusters. Part of the demo load, in its transaction.
 */
export async function loadDemoNetwork(tx: Db, programmeId: number): Promise<DemoNetworkResult> {
  const complexes = await tx
    .selectFrom('complex')
    .leftJoin('participation', (join) =>
      join
        .onRef('participation.complexId', '=', 'complex.id')
        .on('participation.programmeId', '=', programmeId),
    )
    .select(['complex.id', 'complex.name', 'participation.joined'])
    .orderBy('complex.id')
    .execute();
  const miniClusters = await tx
    .selectFrom('miniCluster')
    .innerJoin('complex', 'complex.id', 'miniCluster.complexId')
    .select([
      'miniCluster.id',
      'miniCluster.name',
      'miniCluster.field',
      'miniCluster.started',
      'complex.name as complex',
    ])
    .orderBy('miniCluster.id')
    .execute();
  if (miniClusters.length === 0)
    return { activities: 0, attendees: 0, memberships: 0, collaborations: 0 };
  const organisations = await tx
    .selectFrom('organisation')
    .innerJoin('complex', 'complex.id', 'organisation.complexId')
    .select([
      'organisation.id',
      'organisation.name',
      'organisation.kind',
      'complex.name as complex',
    ])
    .orderBy('organisation.id')
    .execute();
  const memberships = await tx
    .selectFrom('membership')
    .select(['id', 'organisationId', 'miniClusterId', 'role', 'joined', 'leftOn'])
    .orderBy('id')
    .execute();
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const clusterName = new Map(miniClusters.map((m) => [m.id, m.name]));

  const data = generateDemoNetwork(
    {
      complexes: complexes
        .filter((c) => c.joined !== null)
        .map((c) => ({ name: c.name, joined: c.joined! })),
      miniClusters: miniClusters.map((m) => ({
        name: m.name,
        complex: m.complex,
        field: m.field,
        started: m.started ?? '2005-01-01',
      })),
      organisations: organisations.map((o) => ({
        name: o.name,
        complex: o.complex,
        kind: o.kind as OrganisationKind,
      })),
      memberships: memberships.map((m) => ({
        organisation: orgName.get(m.organisationId) ?? '',
        miniCluster: clusterName.get(m.miniClusterId) ?? '',
        role: m.role,
        joined: m.joined,
        leftOn: m.leftOn,
      })),
    },
    createSeededRandom(demoNetworkSeed),
    demoNetworkOptions,
  );

  const orgId = new Map(organisations.map((o) => [o.name, o.id]));
  const clusterId = new Map(miniClusters.map((m) => [m.name, m.id]));
  const complexId = new Map(complexes.map((c) => [c.name, c.id]));

  for (let i = 0; i < data.redatedMemberships.length; i += 1000) {
    const values = data.redatedMemberships
      .slice(i, i + 1000)
      .map((r) => sql`(${memberships[r.index]!.id}::int, ${r.joined}::date)`);
    await sql`UPDATE membership m SET joined = v.joined, updated_at = now()
      FROM (VALUES ${sql.join(values)}) AS v(id, joined) WHERE m.id = v.id`.execute(tx);
  }
  for (let i = 0; i < data.memberships.length; i += 1000)
    await tx
      .insertInto('membership')
      .values(
        data.memberships.slice(i, i + 1000).map((m) => ({
          organisationId: orgId.get(m.organisation)!,
          miniClusterId: clusterId.get(m.miniCluster)!,
          role: m.role,
          joined: m.joined,
          leftOn: m.leftOn,
          synthetic: true,
        })),
      )
      .execute();

  const activityIds = await insertActivities(
    tx,
    data.activities.map((a) => ({
      programmeId,
      complexId: complexId.get(a.complex) ?? null,
      kind: a.kind,
      title: a.title,
      topic: a.topic,
      heldOn: a.heldOn,
      hostOrganisationId: a.host ? (orgId.get(a.host) ?? null) : null,
      synthetic: true,
    })),
  );
  await insertActivityMiniClusters(
    tx,
    data.activities.flatMap((a, i) =>
      a.miniClusters.map((m) => ({
        activityId: activityIds[i]!,
        miniClusterId: clusterId.get(m)!,
      })),
    ),
  );
  const attendees = { activityIds: [] as number[], organisationIds: [] as number[] };
  data.activities.forEach((a, i) => {
    for (const name of a.attendees) {
      attendees.activityIds.push(activityIds[i]!);
      attendees.organisationIds.push(orgId.get(name)!);
    }
  });
  await insertOrganisationAttendees(tx, { ...attendees, synthetic: true });
  await insertCollaborations(
    tx,
    data.collaborations.map((c) => ({
      kind: c.kind,
      sourceOrganisationId: orgId.get(c.source)!,
      targetOrganisationId: orgId.get(c.target)!,
      startedOn: c.startedOn,
      endedOn: c.endedOn,
      valueKrw: c.valueKrw,
      description: c.description,
      synthetic: true,
    })),
  );
  const result = {
    activities: data.activities.length,
    attendees: attendees.activityIds.length,
    memberships: data.memberships.length,
    collaborations: data.collaborations.length,
  };
  await insertAuditEvents(tx, [
    auditEntry(systemContext, 'create', 'demo', demoNetworkSeed, null, {
      ...result,
      redatedMemberships: data.redatedMemberships.length,
      note: 'demo networking records loaded (Park & Koo: +362% activities 2005-2010, 55.2 to 98.4 members per mini-cluster); flagged synthetic',
    }),
  ]);
  return result;
}
