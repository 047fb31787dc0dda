import { exampleJointRdRules } from '@innocluster/domain';
import type { Db } from '../db/database.ts';

/**
 * A small registry for the intake tests (no demo): one programme with two complexes, a
 * mini-cluster, a meeting, and organisations of every size and kind the rules distinguish.
 */
export interface IntakeFixture {
  programmeId: number;
  north: number;
  south: number;
  miniCluster: number;
  activity: number;
  /** SME companies A and B, large company C (north), university U (north), SME S (south). */
  orgs: { a: number; b: number; c: number; u: number; s: number };
}

export async function seedIntakeRegistry(db: Db): Promise<IntakeFixture> {
  const programme = await db
    .insertInto('programme')
    .values({ code: 'ICP-T', name: 'Test cluster programme', ministry: 'MOTIE' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const province = await db
    .insertInto('region')
    .values({ code: 'KR-IT', kind: 'province', name: 'Intake province' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [north, south] = await db
    .insertInto('complex')
    .values([
      { name: 'Intake North', provinceId: province.id },
      { name: 'Intake South', provinceId: province.id },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('participation')
    .values([
      { programmeId: programme.id, complexId: north!.id, joined: '2005-01-01' },
      { programmeId: programme.id, complexId: south!.id, joined: '2005-01-01' },
    ])
    .execute();
  const mini = await db
    .insertInto('miniCluster')
    .values({ complexId: north!.id, name: 'Precision parts', field: 'machinery' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const orgs = await db
    .insertInto('organisation')
    .values([
      { name: 'Alpha Precision', kind: 'company', sizeClass: 'sme', complexId: north!.id },
      { name: 'Beta Tools', kind: 'company', sizeClass: 'sme', complexId: north!.id },
      { name: 'Cheil Heavy', kind: 'company', sizeClass: 'large', complexId: north!.id },
      { name: 'North University', kind: 'university', complexId: north!.id },
      { name: 'South Sensors', kind: 'company', sizeClass: 'sme', complexId: south!.id },
    ])
    .returning('id')
    .execute();
  const activity = await db
    .insertInto('activity')
    .values({
      programmeId: programme.id,
      complexId: north!.id,
      kind: 'forum',
      title: 'Precision parts forum',
      heldOn: '2026-03-12',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('activityMiniCluster')
    .values({ activityId: activity.id, miniClusterId: mini.id })
    .execute();
  const [a, b, c, u, s] = orgs.map((o) => o.id) as [number, number, number, number, number];
  return {
    programmeId: programme.id,
    north: north!.id,
    south: south!.id,
    miniCluster: mini.id,
    activity: activity.id,
    orgs: { a, b, c, u, s },
  };
}

/** The published joint R&D example as a call instrument's rules (no code or name). */
export function jointRdRulesData() {
  const { code: _code, name: _name, ...rules } = exampleJointRdRules;
  return rules;
}

/** A call body with the joint R&D instrument and a two-criterion rubric. */
export function callBody(programmeId: number, code = 'CALL-2026-1') {
  return {
    programmeId,
    code,
    title: 'Field-customised R&D 2026',
    budgetKrw: 2_000_000_000,
    opensOn: '2026-03-01',
    closesOn: '2026-12-31',
    reviewsPerProposal: 3,
    rubric: [
      { code: 'novelty', name: 'Novelty', weight: 0.6, maxScore: 10 },
      { code: 'impact', name: 'Impact on firms', weight: 0.4, maxScore: 10 },
    ],
    instruments: [
      { code: 'joint_rd', name: 'Joint R&D', budgetKrw: 1_500_000_000, rules: jointRdRulesData() },
    ],
  };
}
