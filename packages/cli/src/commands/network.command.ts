import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AttendanceCommitRequest, AttendanceImportResponse } from '@innocluster/contracts';
import { AttendanceImportService } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { reportImportErrors } from './cli-input.ts';
import { withDatabase } from './database.command.ts';

/** Prints the rows a reviewer has to look at: fuzzy proposals and names that matched nothing. */
function printReview(result: AttendanceImportResponse): void {
  const c = result.counts;
  console.log(
    `Import ${result.id} (${result.fileName}): ${c.rows} rows, ${c.activities} activities; ${c.exact} exact, ${c.fuzzy} fuzzy, ${c.none} unmatched organisation names`,
  );
  for (const r of result.rows) {
    if (r.match === 'exact') continue;
    const best = r.candidates
      .map((k) => `${k.name} [${k.organisationId}] ${k.score.toFixed(2)}`)
      .join('; ');
    console.log(
      `  row ${r.row}: "${r.organisationName}" ${r.match === 'fuzzy' ? `-> ${best}` : '-> no match'}`,
    );
  }
}

/**
 * Reads reviewer decisions from a CSV with columns row, action (accept, choose, none) and
 * organisation_id (for choose).
 */
async function readDecisions(file: string): Promise<AttendanceCommitRequest['decisions']> {
  // The cells are numbers and single words, so a plain split reads the file.
  const lines = (await readFile(file, 'utf8'))
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.split(/[,;\t]/).map((cell) => cell.trim().replace(/^"|"$/g, '')));
  const header = (lines[0] ?? []).map((h) => h.toLowerCase());
  const at = (name: string) => header.indexOf(name);
  if (at('row') < 0 || at('action') < 0)
    throw new Error(`${basename(file)} row 1: needs the columns row, action, organisation_id`);
  const decisions: AttendanceCommitRequest['decisions'] = [];
  lines.slice(1).forEach((cells, i) => {
    if (cells.every((c) => c === '')) return;
    const where = `${basename(file)} row ${i + 2}`;
    const row = Number(cells[at('row')]);
    const action = cells[at('action')];
    const organisationText = at('organisation_id') >= 0 ? cells[at('organisation_id')] : '';
    if (!Number.isInteger(row) || row <= 0) throw new Error(`${where}: row must be a row number`);
    if (action !== 'accept' && action !== 'choose' && action !== 'none')
      throw new Error(`${where}: action must be accept, choose or none`);
    const organisationId = organisationText ? Number(organisationText) : undefined;
    if (organisationId !== undefined && !Number.isInteger(organisationId))
      throw new Error(`${where}: organisation_id must be an organisation id`);
    decisions.push({ row, action, ...(organisationId !== undefined ? { organisationId } : {}) });
  });
  return decisions;
}

/** `innocluster activities`: attendance-sheet imports with matching and review. */
export function registerActivityCommands(program: Command): void {
  const activities = program
    .command('activities')
    .description('Networking activities: import attendance sheets and review their matches');

  activities
    .command('import')
    .description(
      'Upload an attendance sheet (CSV or XLSX: activity, date, kind, complex, topic, organisation, person). Organisation names are matched to the registry (exact, then fuzzy) and held for review; nothing is written until committed',
    )
    .argument('<file>', 'a .csv or .xlsx file')
    .option(
      '--auto-accept-exact',
      'commit at once, keeping exact matches, when no fuzzy match needs a decision',
    )
    .option('--accept-fuzzy', 'with --auto-accept-exact: accept fuzzy proposals too')
    .option('--as <email>', 'the user importing (or INNOCLUSTER_AS)')
    .action(
      async (
        file: string,
        opts: { autoAcceptExact?: boolean; acceptFuzzy?: boolean; as?: string },
      ) => {
        const content = await readFile(file);
        const fileName = basename(file);
        await withDatabase(async ({ db }) => {
          const ctx = await cliContext(db, opts.as);
          const imports = new AttendanceImportService(db);
          const uploaded = await reportImportErrors(fileName, () =>
            imports.upload(ctx, { fileName, content }),
          );
          printReview(uploaded);
          if (!opts.autoAcceptExact) {
            console.log(
              `Held for review. Commit with: innocluster activities commit ${uploaded.id} [--decisions <csv>]`,
            );
            return;
          }
          if (uploaded.counts.fuzzy > 0 && !opts.acceptFuzzy) {
            console.log(
              `${uploaded.counts.fuzzy} fuzzy matches need a decision: import ${uploaded.id} stays in review. Commit with: innocluster activities commit ${uploaded.id} --decisions <csv>`,
            );
            return;
          }
          const committed = await reportImportErrors(fileName, () =>
            imports.commit(ctx, uploaded.id, {
              decisions: [],
              acceptExact: true,
              acceptFuzzy: opts.acceptFuzzy ?? false,
            }),
          );
          const s = committed.summary!;
          console.log(
            `Committed import ${committed.id}: ${s.activities} activities, ${s.attendees} attendees (${s.exact} exact, ${s.fuzzy} fuzzy, ${s.manual} chosen, ${s.none} unmatched)`,
          );
        });
      },
    );

  activities
    .command('commit')
    .description(
      'Commit an import held for review, with decisions from a CSV (row, action = accept | choose | none, organisation_id)',
    )
    .argument('<import-id>', 'the import id printed by `activities import`')
    .option('--decisions <csv>', 'the reviewer’s decisions')
    .option('--accept-fuzzy', 'accept every fuzzy proposal without a decision')
    .option('--as <email>', 'the user committing (or INNOCLUSTER_AS)')
    .action(
      async (
        importId: string,
        opts: { decisions?: string; acceptFuzzy?: boolean; as?: string },
      ) => {
        const id = Number(importId);
        if (!Number.isInteger(id) || id <= 0)
          throw new Error('import-id must be a positive integer');
        const decisions = opts.decisions ? await readDecisions(opts.decisions) : [];
        await withDatabase(async ({ db }) => {
          const ctx = await cliContext(db, opts.as);
          const imports = new AttendanceImportService(db);
          const current = await imports.get(ctx, id);
          const committed = await reportImportErrors(current.fileName, () =>
            imports.commit(ctx, id, {
              decisions,
              acceptExact: true,
              acceptFuzzy: opts.acceptFuzzy ?? false,
            }),
          );
          const s = committed.summary!;
          console.log(
            `Committed import ${committed.id}: ${s.activities} activities, ${s.attendees} attendees (${s.exact} exact, ${s.fuzzy} fuzzy, ${s.manual} chosen, ${s.none} unmatched)`,
          );
        });
      },
    );
}
