import { createSeededRandom, generateDemoProgramme } from '@innocluster/domain';
import type { Db } from '../db/database.ts';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import { systemContext } from '../auth/principal.ts';
import { ConflictError } from '../errors.ts';
import { table146Dataset } from '../overview/overview.service.ts';
import { loadDemoStatistics } from '../mapping/mapping-demo.ts';
import { loadDemoStrategicIndustries } from '../mapping/mapping-strategic.repository.ts';
import { loadDemoEvaluation } from '../evaluation/evaluation-demo.ts';
import { loadDemoNetwork } from '../network/network-data-demo.ts';
import { loadDemoProjects } from '../projects/project-demo.ts';
import { insertRows } from '../registry/crud.repository.ts';
import {
  readBudgetItems,
  readBudgetYears,
  readComplexes,
  readComplexLocations,
  readParticipants,
  readProvinces,
} from './demo-files.ts';
import {
  countRowsInDemoTables,
  deleteDemoRows,
  deleteSetting,
  fingerprint,
  lockDemo,
  readSetting,
  writeSetting,
} from './demo.repository.ts';

const oecd =
  'OECD (2007), Competitive Regional Clusters: National Policy Approaches, Korea chapter';
const parkKoo = 'Park & Koo, the Korean industrial-complex cluster programme (seed 001)';
const fingerprintKey = 'demo.fingerprint';
/** Seed of the generated organisations: the same demo on every machine. */
export const demoSeed = 20060421;

/** KSIC 10th revision (Statistics Korea, 2017) divisions that the hub complexes focus on. */
const ksicDivisions: [string, string, string][] = [
  ['C', 'Manufacturing', '제조업'],
  ['24', 'Manufacture of basic metals', '1차 금속 제조업'],
  [
    '25',
    'Manufacture of fabricated metal products, except machinery and furniture',
    '금속 가공제품 제조업',
  ],
  [
    '26',
    'Manufacture of electronic components, computer, video, audio and communication equipment',
    '전자 부품, 컴퓨터, 영상, 음향 및 통신장비 제조업',
  ],
  [
    '27',
    'Manufacture of medical, precision and optical instruments, watches and clocks',
    '의료, 정밀, 광학 기기 및 시계 제조업',
  ],
  ['28', 'Manufacture of electrical equipment', '전기장비 제조업'],
  ['29', 'Manufacture of other machinery and equipment', '기타 기계 및 장비 제조업'],
  ['30', 'Manufacture of motor vehicles, trailers and semitrailers', '자동차 및 트레일러 제조업'],
  ['31', 'Manufacture of other transport equipment', '기타 운송장비 제조업'],
];

/** Our reading of each complex's focus as a KSIC division (an innocluster mapping, not the source's). */
const focusDivision: Record<string, string> = {
  Gumi: '26',
  Changwon: '29',
  Ulsan: '30',
  'Banwol-Sihwa': '25',
  Gwangju: '27',
  Gunsan: '29',
  Wonju: '27',
  Namdong: '29',
  Ochang: '26',
  Seongseo: '29',
  Noksan: '31',
  Daebul: '31',
};

export interface DemoLoadResult {
  loaded: boolean;
  reason: string;
  organisations: number;
}

/**
 * Loads the demo programme: the Korean industrial-complex cluster programme as OECD (2007)
 * and Park & Koo describe it, plus generated organisations behind Table 14.6's counts.
 */
export class DemoService {
  constructor(private readonly db: Db) {}

  async isEmpty(): Promise<boolean> {
    return (await countRowsInDemoTables(this.db)) === 0;
  }

  /** Loads the demo only into an empty database; checked under the demo lock, so two servers starting at once load it once. */
  async loadIfEmpty(): Promise<DemoLoadResult> {
    return this.db.transaction().execute(async (tx) => {
      await lockDemo(tx);
      if ((await countRowsInDemoTables(tx)) > 0)
        return { loaded: false, reason: 'the database already holds data', organisations: 0 };
      return this.loadInto(tx);
    });
  }

  /**
   * Empties the registry and loads the demo again, but only when the registry holds exactly
   * what the last demo load left (or nothing): data somebody entered is never overwritten.
   */
  async reset(): Promise<DemoLoadResult> {
    return this.db.transaction().execute(async (tx) => {
      await lockDemo(tx);
      const current = await fingerprint(tx);
      // Saved as [table, rows, lastChange] triples: the camel-case plugin would rename object keys.
      const savedTriples = await readSetting<[string, number, string | null][]>(tx, fingerprintKey);
      const saved =
        savedTriples &&
        Object.fromEntries(savedTriples.map(([t, rows, lastChange]) => [t, { rows, lastChange }]));
      const empty = Object.values(current).every((t) => t.rows === 0);
      const untouched =
        saved !== undefined &&
        Object.entries(current).every(
          ([t, v]) => saved[t]?.rows === v.rows && saved[t]?.lastChange === v.lastChange,
        );
      if (!empty && !untouched) {
        throw new ConflictError(
          'The database holds data that the demo did not load (or demo rows were changed since); demo --reset refuses to overwrite it. Use an empty database (INNOCLUSTER_DATA_DIR or DATABASE_URL) for the demo.',
        );
      }
      await deleteDemoRows(tx);
      await deleteSetting(tx, fingerprintKey);
      return this.loadInto(tx);
    });
  }

  async load(): Promise<DemoLoadResult> {
    return this.db.transaction().execute(async (tx) => {
      await lockDemo(tx);
      if ((await countRowsInDemoTables(tx)) > 0)
        throw new ConflictError(
          'The database is not empty; the demo loads only into an empty database.',
        );
      return this.loadInto(tx);
    });
  }

  private async loadInto(tx: Db): Promise<DemoLoadResult> {
    const [programme] = await insertRows(tx, 'programme', [
      {
        code: 'ICCP',
        name: 'Industrial Complex Cluster Programme (Innovative Cluster City programme)',
        nameKo: '산업단지 혁신클러스터 사업',
        ministry: 'Ministry of Commerce, Industry and Energy (MOCIE)',
        agency: 'Korea Industrial Complex Corporation (KICOX)',
        startDate: '2005-04-01',
        endDate: '2016-12-31',
        description:
          'Turns manufacturing industrial complexes into innovation clusters through mini-clusters of firms, universities and institutes.',
        source: `${oecd}; ${parkKoo}`,
      },
    ]);
    const programmeId = programme!.id as number;
    await insertRows(tx, 'programmePhase', [
      {
        programmeId,
        name: 'Formation',
        startDate: '2005-01-01',
        endDate: '2008-12-31',
        source: parkKoo,
      },
      {
        programmeId,
        name: 'Growth',
        startDate: '2009-01-01',
        endDate: '2012-12-31',
        source: parkKoo,
      },
      {
        programmeId,
        name: 'Independence',
        startDate: '2012-01-01',
        endDate: '2016-12-31',
        source: `${parkKoo} (the source gives 2012-2016, overlapping the growth phase)`,
      },
    ]);

    const provinces = readProvinces();
    const provinceRows = await insertRows(
      tx,
      'region',
      provinces.map((p) => ({
        code: p.iso_3166_2,
        kind: 'province',
        name: p.name_en === 'Sejongsi' ? 'Sejong' : p.name_en,
        nameKo: p.name_ko,
        kostatCode: p.code_kostat,
        isoCode: p.iso_3166_2,
        source: 'KOSTAT SGIS 2018 (KOGL Type 1); ISO 3166-2:KR',
      })),
    );
    const provinceByName = new Map<string, number>();
    provinceRows.forEach((row, i) => {
      provinceByName.set(row.name as string, row.id as number);
      provinceByName.set(provinces[i]!.name_en, row.id as number);
    });
    const areas = [...new Set(provinces.map((p) => p.region_5p2))];
    const areaRows = await insertRows(
      tx,
      'region',
      areas.map((area) => ({
        code: `5P2-${area.split(' ')[0]!.toUpperCase()}`,
        kind: 'grouping',
        name: area,
        groupingScheme: '5+2 economic areas (2008)',
        source: parkKoo,
      })),
    );
    await insertRows(
      tx,
      'regionMember',
      provinces.map((p) => ({
        regionId: areaRows[areas.indexOf(p.region_5p2)]!.id,
        memberRegionId: provinceByName.get(p.name_en),
      })),
    );

    const [ksic] = await insertRows(tx, 'industryClassification', [
      {
        code: 'KSIC',
        vintage: '10th revision (2017)',
        name: 'Korean Standard Industrial Classification',
        source: 'Statistics Korea, KSIC 10th revision',
      },
    ]);
    const [manufacturing] = await insertRows(tx, 'industry', [
      {
        classificationId: ksic!.id,
        code: 'C',
        name: ksicDivisions[0]![1],
        nameKo: ksicDivisions[0]![2],
        level: 1,
      },
    ]);
    const divisionRows = await insertRows(
      tx,
      'industry',
      ksicDivisions.slice(1).map(([code, name, nameKo]) => ({
        classificationId: ksic!.id,
        code,
        name,
        nameKo,
        parentId: manufacturing!.id,
        level: 2,
      })),
    );
    const divisionId = new Map(divisionRows.map((r) => [r.code as string, r.id as number]));

    const locations = new Map(readComplexLocations().map((l) => [l.complex, l]));
    const sources = readComplexes();
    const complexRows = await insertRows(
      tx,
      'complex',
      sources.map((c) => {
        const provinceId = provinceByName.get(c.province);
        if (provinceId === undefined)
          throw new Error(`iccp-complexes.csv: unknown province ${c.province} for ${c.complex}`);
        const loc = locations.get(c.complex);
        return {
          name: c.complex,
          nameKo: loc?.nameKo ?? null,
          kind: loc?.kind ?? null,
          provinceId,
          latitude: loc?.latitude ?? null,
          longitude: loc?.longitude ?? null,
          isHub: true,
          source: `${oecd}, Table 14.5; ${parkKoo}; location approximate (OpenStreetMap)`,
        };
      }),
    );
    const complexId = new Map(complexRows.map((r) => [r.name as string, r.id as number]));
    await insertRows(
      tx,
      'participation',
      sources.map((c) => ({
        programmeId,
        complexId: complexId.get(c.complex),
        joined: c.joinedMonth === '2007-11' ? '2007-11-27' : `${c.joinedMonth}-01`,
        focus: c.focus,
        focusIndustryId: divisionId.get(focusDivision[c.complex] ?? '') ?? null,
        source:
          c.joinedMonth === '2007-11'
            ? `${parkKoo}; added 27 November 2007 (press reports)`
            : `${oecd}, Table 14.5`,
      })),
    );

    const participants = readParticipants();
    const asOf = '2006-04-21';
    await insertRows(
      tx,
      'referenceCount',
      participants.flatMap((p) =>
        (['companies', 'universities', 'researchInstitutes', 'supportInstitutions'] as const).map(
          (category) => ({
            dataset: table146Dataset,
            complexId: complexId.get(p.complex),
            category,
            value: p[category],
            asOf,
            source: `${oecd}, Table 14.6 (participants on 21 April 2006; organisations)`,
          }),
        ),
      ),
    );

    await insertRows(
      tx,
      'budgetYear',
      readBudgetYears().map((b) => ({
        programmeId,
        year: b.year,
        needKrw100m: b.need,
        allottedKrw100m: b.allotted,
        allottedIsEstimate: b.allottedIsEstimate,
        source: `${oecd}, Table 14.3`,
      })),
    );
    await insertRows(
      tx,
      'budgetItem',
      readBudgetItems().map((b) => ({
        programmeId,
        year: 2005,
        itemGroup: b.group,
        item: b.item,
        amountKrwMillion: b.amount,
        source: `${oecd}, Table 14.4`,
      })),
    );

    const focusOf = new Map(sources.map((s) => [s.complex, s.focus]));
    const demo = generateDemoProgramme(
      participants.map((p) => ({
        complex: p.complex,
        focus: focusOf.get(p.complex) ?? '',
        counts: {
          companies: p.companies,
          universities: p.universities,
          researchInstitutes: p.researchInstitutes,
          supportInstitutions: p.supportInstitutions,
        },
      })),
      createSeededRandom(demoSeed),
      { miniClusterStart: '2005-06-01', membershipJoined: '2005-06-01', taskForceTotal: 194 },
    );
    const provinceOfComplex = new Map(
      complexRows.map((r) => [r.name as string, r.provinceId as number]),
    );
    const miniRows = await insertRows(
      tx,
      'miniCluster',
      demo.miniClusters.map((m) => ({
        complexId: complexId.get(m.complex),
        name: m.name,
        field: m.field,
        started: m.started,
        synthetic: true,
      })),
    );
    const miniId = new Map(miniRows.map((r) => [r.name as string, r.id as number]));
    const orgId = new Map<string, number>();
    for (let i = 0; i < demo.organisations.length; i += 500) {
      const chunk = demo.organisations.slice(i, i + 500).map((o) => ({
        name: o.name,
        kind: o.kind,
        sizeClass: o.sizeClass,
        provinceId: provinceOfComplex.get(o.complex),
        complexId: complexId.get(o.complex),
        industryId:
          o.kind === 'company' ? (divisionId.get(focusDivision[o.complex] ?? '') ?? null) : null,
        employees: o.employees,
        synthetic: true,
      }));
      for (const row of await insertRows(tx, 'organisation', chunk))
        orgId.set(row.name as string, row.id as number);
    }
    for (let i = 0; i < demo.memberships.length; i += 1000) {
      await insertRows(
        tx,
        'membership',
        demo.memberships.slice(i, i + 1000).map((m) => ({
          organisationId: orgId.get(m.organisation),
          miniClusterId: miniId.get(m.miniCluster),
          role: m.role,
          joined: m.joined,
          synthetic: true,
        })),
      );
    }
    const taskForces = await insertRows(
      tx,
      'body',
      participants.map((p) => ({
        kind: 'task_force',
        name: `Demo ${p.complex} task force`,
        programmeId,
        complexId: complexId.get(p.complex),
        established: '2005-04-01',
        synthetic: true,
      })),
    );
    const bodyOf = new Map(taskForces.map((b) => [b.complexId as number, b.id as number]));
    const people = await insertRows(
      tx,
      'person',
      demo.taskForceSeats.map((s) => ({ name: s.person, title: s.role, synthetic: true })),
    );
    await insertRows(
      tx,
      'bodySeat',
      demo.taskForceSeats.map((s, i) => ({
        bodyId: bodyOf.get(complexId.get(s.complex)!),
        personId: people[i]!.id,
        role: s.role,
        team: s.team,
        started: '2005-04-01',
        synthetic: true,
      })),
    );

    await loadDemoStatistics(tx);
    await loadDemoStrategicIndustries(tx);
    await loadDemoNetwork(tx, programmeId);
    await loadDemoProjects(tx, programmeId);
    // The evaluation demo computes indicators from the members, activities and projects above.
    await loadDemoEvaluation(tx);
    await insertAuditEvents(tx, [
      auditEntry(systemContext, 'create', 'demo', demoSeed, null, {
        organisations: demo.organisations.length,
        miniClusters: demo.miniClusters.length,
        memberships: demo.memberships.length,
        taskForceSeats: demo.taskForceSeats.length,
        note: 'demo programme loaded; generated rows are flagged synthetic',
      }),
    ]);
    const loaded = await fingerprint(tx);
    await writeSetting(
      tx,
      fingerprintKey,
      Object.entries(loaded).map(([t, v]) => [t, v.rows, v.lastChange]),
    );
    return { loaded: true, reason: 'demo loaded', organisations: demo.organisations.length };
  }
}
