import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { datasetUpdate, measuresQuery } from '@innocluster/contracts';
import { MappingService, tableCsv, writeWorkbook } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { reportImportErrors } from './cli-input.ts';
import { withDatabase } from './database.command.ts';
import {
  datasetId,
  emit,
  outputFormat,
  parseOptions,
  registerMapMeasureCommands,
} from './map-measures.command.ts';

interface ComputeOptions {
  dataset: string;
  measure?: string;
  year?: string;
  baseYear?: string;
  regionKind?: string;
  unit?: string;
  cluster?: string;
  denominator?: string;
  format?: string;
  output?: string;
  as?: string;
}

function parseQuery(id: number, o: ComputeOptions) {
  return parseOptions(measuresQuery, {
    dataset: id,
    measure: o.measure,
    year: o.year,
    baseYear: o.baseYear,
    regionKind: o.regionKind,
    unit: o.unit,
    cluster: o.cluster,
    denominator: o.denominator,
  });
}

function computeOptions(command: Command): Command {
  return command
    .requiredOption('--dataset <name>', 'dataset name or id')
    .option('--measure <measure>', 'employment, establishments, payroll, ...', 'employment')
    .option('--year <year>', 'default: the latest year of the dataset')
    .option('--base-year <year>', 'base of CAGR and change; default: the first year')
    .option('--region-kind <kind>', 'province, grouping or user', 'province')
    .option('--unit <unit>', 'cluster or industry', 'cluster')
    .option('--cluster <ids>', 'cluster ids, comma-separated (default: all, latest versions)')
    .option('--denominator <d>', 'all, or kind (traded/local industries)', 'all')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)');
}

/** `innocluster map`: import statistics, compute the measures table, export it. */
export function registerMapCommands(program: Command): void {
  const map = program
    .command('map')
    .description('Cluster mapping: import regional statistics, compute and export measures');

  map
    .command('import')
    .description(
      'Import statistics (CSV or XLSX: region, industry, year, measure, value[, suppressed, band_low, band_high]) into a dataset, all or nothing; creates the dataset when it does not exist',
    )
    .argument('<dataset>', 'dataset name or id')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--fill-rule <rule>', 'for a new dataset: zero, band_midpoint or parent_share', 'zero')
    .option('--national', 'the file holds national totals (the region column is not read)')
    .option('--as <email>', 'the user importing (or INNOCLUSTER_AS)')
    .action(
      async (
        dataset: string,
        file: string,
        opts: { fillRule: string; national?: boolean; as?: string },
      ) => {
        const content = await readFile(file);
        const fileName = basename(file);
        await withDatabase(async ({ db }) => {
          const ctx = await cliContext(db, opts.as);
          const mapping = new MappingService(db);
          let target = await mapping.resolveDataset(ctx, dataset);
          if (!target) {
            if (!['zero', 'band_midpoint', 'parent_share'].includes(opts.fillRule))
              throw new Error('--fill-rule must be zero, band_midpoint or parent_share');
            target = await mapping.createDataset(ctx, {
              name: dataset,
              universe: 'sum',
              fillRule: opts.fillRule as 'zero',
              synthetic: false,
            });
            console.error(
              `Created dataset ${target.id} "${target.name}" (fill rule ${target.fillRule})`,
            );
          }
          const importTarget = target;
          const result = await reportImportErrors(fileName, () =>
            mapping.importStatistics(
              ctx,
              importTarget.id,
              { file: { fileName, content } },
              opts.national ? 'national' : 'regional',
            ),
          );
          console.log(
            `Imported ${result.inserted} values from ${fileName} into "${target.name}" (${result.suppressed} suppressed, ${result.filled} filled)`,
          );
        });
      },
    );

  map
    .command('import-plants')
    .description(
      'Import plant-level employment (CSV or XLSX: plant, region, industry, year, employment) into a dataset, all or nothing; a plant of the same year and code replaces the stored one. The specialisation then gives the Ellison-Glaeser index of the years with plants',
    )
    .argument('<dataset>', 'dataset name or id')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--as <email>', 'the user importing (or INNOCLUSTER_AS)')
    .action(async (dataset: string, file: string, opts: { as?: string }) => {
      const content = await readFile(file);
      const fileName = basename(file);
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, opts.as);
        const mapping = new MappingService(db);
        const target = await mapping.resolveDataset(ctx, dataset);
        if (!target) throw new Error(`No dataset "${dataset}" (create it with map import first)`);
        const result = await reportImportErrors(fileName, () =>
          mapping.plants.importPlants(ctx, target.id, { file: { fileName, content } }),
        );
        console.log(
          `Imported ${result.inserted} plants from ${fileName} into "${target.name}" (${result.replaced} replaced; years ${result.years.join(', ')})`,
        );
      });
    });

  map
    .command('dataset-update')
    .description(
      "Change a dataset's metadata (only the options given); a new fill rule is refused while the dataset holds suppressed cells",
    )
    .argument('<dataset>', 'dataset name or id')
    .option('--name <name>', 'new name')
    .option('--source <text>', 'source ("" clears it)')
    .option('--licence <text>', 'licence ("" clears it)')
    .option('--description <text>', 'description ("" clears it)')
    .option('--universe <universe>', 'sum (of the imported regions) or national (imported totals)')
    .option('--fill-rule <rule>', 'zero, band_midpoint or parent_share')
    .option('--synthetic', 'flag the dataset and its values as synthetic')
    .option('--no-synthetic', 'flag the dataset and its values as real')
    .option('--as <email>', 'the user changing it (or INNOCLUSTER_AS)')
    .action(async (dataset: string, opts: Record<string, string | boolean | undefined>) => {
      // An empty text clears an optional field, as an emptied field does in the web form.
      const text = (v: string | boolean | undefined) => (v === '' ? null : v);
      const changes = parseOptions(datasetUpdate, {
        name: opts.name,
        source: text(opts.source),
        licence: text(opts.licence),
        description: text(opts.description),
        universe: opts.universe,
        fillRule: opts.fillRule,
        synthetic: opts.synthetic,
      });
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, opts.as as string | undefined);
        const mapping = new MappingService(db);
        const updated = await mapping.updateDataset(
          ctx,
          await datasetId(mapping, ctx, dataset),
          changes,
        );
        console.log(
          `Updated dataset ${updated.id} "${updated.name}" (universe ${updated.universe}, fill rule ${updated.fillRule}${updated.synthetic ? ', synthetic' : ''})`,
        );
      });
    });

  computeOptions(map.command('compute'))
    .description(
      'Print the region x cluster measures table (LQ, shares, growth, strong, stars, stage)',
    )
    .option('--format <format>', 'csv or json', 'csv')
    .action(async (opts: ComputeOptions) => {
      if (opts.format !== 'csv' && opts.format !== 'json')
        throw new Error('--format must be csv or json');
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, opts.as);
        const mapping = new MappingService(db);
        const q = parseQuery(await datasetId(mapping, ctx, opts.dataset), opts);
        const out = await mapping.exportMeasures(ctx, q, opts.format as 'csv');
        process.stdout.write(out.body);
      });
    });

  computeOptions(map.command('export'))
    .description(
      'Write the measures to files: XLSX with a sheet per measure (measures table, shift-share of every region, specialisation, localisation, relatedness, notes); CSV as one file per measure beside --output; JSON the measures table',
    )
    .requiredOption('-o, --output <file>', 'the file to write')
    .option('--format <format>', 'csv, xlsx or json')
    .option('--region <code>', 'shift-share of this region only (default: every region)')
    .option('--threshold <lq>', 'relatedness: LQ at or above which a region is specialised', '1')
    .action(async (opts: ComputeOptions & { region?: string; threshold: string }) => {
      const format = outputFormat(opts.format, opts.output);
      const threshold = Number(opts.threshold);
      if (!Number.isFinite(threshold) || threshold < 0)
        throw new Error('--threshold must be a number ≥ 0');
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, opts.as);
        const mapping = new MappingService(db);
        const q = parseQuery(await datasetId(mapping, ctx, opts.dataset), opts);
        const output = opts.output!;
        if (format === 'json') {
          await emit((await mapping.exportMeasures(ctx, q, 'json')).body, output);
          return;
        }
        const { tables, notes } = await mapping.exportTables(ctx, q, {
          ...(opts.region ? { region: opts.region } : {}),
          threshold,
        });
        if (format === 'xlsx') {
          await emit(await writeWorkbook(tables, notes), output);
          return;
        }
        // The measures table goes to --output, each other measure beside it: out-shift-share.csv.
        const stem = output.slice(0, output.length - extname(output).length);
        for (const table of tables)
          await emit(
            tableCsv(table, true),
            table.name === 'measures' ? output : `${stem}-${table.name}.csv`,
          );
      });
    });

  registerMapMeasureCommands(map);
}
