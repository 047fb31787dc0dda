import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { registryContracts } from '@innocluster/contracts';
import {
  ExportService,
  exportFormats,
  ImportService,
  isExportFormat,
  type ImportProgress,
} from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { reportImportErrors } from './cli-input.ts';
import { withDatabase } from './database.command.ts';

const entityKeys = registryContracts.map((c) => c.key).join(', ');

/** Checked before the database is opened, so that a typo creates no data directory. */
function checkEntity(entity: string): void {
  if (!registryContracts.some((c) => c.key === entity)) {
    throw new Error(`Unknown entity "${entity}": use one of ${entityKeys}`);
  }
}
/** Below this many rows an import is quick and prints no progress. */
const progressFrom = 1000;

/**
 * Progress on stderr: one rewritten line on a terminal, else a line every 10% per phase, so
 * that logs of long imports stay short. `finish` ends a rewritten line before other output.
 */
function progressReporter(stream: NodeJS.WriteStream) {
  const lastTenth = new Map<string, number>();
  let lineOpen = false;
  return {
    report(p: ImportProgress): void {
      if (p.total < progressFrom) return;
      // "Inserting", not "inserted": nothing is committed until every row has gone in.
      const verb = p.phase === 'validating' ? 'Validating' : 'Inserting';
      const text = `${verb}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} rows`;
      if (stream.isTTY) {
        stream.write(`\r${text}\u001b[K`);
        lineOpen = true;
        return;
      }
      const tenth = Math.floor((p.done / p.total) * 10);
      if (tenth > (lastTenth.get(p.phase) ?? 0)) {
        lastTenth.set(p.phase, tenth);
        stream.write(`${text}\n`);
      }
    },
    finish(): void {
      if (lineOpen) stream.write('\n');
      lineOpen = false;
    },
  };
}

/** Writes to stdout; a reader that stops early (`| head`) is not an error. */
async function writeToStdout(content: Buffer): Promise<void> {
  const closedPipe = (error: NodeJS.ErrnoException | null | undefined) => error?.code === 'EPIPE';
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (!closedPipe(error)) throw error;
  });
  await new Promise<void>((resolve, reject) =>
    process.stdout.write(content, (error) =>
      error && !closedPipe(error) ? reject(error) : resolve(),
    ),
  );
}

export function registerTransferCommands(program: Command): void {
  program
    .command('import')
    .description(
      'Import a CSV or XLSX file (first sheet) into a registry entity, all or nothing. The header row names the fields ' +
        '(camelCase or snake_case); id, createdAt and updatedAt columns are ignored: the database assigns new ids.',
    )
    .argument('<entity>', `one of ${entityKeys}`)
    .argument('<file>', 'a .csv or .xlsx file')
    .option(
      '--as <email>',
      'the user importing (or INNOCLUSTER_AS): their grants decide what may be created',
    )
    .action(async (entity: string, file: string, opts: { as?: string }) => {
      checkEntity(entity);
      const content = await readFile(file);
      const fileName = basename(file);
      const progress = progressReporter(process.stderr);
      await withDatabase(async ({ db }) => {
        const result = await reportImportErrors(fileName, async () => {
          try {
            return await new ImportService(db).import({
              entity,
              fileName,
              content,
              context: await cliContext(db, opts.as),
              onProgress: (p) => progress.report(p),
            });
          } finally {
            progress.finish();
          }
        });
        console.log(
          `Imported ${result.imported} ${result.imported === 1 ? 'row' : 'rows'} from ${fileName} into ${result.entity}`,
        );
      });
    });

  program
    .command('export')
    .description(
      'Export every row of a registry entity in id order, with all columns (camelCase headers)',
    )
    .argument('<entity>', `one of ${entityKeys}`)
    .option(
      '-f, --format <format>',
      `${exportFormats.join(', ')} (default: from the --output extension, else csv)`,
    )
    .option('-o, --output <file>', 'write to this file instead of stdout (required for xlsx)')
    .action(async (entity: string, opts: { format?: string; output?: string }) => {
      checkEntity(entity);
      const fromExtension = opts.output ? extname(opts.output).slice(1).toLowerCase() : '';
      const format = opts.format ?? (isExportFormat(fromExtension) ? fromExtension : 'csv');
      if (!isExportFormat(format))
        throw new Error(`--format must be one of ${exportFormats.join(', ')}, not "${format}"`);
      if (format === 'xlsx' && !opts.output)
        throw new Error('xlsx is a binary format: give --output <file>');
      await withDatabase(async ({ db }) => {
        // A byte-order mark lets spreadsheet programs read Korean names in a CSV file as UTF-8.
        const result = await new ExportService(db).export(entity, format, {
          bom: format === 'csv' && Boolean(opts.output),
        });
        if (opts.output) {
          await writeFile(opts.output, result.content);
          console.error(
            `Exported ${result.rows} ${result.rows === 1 ? 'row' : 'rows'} of ${result.entity} to ${opts.output}`,
          );
        } else {
          await writeToStdout(result.content);
        }
      });
    });
}
