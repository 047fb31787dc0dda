import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  indexRunRequest,
  uncertaintyRunRequest,
  type AllocationOutcome,
  type AllocationRuleDto,
  type IndexRun,
  type UncertaintyResult,
} from '@innocluster/contracts';
import { createServices, type RequestContext, type Services } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { withDatabase } from './database.command.ts';

/** Quotes a CSV cell when it holds a separator, quote or line break. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]!);
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))]
    .map((line) => `${line}\n`)
    .join('');
}

function positiveInt(text: string | undefined, option: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} must be a positive integer`);
  return n;
}

function output(format: string, json: unknown, rows: Record<string, unknown>[]): void {
  if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
  process.stdout.write(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : csv(rows));
}

async function withEvaluation<T>(
  as: string | undefined,
  work: (service: Services['evaluation'], ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return withDatabase(async ({ db }) =>
    work(createServices(db).evaluation, await cliContext(db, as)),
  );
}

export function rankingRows(run: IndexRun): Record<string, unknown>[] {
  return run.complexes.map((c) => ({
    rank: c.rank,
    complexId: c.complexId,
    complex: c.complexName,
    score: c.score,
  }));
}

export function allocationRows(outcome: AllocationOutcome): Record<string, unknown>[] {
  return outcome.lines.map((l) => ({
    rank: l.rank,
    complexId: l.complexId,
    complex: l.complexName,
    score: l.score,
    amountKrw: l.amount,
    lastYearKrw: l.lastYear,
    binding: l.binding,
  }));
}

export function uncertaintyRows(result: UncertaintyResult): Record<string, unknown>[] {
  return result.complexes.map((c) => ({
    complexId: c.complexId,
    complex: c.complexName,
    baseRank: c.baseRank,
    medianRank: c.medianRank,
    rank5: c.lowRank,
    rank95: c.highRank,
  }));
}

/** Parses a JSON option value (inline or @file), naming the option on failure. */
async function jsonOption(text: string, option: string): Promise<unknown> {
  try {
    return JSON.parse(text.startsWith('@') ? await readFile(text.slice(1), 'utf8') : text);
  } catch (error) {
    throw new Error(`${option}: not JSON (${(error as Error).message})`, { cause: error });
  }
}

/**
 * `innocluster evaluation`: frameworks, value import, index runs, uncertainty, allocation and
 * reports, thin over the evaluation service (same permissions and audit as the API).
 */
export function registerEvaluationCommands(program: Command): void {
  const evaluation = program
    .command('evaluation')
    .description(
      'Evaluate complexes: frameworks, values, composite index, uncertainty, allocation, reports',
    );

  evaluation
    .command('frameworks')
    .description('List indicator frameworks (every version)')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)')
    .action(async (o: { format: string; as?: string }) => {
      const items = await withEvaluation(o.as, (s, ctx) => s.listFrameworks(ctx));
      output(
        o.format,
        items,
        items.map((f) => ({
          id: f.id,
          code: f.code,
          version: f.version,
          latest: f.latest,
          name: f.name,
          indicators: f.indicatorCount,
          synthetic: f.synthetic,
        })),
      );
    });

  evaluation
    .command('import <file>')
    .description(
      'Import entered values from CSV or XLSX (columns complex, year, indicator, value, source); all or nothing',
    )
    .requiredOption('--framework <id>', 'framework id')
    .option('--as <email>', 'the user entering (or INNOCLUSTER_AS)')
    .action(async (file: string, o: { framework: string; as?: string }) => {
      const content = await readFile(file);
      const result = await withEvaluation(o.as, (s, ctx) =>
        s.importValues(ctx, {
          frameworkId: positiveInt(o.framework, '--framework'),
          fileName: basename(file),
          contentBase64: content.toString('base64'),
        }),
      ).catch((error: unknown) => {
        // Name every row and column, not only the count.
        const errors = (error as { errors?: { field: string; message: string }[] }).errors;
        if (!errors?.length) throw error;
        const lines = errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
        throw new Error(`${(error as Error).message}\n${lines}`, { cause: error });
      });
      console.log(`${result.rows} rows read: ${result.written} values written`);
    });

  evaluation
    .command('index')
    .description('Compute and store a composite index; prints the ranking')
    .requiredOption('--framework <id>', 'framework id')
    .requiredOption('--year <year>', 'year evaluated')
    .option('--name <name>', 'name of the run')
    .option('--missing <rule>', 'listwise, mean, median, carry-forward or zero', 'mean')
    .option('--normalisation <kind>', 'min-max, z-score, rank or distance-to-leader', 'min-max')
    .option('--weighting <kind>', 'equal, framework or pca (AHP: --ahp)', 'framework')
    .option('--ahp <json>', 'AHP pairwise matrix as JSON (or @file)')
    .option('--aggregation <kind>', 'arithmetic or geometric', 'arithmetic')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as <email>', 'the user running (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        framework: string;
        year: string;
        name?: string;
        missing: string;
        normalisation: string;
        weighting: string;
        ahp?: string;
        aggregation: string;
        format: string;
        as?: string;
      }) => {
        const weighting = o.ahp
          ? { kind: 'ahp', matrix: await jsonOption(o.ahp, '--ahp') }
          : { kind: o.weighting };
        const parsed = indexRunRequest.safeParse({
          frameworkId: positiveInt(o.framework, '--framework'),
          year: Number(o.year),
          ...(o.name ? { name: o.name } : {}),
          method: {
            missing: o.missing,
            normalisation: { kind: o.normalisation },
            weighting,
            aggregation:
              o.aggregation === 'geometric'
                ? { kind: 'geometric', zero: 'shift', offset: 0.01 }
                : { kind: o.aggregation },
          },
        });
        if (!parsed.success) {
          throw new Error(
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        const run = await withEvaluation(o.as, (s, ctx) => s.createIndexRun(ctx, parsed.data));
        if (o.format === 'csv') console.error(`index run ${run.id}`);
        output(o.format, run, rankingRows(run));
      },
    );

  evaluation
    .command('uncertainty')
    .description(
      'Seeded Monte Carlo over weights and method choices; prints median ranks and 90% intervals',
    )
    .requiredOption('--run <id>', 'index run id')
    .option('--draws <n>', 'Monte Carlo draws', '1000')
    .option('--seed <n>', 'seed (the same seed reproduces the run)', '1')
    .option('--bound <b>', 'uniform weight perturbation ±b (relative)', '0.2')
    .option('--normalisations <list>', 'alternatives, e.g. min-max,rank,distance-to-leader')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as <email>', 'the user running (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        run: string;
        draws: string;
        seed: string;
        bound: string;
        normalisations?: string;
        format: string;
        as?: string;
      }) => {
        const parsed = uncertaintyRunRequest.safeParse({
          indexRunId: positiveInt(o.run, '--run'),
          draws: Number(o.draws),
          seed: Number(o.seed),
          weights: { kind: 'uniform', relativeBound: Number(o.bound) },
          ...(o.normalisations
            ? { normalisations: o.normalisations.split(',').map((kind) => ({ kind: kind.trim() })) }
            : {}),
        });
        if (!parsed.success) {
          throw new Error(
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        const run = await withEvaluation(o.as, async (s, ctx) => {
          const { run: started, finished } = await s.startUncertainty(ctx, parsed.data);
          await finished;
          return s.getUncertainty(ctx, started.id);
        });
        if (run.status !== 'done' || !run.result)
          throw new Error(`uncertainty run ${run.id} ${run.status}: ${run.error ?? ''}`);
        if (o.format === 'csv') console.error(`uncertainty run ${run.id}`);
        output(o.format, run, uncertaintyRows(run.result));
      },
    );

  evaluation
    .command('allocate')
    .description(
      'Split next year’s pool over an index run by a rule; prints the allocation (whole KRW)',
    )
    .requiredOption('--run <id>', 'index run id')
    .option('--pool <krw>', 'pool in whole KRW')
    .option('--base-fraction <f>', 'share split as the base share', '0.5')
    .option('--tiers <json>', 'rank tiers as JSON, e.g. [{"upToFraction":0.3,"multiplier":1.5}]')
    .option('--floor <krw>', 'floor per complex (KRW)')
    .option('--cap <krw>', 'cap per complex (KRW)')
    .option('--rule <json>', 'the whole rule as JSON (or @file); overrides the options above')
    .option('--save <name>', 'save the rule as a named scenario')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as <email>', 'the user allocating (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        run: string;
        pool?: string;
        baseFraction: string;
        tiers?: string;
        floor?: string;
        cap?: string;
        rule?: string;
        save?: string;
        format: string;
        as?: string;
      }) => {
        let rule: AllocationRuleDto;
        if (o.rule) rule = (await jsonOption(o.rule, '--rule')) as AllocationRuleDto;
        else {
          if (o.pool === undefined) throw new Error('give --pool (or --rule)');
          rule = {
            pool: Number(o.pool),
            baseFraction: Number(o.baseFraction),
            base: { kind: 'equal' },
            performance: o.tiers
              ? {
                  kind: 'tiers',
                  tiers: (await jsonOption(o.tiers, '--tiers')) as {
                    upToFraction: number;
                    multiplier: number;
                  }[],
                }
              : { kind: 'proportional' },
            ...(o.floor ? { floor: Number(o.floor) } : {}),
            ...(o.cap ? { cap: Number(o.cap) } : {}),
          };
        }
        const indexRunId = positiveInt(o.run, '--run');
        const outcome = await withEvaluation(o.as, async (s, ctx) => {
          if (o.save) {
            const saved = await s.createScenario(ctx, { name: o.save, indexRunId, rule });
            console.error(`allocation scenario ${saved.id}`);
            return saved.outcome;
          }
          const simulated = await s.simulate(ctx, {
            indexRunId,
            scenarios: [{ name: 'cli', rule }],
          });
          return simulated.outcomes[0]!;
        });
        if (!outcome.ok) throw new Error(`the rule cannot be met: ${outcome.error}`);
        output(o.format, outcome, allocationRows(outcome));
      },
    );

  evaluation
    .command('report')
    .description('Write the programme report of an index run as PDF (Chromium) and/or XLSX')
    .requiredOption('--run <id>', 'index run id')
    .option('--pdf <file>', 'write the PDF report here')
    .option('--xlsx <file>', 'write the XLSX report here')
    .option('--scenario <id>', 'allocation scenario to include')
    .option('--uncertainty <id>', 'uncertainty run to include')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        run: string;
        pdf?: string;
        xlsx?: string;
        scenario?: string;
        uncertainty?: string;
        as?: string;
      }) => {
        if (!o.pdf && !o.xlsx) throw new Error('give --pdf <file> and/or --xlsx <file>');
        const q = {
          ...(o.scenario ? { allocationScenarioId: positiveInt(o.scenario, '--scenario') } : {}),
          ...(o.uncertainty
            ? { uncertaintyRunId: positiveInt(o.uncertainty, '--uncertainty') }
            : {}),
        };
        const id = positiveInt(o.run, '--run');
        await withEvaluation(o.as, async (s, ctx) => {
          if (o.xlsx) {
            await writeFile(o.xlsx, await s.reportXlsx(ctx, id, q));
            console.log(`wrote ${o.xlsx}`);
          }
          if (o.pdf) {
            await writeFile(o.pdf, await s.reportPdf(ctx, id, q));
            console.log(`wrote ${o.pdf}`);
          }
        });
      },
    );
}
