import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { relatednessQuery, shiftShareQuery, specialisationQuery } from '@innocluster/contracts';
import {
  MappingService,
  relatednessTable,
  shiftShareTable,
  specialisationTables,
  tableCsv,
  writeWorkbook,
  type ExportTable,
  type RequestContext,
} from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { withDatabase } from './database.command.ts';

/** The id of a dataset given by name or id, or an error naming it. */
export async function datasetId(
  mapping: MappingService,
  ctx: RequestContext,
  key: string,
): Promise<number> {
  const dataset = await mapping.resolveDataset(ctx, key);
  if (!dataset) throw new Error(`No dataset "${key}" (give its name or id)`);
  return dataset.id;
}

/** A contract schema, as far as the options parser uses it. */
interface OptionSchema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/** Parses command options with a contract schema; errors name the option (--baseYear, ...). */
export function parseOptions<T>(schema: OptionSchema<T>, input: Record<string, unknown>): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `--${i.path.map(String).join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}

export type OutputFormat = 'csv' | 'json' | 'xlsx';

/** The format from --format, else the --output extension, else csv; XLSX needs a file. */
export function outputFormat(format: string | undefined, output: string | undefined) {
  const chosen =
    format ??
    (output && ['.csv', '.json', '.xlsx'].includes(extname(output).toLowerCase())
      ? extname(output).slice(1).toLowerCase()
      : 'csv');
  if (chosen !== 'csv' && chosen !== 'json' && chosen !== 'xlsx')
    throw new Error('--format must be csv, json or xlsx');
  if (chosen === 'xlsx' && !output)
    throw new Error('xlsx is a binary format: give --output <file>');
  return chosen as OutputFormat;
}

/** Writes to --output (reporting it on stderr) or to stdout. */
export async function emit(body: string | Buffer, output: string | undefined): Promise<void> {
  if (output) {
    await writeFile(output, body);
    console.error(`Wrote ${output}`);
  } else process.stdout.write(body);
}

interface MeasureOptions {
  dataset: string;
  measure?: string;
  year?: string;
  baseYear?: string;
  region?: string;
  regionKind?: string;
  unit?: string;
  cluster?: string;
  industryLevel?: string;
  threshold?: string;
  table?: string;
  format?: string;
  output?: string;
  as?: string;
}

function common(command: Command, unitDefault: string): Command {
  return command
    .requiredOption('--dataset <name>', 'dataset name or id')
    .option('--measure <measure>', 'employment, establishments, payroll, ...', 'employment')
    .option('--year <year>', 'default: the latest year of the dataset')
    .option('--unit <unit>', 'cluster or industry', unitDefault)
    .option('--cluster <ids>', 'cluster ids, comma-separated (default: all, latest versions)')
    .option('--industry-level <n>', 'aggregate industries to this level of the classification')
    .option('--format <format>', 'csv, json or xlsx (default: from --output, else csv)')
    .option('-o, --output <file>', 'write to this file instead of stdout (required for xlsx)')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)');
}

/** Runs one measure: opens the database, resolves the dataset, writes the chosen format. */
async function run(
  opts: MeasureOptions,
  compute: (
    mapping: MappingService,
    ctx: RequestContext,
    dataset: number,
  ) => Promise<{ json: unknown; tables: ExportTable[]; notes: string[] }>,
): Promise<void> {
  const format = outputFormat(opts.format, opts.output);
  await withDatabase(async ({ db }) => {
    const ctx = await cliContext(db, opts.as);
    const mapping = new MappingService(db);
    const result = await compute(mapping, ctx, await datasetId(mapping, ctx, opts.dataset));
    const body =
      format === 'json'
        ? `${JSON.stringify(result.json, null, 2)}\n`
        : format === 'csv'
          ? tableCsv(result.tables[0]!, Boolean(opts.output))
          : await writeWorkbook(result.tables, result.notes);
    await emit(body, opts.output);
  });
}

/**
 * `innocluster map shift-share | specialisation | relatedness`: the measures with API routes,
 * thin over `MappingService`, as CSV, JSON or XLSX.
 */
export function registerMapMeasureCommands(map: Command): void {
  common(map.command('shift-share'), 'cluster')
    .description(
      'Shift-share of a region between a base year and a year: national growth, industry mix and regional shift per cluster or industry (Dunn 1960), in the measure’s units',
    )
    .requiredOption('--region <code>', 'region code or id')
    .option('--base-year <year>', 'default: the first year of the dataset')
    .action(async (opts: MeasureOptions) => {
      await run(opts, async (mapping, ctx, dataset) => {
        const q = parseOptions(shiftShareQuery, {
          dataset,
          measure: opts.measure,
          year: opts.year,
          baseYear: opts.baseYear,
          unit: opts.unit,
          cluster: opts.cluster,
          industryLevel: opts.industryLevel,
          region: opts.region,
        });
        const result = await mapping.shiftShare(ctx, q);
        return { json: result, tables: [shiftShareTable([result])], notes: [result.method] };
      });
    });

  common(map.command('specialisation'), 'industry')
    .description(
      'Krugman and Hoover specialisation and Herfindahl concentration per region; Hoover localisation per unit (CSV: --table regions or units; XLSX: both)',
    )
    .option('--region-kind <kind>', 'province, grouping or user', 'province')
    .option('--table <table>', 'for CSV: regions or units', 'regions')
    .action(async (opts: MeasureOptions) => {
      if (opts.table !== 'regions' && opts.table !== 'units')
        throw new Error('--table must be regions or units');
      await run(opts, async (mapping, ctx, dataset) => {
        const q = parseOptions(specialisationQuery, {
          dataset,
          measure: opts.measure,
          year: opts.year,
          regionKind: opts.regionKind,
          unit: opts.unit,
          cluster: opts.cluster,
          industryLevel: opts.industryLevel,
        });
        const result = await mapping.specialisation(ctx, q);
        const { regions, units } = specialisationTables(result);
        return {
          json: result,
          tables: opts.table === 'units' ? [units, regions] : [regions, units],
          notes: result.notes,
        };
      });
    });

  common(map.command('relatedness'), 'cluster')
    .description(
      'Proximity of clusters or industries from co-located specialisation across regions (Hidalgo et al. 2007), as a matrix',
    )
    .option('--region-kind <kind>', 'province, grouping or user', 'province')
    .option('--threshold <lq>', 'LQ at or above which a region is specialised', '1')
    .action(async (opts: MeasureOptions) => {
      await run(opts, async (mapping, ctx, dataset) => {
        const q = parseOptions(relatednessQuery, {
          dataset,
          measure: opts.measure,
          year: opts.year,
          regionKind: opts.regionKind,
          unit: opts.unit,
          cluster: opts.cluster,
          industryLevel: opts.industryLevel,
          threshold: opts.threshold,
        });
        const result = await mapping.relatedness(ctx, q);
        return { json: result, tables: [relatednessTable(result)], notes: [result.method] };
      });
    });
}
