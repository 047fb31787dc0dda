import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, OpenDatabase } from '../db/database.ts';
import { ConflictError } from '../errors.ts';
import { systemContext } from '../auth/principal.ts';
import { RegistryService } from '../registry/registry.service.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { DemoService } from './demo.service.ts';

// OECD (2007), Competitive Regional Clusters, Korea chapter, Table 14.6 (participants on
// 21 April 2006), typed in from the document, not read from the demo's CSV:
// companies, universities, research centres, supporting institutions, total.
const table146: Record<string, [number, number, number, number, number]> = {
  Changwon: [391, 57, 33, 23, 504],
  Gumi: [405, 134, 13, 35, 587],
  Ulsan: [157, 14, 16, 6, 193],
  'Banwol-Sihwa': [582, 101, 44, 59, 786],
  Gwangju: [154, 18, 13, 7, 192],
  Gunsan: [52, 9, 1, 6, 68],
  Wonju: [118, 152, 1, 31, 302],
};
const table146Totals = [1859, 485, 121, 167, 2632];
const kinds = ['company', 'university', 'research_institute', 'support_institution'] as const;

// The 7 pilot complexes (April 2005, OECD 2007 Table 14.5) and the 5 added on 27 November 2007
// (Park & Koo), with the province each lies in.
const pilots: Record<string, string> = {
  Gumi: 'Gyeongsangbuk-do',
  Changwon: 'Gyeongsangnam-do',
  Ulsan: 'Ulsan',
  'Banwol-Sihwa': 'Gyeonggi-do',
  Gwangju: 'Gwangju',
  Gunsan: 'Jeollabuk-do',
  Wonju: 'Gangwon-do',
};
const added2007: Record<string, string> = {
  Namdong: 'Incheon',
  Ochang: 'Chungcheongbuk-do',
  Seongseo: 'Daegu',
  Noksan: 'Busan',
  Daebul: 'Jeollanam-do',
};

// The 17 si-do: KOSTAT SGIS 2-digit code (2018) and ISO 3166-2:KR code.
const provinces: [name: string, kostat: string, iso: string][] = [
  ['Seoul', '11', 'KR-11'],
  ['Busan', '21', 'KR-26'],
  ['Daegu', '22', 'KR-27'],
  ['Incheon', '23', 'KR-28'],
  ['Gwangju', '24', 'KR-29'],
  ['Daejeon', '25', 'KR-30'],
  ['Ulsan', '26', 'KR-31'],
  ['Sejong', '29', 'KR-50'],
  ['Gyeonggi-do', '31', 'KR-41'],
  ['Gangwon-do', '32', 'KR-42'],
  ['Chungcheongbuk-do', '33', 'KR-43'],
  ['Chungcheongnam-do', '34', 'KR-44'],
  ['Jeollabuk-do', '35', 'KR-45'],
  ['Jeollanam-do', '36', 'KR-46'],
  ['Gyeongsangbuk-do', '37', 'KR-47'],
  ['Gyeongsangnam-do', '38', 'KR-48'],
  ['Jeju-do', '39', 'KR-49'],
];

// The 5+2 economic areas of 2008 (Park & Koo), by ISO code of their provinces; Sejong, carved
// out of Chungnam in 2012, belongs with Chungcheong.
const economicAreas: Record<string, string[]> = {
  Capital: ['KR-11', 'KR-28', 'KR-41'],
  Chungcheong: ['KR-30', 'KR-50', 'KR-43', 'KR-44'],
  Honam: ['KR-29', 'KR-45', 'KR-46'],
  Daegyeong: ['KR-27', 'KR-47'],
  Dongnam: ['KR-26', 'KR-31', 'KR-48'],
  Gangwon: ['KR-42'],
  Jeju: ['KR-49'],
};

/** Everything the demo tables hold, as one comparable value: the row count of each table. */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = ['organisation', 'complex', 'region', 'mini_cluster', 'membership', 'person'];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(t)}`.execute(db);
    counts[t] = r.rows[0]!.n;
  }
  return counts;
}

async function organisationCounts(db: Db) {
  return db
    .selectFrom('organisation')
    .innerJoin('complex', 'complex.id', 'organisation.complexId')
    .select(['complex.name as complex', 'organisation.kind'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['complex.name', 'organisation.kind'])
    .execute();
}

describe('the demo programme, loaded into an empty database', () => {
  let database: OpenDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const result = await new DemoService(db).load();
    expect(result).toMatchObject({ loaded: true, organisations: 2632 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('generates exactly the organisations of Table 14.6, by complex and type', async () => {
    const counts = await organisationCounts(db);
    const got = new Map(counts.map((r) => [`${r.complex}/${r.kind}`, Number(r.n)]));
    const totals = [0, 0, 0, 0, 0];
    for (const [complex, row] of Object.entries(table146)) {
      kinds.forEach((kind, i) => {
        expect(got.get(`${complex}/${kind}`) ?? 0, `${complex} ${kind}`).toBe(row[i]);
        totals[i]! += row[i]!;
      });
      const sum = kinds.reduce((s, kind) => s + (got.get(`${complex}/${kind}`) ?? 0), 0);
      expect(sum, `${complex} total`).toBe(row[4]);
      totals[4]! += sum;
    }
    expect(totals).toEqual(table146Totals);
    // No organisation outside the seven pilots, and none of another kind.
    expect(counts.reduce((s, r) => s + Number(r.n), 0)).toBe(2632);
    const all = await db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(2632);
  });

  it('keeps Table 14.6 itself as reference counts', async () => {
    const rows = await db
      .selectFrom('referenceCount')
      .innerJoin('complex', 'complex.id', 'referenceCount.complexId')
      .select([
        'complex.name as complex',
        'referenceCount.category',
        'referenceCount.value',
        'referenceCount.asOf',
      ])
      .execute();
    expect(rows).toHaveLength(28);
    const categories = ['companies', 'universities', 'researchInstitutes', 'supportInstitutions'];
    for (const [complex, row] of Object.entries(table146)) {
      categories.forEach((category, i) => {
        const found = rows.find((r) => r.complex === complex && r.category === category);
        expect(found?.value, `${complex} ${category}`).toBe(row[i]);
        expect(found?.asOf).toBe('2006-04-21');
      });
    }
  });

  it('flags every generated row synthetic and names it "Demo ..."', async () => {
    const organisations = await db
      .selectFrom('organisation')
      .select(['name', 'synthetic'])
      .execute();
    expect(organisations.filter((o) => !o.synthetic || !o.name.startsWith('Demo '))).toEqual([]);
    const miniClusters = await db.selectFrom('miniCluster').select(['name', 'synthetic']).execute();
    expect(miniClusters.length).toBeGreaterThan(0);
    expect(miniClusters.filter((m) => !m.synthetic || !m.name.startsWith('Demo '))).toEqual([]);
    const people = await db.selectFrom('person').select(['name', 'synthetic']).execute();
    // The task forces of the seven pilots had 194 people in all (OECD 2007); the other people
    // are the project-cycle demo's evaluator pool.
    const seated = await db.selectFrom('bodySeat').select('personId').distinct().execute();
    expect(seated).toHaveLength(194);
    expect(people.filter((p) => !p.synthetic || !p.name.startsWith('Demo '))).toEqual([]);
    const bodies = await db.selectFrom('body').select(['name', 'synthetic']).execute();
    expect(bodies.filter((b) => !b.synthetic || !b.name.startsWith('Demo '))).toEqual([]);
    const memberships = await db
      .selectFrom('membership')
      .select('synthetic')
      .where('synthetic', '=', false)
      .execute();
    expect(memberships).toEqual([]);
    // Facts from a source are not flagged.
    const sourced = await db
      .selectFrom('complex')
      .select('synthetic')
      .where('synthetic', '=', true)
      .execute();
    expect(sourced).toEqual([]);
  });

  it('holds the 12 hub complexes with their entry dates and provinces', async () => {
    const complexes = await db
      .selectFrom('complex')
      .innerJoin('region', 'region.id', 'complex.provinceId')
      .innerJoin('participation', 'participation.complexId', 'complex.id')
      .select(['complex.name', 'complex.isHub', 'region.name as province', 'participation.joined'])
      .orderBy('complex.name')
      .execute();
    expect(complexes).toHaveLength(12);
    const expected = [
      ...Object.entries(pilots).map(([name, province]) => ({
        name,
        province,
        joined: '2005-04-01',
        isHub: true,
      })),
      ...Object.entries(added2007).map(([name, province]) => ({
        name,
        province,
        joined: '2007-11-27',
        isHub: true,
      })),
    ].sort((a, b) => a.name.localeCompare(b.name));
    expect(complexes).toEqual(expected);
  });

  it('holds the 17 provinces with their KOSTAT and ISO 3166-2 codes', async () => {
    const rows = await db
      .selectFrom('region')
      .select(['name', 'kostatCode', 'isoCode', 'code', 'nameKo'])
      .where('kind', '=', 'province')
      .orderBy('kostatCode')
      .execute();
    expect(rows.map((r) => [r.name, r.kostatCode, r.isoCode])).toEqual(provinces);
    expect(rows.every((r) => r.code === r.isoCode && r.nameKo)).toBe(true);
  });

  it('holds the 7 economic areas of the 5+2 scheme with their provinces', async () => {
    const rows = await db
      .selectFrom('regionMember')
      .innerJoin('region as area', 'area.id', 'regionMember.regionId')
      .innerJoin('region as province', 'province.id', 'regionMember.memberRegionId')
      .select(['area.name as area', 'area.kind as kind', 'province.isoCode as iso'])
      .execute();
    const byArea = new Map<string, string[]>();
    for (const r of rows) {
      expect(r.kind).toBe('grouping');
      const key = r.area.split(' ')[0]!;
      byArea.set(key, [...(byArea.get(key) ?? []), r.iso!]);
    }
    expect(byArea.size).toBe(7);
    for (const [area, members] of Object.entries(economicAreas)) {
      expect(byArea.get(area)?.sort(), area).toEqual([...members].sort());
    }
    const groupings = await db
      .selectFrom('region')
      .select(['groupingScheme'])
      .where('kind', '=', 'grouping')
      .execute();
    expect(groupings).toHaveLength(7);
    expect(new Set(groupings.map((g) => g.groupingScheme))).toEqual(
      new Set(['5+2 economic areas (2008)']),
    );
  });

  it('refuses a second load() and loadIfEmpty() leaves it as it is', async () => {
    const before = await rowCounts(db);
    await expect(new DemoService(db).load()).rejects.toBeInstanceOf(ConflictError);
    expect(await new DemoService(db).loadIfEmpty()).toMatchObject({ loaded: false });
    expect(await rowCounts(db)).toEqual(before);
  });

  it('reloads an untouched demo on reset()', async () => {
    const before = await rowCounts(db);
    const result = await new DemoService(db).reset();
    expect(result).toMatchObject({ loaded: true, organisations: 2632 });
    expect(await rowCounts(db)).toEqual(before);
    // And a second time: the fingerprint of the reloaded demo is saved again.
    expect(await new DemoService(db).reset()).toMatchObject({ loaded: true });
    expect(await rowCounts(db)).toEqual(before);
    const counts = await organisationCounts(db);
    expect(counts.reduce((s, r) => s + Number(r.n), 0)).toBe(2632);
  });

  // From here on a user changes the data, so these run last (Vitest runs a file in order).

  it('refuses, and changes nothing, once a user has added a row', async () => {
    const registry = new RegistryService(db);
    const added = await registry.create(
      'organisations',
      {
        name: 'Hanbit Precision',
        kind: 'company',
        sizeClass: 'sme',
      },
      systemContext,
    );
    const before = await rowCounts(db);
    await expect(new DemoService(db).reset()).rejects.toBeInstanceOf(ConflictError);
    expect(await rowCounts(db)).toEqual(before);
    const still = await db
      .selectFrom('organisation')
      .selectAll()
      .where('id', '=', added.id as number)
      .executeTakeFirst();
    expect(still).toMatchObject({ name: 'Hanbit Precision', synthetic: false });

    // Take it out again, so that the next test sees an edit and nothing else.
    await registry.remove('organisations', added.id as number, systemContext);
  });

  it('refuses, and changes nothing, once a user has edited a demo row', async () => {
    const registry = new RegistryService(db);
    const gumi = await db
      .selectFrom('complex')
      .select('id')
      .where('name', '=', 'Gumi')
      .executeTakeFirstOrThrow();
    await registry.update('complexes', gumi.id, { areaKm2: 24.5 }, systemContext);
    const before = await rowCounts(db);
    await expect(new DemoService(db).reset()).rejects.toThrow(/did not load/);
    expect(await rowCounts(db)).toEqual(before);
    const after = await db
      .selectFrom('complex')
      .select('areaKm2')
      .where('id', '=', gumi.id)
      .executeTakeFirstOrThrow();
    expect(after.areaKm2).toBe(24.5);
  });
});

describe('demo loadIfEmpty()', () => {
  let database: OpenDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('does nothing on a database that already holds a row', async () => {
    await new RegistryService(db).create(
      'organisations',
      {
        name: 'Hanbit Precision',
        kind: 'company',
      },
      systemContext,
    );
    const result = await new DemoService(db).loadIfEmpty();
    expect(result.loaded).toBe(false);
    expect(await rowCounts(db)).toEqual({
      organisation: 1,
      complex: 0,
      region: 0,
      mini_cluster: 0,
      membership: 0,
      person: 0,
    });
    // reset() does not overwrite it either: the demo did not load that row.
    await expect(new DemoService(db).reset()).rejects.toBeInstanceOf(ConflictError);
    expect((await rowCounts(db)).organisation).toBe(1);
  });
});

describe('two processes starting at once on one empty database', () => {
  let database: OpenDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  it('load the demo once: one loads it, the other finds it loaded', async () => {
    const results = await Promise.all([
      new DemoService(db).loadIfEmpty(),
      new DemoService(db).loadIfEmpty(),
    ]);
    expect(results.map((r) => r.loaded).sort()).toEqual([false, true]);
    const all = await db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(2632);
  });
});
