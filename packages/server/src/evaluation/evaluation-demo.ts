import type { FrameworkCreateRequest, IndicatorDefinitionDto } from '@innocluster/contracts';
import { createSeededRandom } from '@innocluster/domain';
import { sql } from 'kysely';
import { systemContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { MappingService } from '../mapping/mapping.service.ts';
import { NetworkService } from '../network/network.service.ts';
import { writeEnteredValues, type ValueWrite } from './evaluation.repository.ts';
import { EvaluationService } from './evaluation.service.ts';

/** Seed of the demo's entered values: the same figures on every machine. */
export const evaluationDemoSeed = 20130101;
export const demoFrameworkCode = 'ICCP-EVAL';

const itep = 'ITEP annual evaluation of management and implementation (OECD 2007, Korea chapter)';
const kiet = 'KIET assessment of accomplishments (OECD 2007, Korea chapter)';
const synthetic = 'synthetic demo value (seeded), shaped by OECD (2007) and Park & Koo figures';

const computed = (
  code: string,
  name: string,
  unit: string,
  level: IndicatorDefinitionDto['level'],
  track: string,
  formula: string,
  weight: number,
  direction: IndicatorDefinitionDto['direction'] = 'higher',
): IndicatorDefinitionDto => ({
  code,
  name,
  unit,
  direction,
  level,
  track,
  source: { kind: 'computed', formula },
  weight,
});
const entered = (
  code: string,
  name: string,
  unit: string,
  level: IndicatorDefinitionDto['level'],
  track: string,
  origin: string,
  weight: number,
  description: string,
): IndicatorDefinitionDto => ({
  code,
  name,
  unit,
  direction: 'higher',
  level,
  track,
  source: { kind: 'entered', origin },
  weight,
  description,
});

/**
 * The demo framework: the two tracks of the Korean programme's yearly evaluation,
 * management and implementation (ITEP) and accomplishments (KIET) [OECD 2007], with indicators
 * computed from the platform's data (members, activities, network, projects) and entered ones
 * (task force, budget execution, production, exports, employment, new products).
 */
export const demoFramework: FrameworkCreateRequest = {
  code: demoFrameworkCode,
  name: 'Innovative cluster evaluation (demo): management/implementation and accomplishments',
  tracks: [
    { code: 'MGT', name: 'Management and implementation (ITEP)', weight: 0.4 },
    { code: 'ACC', name: 'Accomplishments (KIET)', weight: 0.6 },
  ],
  indicators: [
    computed('MGT-MEMBERS', 'Mini-cluster members', 'organisations', 'input', 'MGT', 'members', 2),
    entered(
      'MGT-TASKFORCE',
      'Task-force staff',
      'persons',
      'input',
      'MGT',
      itep,
      1,
      'People in the complex’s task force (14-44 per pilot complex, 194 in all; OECD 2007).',
    ),
    computed(
      'MGT-NEW-MEMBERS',
      'New members',
      'organisations',
      'activity',
      'MGT',
      'new_members',
      1,
    ),
    computed(
      'MGT-ACTIVITIES',
      'Network activities held',
      'activities',
      'activity',
      'MGT',
      'activities_held',
      2,
    ),
    entered(
      'MGT-BUDGET-EXEC',
      'Budget execution rate',
      '% of allotted budget',
      'activity',
      'MGT',
      itep,
      1,
      'Share of the year’s allotted budget spent by year end.',
    ),
    computed(
      'MGT-DAYS-TO-MONEY',
      'Days from project start to first money',
      'days',
      'activity',
      'MGT',
      'days_to_first_money',
      1,
      'lower',
    ),
    computed(
      'MGT-PARTNERS',
      'Collaboration partners per organisation',
      'partners per organisation',
      'output',
      'MGT',
      'collaboration_mean_degree',
      1,
    ),
    computed(
      'MGT-OTHER-REGION',
      'Ties to other regions',
      '% of ties',
      'output',
      'MGT',
      'other_region_tie_share',
      1,
    ),
    computed('ACC-PROJECTS', 'Projects funded', 'projects', 'output', 'ACC', 'projects_funded', 1),
    entered(
      'ACC-NEW-PRODUCTS',
      'Technologies commercialised',
      'cases',
      'output',
      'ACC',
      kiet,
      1,
      'New products and processes brought to market with programme support.',
    ),
    computed('ACC-PATENTS', 'Patents from projects', 'patents', 'outcome', 'ACC', 'patents', 1),
    computed(
      'ACC-SALES',
      'Sales from projects',
      'KRW million',
      'outcome',
      'ACC',
      'project_sales',
      1,
    ),
    entered(
      'ACC-PRODUCTION',
      'Production',
      'KRW billion',
      'outcome',
      'ACC',
      kiet,
      2,
      'Production of the complex’s firms (national complexes hold about 30% of production; OECD 2007).',
    ),
    entered(
      'ACC-EXPORTS',
      'Exports',
      'USD million',
      'outcome',
      'ACC',
      kiet,
      2,
      'Exports of the complex’s firms (national complexes hold about 43% of exports; OECD 2007).',
    ),
    entered(
      'ACC-EMPLOYMENT',
      'Employment',
      'persons',
      'outcome',
      'ACC',
      kiet,
      1,
      'Employees of the complex’s firms.',
    ),
  ],
};

/**
 * Loads the evaluation demo into the demo's transaction: the framework, entered values for
 * every hub complex over 2006-2012 (seeded, flagged synthetic; the complexes added in November
 * 2007 report from 2008), one index run of 2012 and one allocation scenario for 2013. Earlier
 * synthetic evaluation rows are removed first (a demo reset empties the registry they refer to).
 */
export async function loadDemoEvaluation(
  tx: Db,
): Promise<{ values: number; indexRunId: number; scenarioId: number }> {
  await sql`DELETE FROM allocation_scenario WHERE synthetic`.execute(tx);
  await sql`DELETE FROM index_run WHERE synthetic`.execute(tx);
  await sql`DELETE FROM indicator_value WHERE synthetic`.execute(tx);
  await sql`DELETE FROM evaluation_framework WHERE synthetic
            AND NOT EXISTS (SELECT 1 FROM index_run r WHERE r.framework_id = evaluation_framework.id)`.execute(
    tx,
  );
  const service = new EvaluationService(tx, {
    mapping: new MappingService(tx),
    networks: new NetworkService(tx),
  });
  const framework = await service.createFramework(systemContext, demoFramework, {
    synthetic: true,
  });

  const complexes = (
    await sql<{ id: number; name: string; joined: string; companies: number }>`
      SELECT c.id, c.name, min(p.joined)::text AS joined,
             (SELECT count(*)::int FROM organisation o WHERE o.complex_id = c.id AND o.kind = 'company') AS companies
      FROM complex c JOIN participation p ON p.complex_id = c.id
      GROUP BY c.id, c.name ORDER BY c.id`.execute(tx)
  ).rows;
  const random = createSeededRandom(evaluationDemoSeed);
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const writes: ValueWrite[] = [];
  for (const c of complexes) {
    const firstYear = Math.max(
      2006,
      Number(c.joined.slice(0, 4)) + (c.joined.slice(5, 7) >= '07' ? 1 : 0),
    );
    const firms = Math.max(60, c.companies);
    // Size and trend of the complex: production per firm (KRW billion), export share, jobs per firm.
    const perFirm = between(12, 40);
    const exportShare = between(0.25, 0.6);
    const jobsPerFirm = between(25, 60);
    const growth = between(0.01, 0.09);
    const taskForce = Math.round(between(14, 44));
    for (let year = firstYear; year <= 2012; year += 1) {
      const t = year - 2006;
      const noise = () => between(0.93, 1.07);
      const production = firms * perFirm * (1 + growth) ** t * noise();
      const put = (indicatorCode: string, value: number) =>
        writes.push({ indicatorCode, complexId: c.id, year, value, source: synthetic });
      put('ACC-PRODUCTION', Math.round(production));
      // KRW billion → USD million at about 1,100 KRW per USD over 2006-2012.
      put('ACC-EXPORTS', Math.round(((production * exportShare) / 1.1) * noise()));
      put('ACC-EMPLOYMENT', Math.round(firms * jobsPerFirm * (1 + growth / 2) ** t * noise()));
      put('ACC-NEW-PRODUCTS', Math.round(between(2, 12) * (1 + t / 4)));
      put('MGT-TASKFORCE', Math.min(44, Math.max(14, taskForce + Math.round(between(-2, 2)))));
      put('MGT-BUDGET-EXEC', Math.round(between(78, 99) * 10) / 10);
    }
  }
  await writeEnteredValues(tx, demoFrameworkCode, writes, null, true);

  // The run uses the indicators with at least one value in 2012 (project tables may be empty).
  const cells = await service.values(systemContext, { frameworkId: framework.id, year: 2012 });
  const withValues = demoFramework.indicators
    .map((i) => i.code)
    .filter((code) => cells.cells.some((x) => x.indicatorCode === code && x.value !== null));
  const run = await service.createIndexRun(
    systemContext,
    {
      frameworkId: framework.id,
      year: 2012,
      name: 'Demo: 2012 evaluation (framework weights, min-max, arithmetic)',
      indicatorCodes: withValues,
      method: {
        missing: 'mean',
        normalisation: { kind: 'min-max' },
        weighting: { kind: 'framework' },
        aggregation: { kind: 'arithmetic' },
      },
    },
    { synthetic: true },
  );
  const lastYear = run.complexes.map((c) => ({ complexId: c.complexId, amount: 2_000_000_000 }));
  const scenario = await service.createScenario(
    systemContext,
    {
      name: 'Demo: 2013 pool, half base, half by score, ±20% change',
      description:
        'KRW 24 billion for 12 complexes: 50% split equally, 50% by 2012 score; floor KRW 1 billion, cap KRW 4 billion, at most 20% change on 2012 (KRW 2 billion each).',
      indexRunId: run.id,
      rule: {
        pool: 2_000_000_000 * run.complexes.length,
        baseFraction: 0.5,
        base: { kind: 'equal' },
        performance: { kind: 'proportional' },
        floor: 1_000_000_000,
        cap: 4_000_000_000,
        changeLimit: { relative: 0.2 },
        lastYear,
      },
    },
    { synthetic: true },
  );
  return { values: writes.length, indexRunId: run.id, scenarioId: scenario.id };
}
