import { writeFile } from 'node:fs/promises';
import {
  formatNetworkScope,
  networkMeasureNames,
  networkTieTypes,
  type NetworkMeasureName,
  type NetworkMeasuresResult,
  type NetworkTieType,
} from '@innocluster/contracts';
import { NetworkService, type RequestContext } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { withDatabase } from './database.command.ts';

interface NetworkOptions {
  scope: string;
  from?: string;
  to?: string;
  ties?: string;
  weighting: string;
  maxAttendees: string;
  outside: boolean;
  as?: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function listOf<T extends string>(text: string, allowed: readonly T[], option: string): T[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = items.filter((s) => !allowed.includes(s as T));
  if (bad.length || items.length === 0) {
    throw new Error(`${option}: ${bad.join(', ') || '(empty)'} not one of ${allowed.join(', ')}`);
  }
  return [...new Set(items)] as T[];
}

function requestOf(o: NetworkOptions) {
  for (const [name, value] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const) {
    if (value !== undefined && !isoDay.test(value)) throw new Error(`${name} must be YYYY-MM-DD`);
  }
  if (o.weighting !== 'newman' && o.weighting !== 'count')
    throw new Error('--weighting must be newman or count');
  const maxAttendees = Number(o.maxAttendees);
  if (!Number.isInteger(maxAttendees) || maxAttendees < 2 || maxAttendees > 100000)
    throw new Error(`--max-attendees must be an integer from 2 to 100000 (got ${o.maxAttendees})`);
  return {
    scope: o.scope,
    from: o.from,
    to: o.to,
    tieTypes: o.ties ? listOf<NetworkTieType>(o.ties, networkTieTypes, '--ties') : undefined,
    weighting: o.weighting as 'newman' | 'count',
    maxAttendees,
    outside: o.outside,
  };
}

function networkOptions(command: Command): Command {
  return command
    .option(
      '--scope <scope>',
      'all, programme:<id>, complex:<id|name>, mini-cluster:<id>, region:<id> or user-region:<id>',
      'all',
    )
    .option('--from <date>', 'first day of the window (YYYY-MM-DD)')
    .option('--to <date>', 'last day of the window (YYYY-MM-DD)')
    .option(
      '--ties <types>',
      `comma-separated tie types (default all): ${networkTieTypes.join(',')}`,
    )
    .option('--weighting <w>', 'co-attendance weight: newman (1/(n-1)) or count', 'newman')
    .option(
      '--max-attendees <n>',
      'largest activity (attendees) counted in co-attendance ties; larger events add no ties',
      '50',
    )
    .option('--no-outside', 'leave out organisations outside the scope')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)');
}

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

/** The node table, the network-level row, or the yearly rows of a measures result as CSV. */
export function measuresCsv(result: NetworkMeasuresResult, table: string): string {
  const flat = (s: NetworkMeasuresResult['summary']) => {
    const { tripleHelix, ...rest } = s;
    return { ...rest, tripleHelixBalance: tripleHelix?.balance ?? null };
  };
  if (table === 'network') return csv([{ scope: result.scope, ...flat(result.summary) }]);
  if (table === 'yearly')
    return csv((result.yearly ?? []).map((y) => ({ year: y.year, ...flat(y.summary) })));
  if (table === 'hubs')
    return csv(result.hubs.map((h) => ({ ...h, reasons: h.reasons.join('; ') })));
  return csv(
    result.nodes.map(({ brokerage, ...n }) => ({
      ...n,
      brokerageTotal: brokerage?.total ?? null,
    })),
  );
}

async function withNetworks<T>(
  as: string | undefined,
  work: (service: NetworkService, ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return withDatabase(async ({ db }) => work(new NetworkService(db), await cliContext(db, as)));
}

/** `innocluster network`: measures, programme indicators and graph export. */
export function registerNetworkCommands(program: Command): void {
  const network = program
    .command('network')
    .description('Knowledge-network analytics: measures, programme indicators, graph export');

  networkOptions(network.command('measures'))
    .description('Compute network, node and hub measures of a scope and window')
    .option('--measures <names>', `node measures (default all): ${networkMeasureNames.join(',')}`)
    .option('--yearly', 'also compute the network-level measures for each year')
    .option('--betweenness-samples <k>', 'betweenness estimated from k sampled shortest paths')
    .option('--table <table>', 'CSV table: nodes, network, yearly or hubs', 'nodes')
    .option('--format <format>', 'csv or json', 'csv')
    .action(
      async (
        o: NetworkOptions & {
          measures?: string;
          yearly?: boolean;
          betweennessSamples?: string;
          table: string;
          format: string;
        },
      ) => {
        if (o.format !== 'csv' && o.format !== 'json')
          throw new Error('--format must be csv or json');
        if (!['nodes', 'network', 'yearly', 'hubs'].includes(o.table))
          throw new Error('--table must be nodes, network, yearly or hubs');
        const samples =
          o.betweennessSamples === undefined ? undefined : Number(o.betweennessSamples);
        if (samples !== undefined && !(Number.isInteger(samples) && samples >= 10))
          throw new Error('--betweenness-samples must be an integer of at least 10');
        const measures = o.measures
          ? listOf<NetworkMeasureName>(o.measures, networkMeasureNames, '--measures')
          : [...networkMeasureNames];
        const result = await withNetworks(o.as, async (service, ctx) => {
          const scope = await service.resolveScope(ctx, o.scope, '--scope');
          return service.computeMeasures(ctx, {
            ...requestOf(o),
            scope: formatNetworkScope(scope),
            measures,
            yearly: o.yearly ?? o.table === 'yearly',
            betweennessSamples: samples,
          });
        });
        process.stdout.write(
          o.format === 'json'
            ? `${JSON.stringify(result, null, 2)}\n`
            : measuresCsv(result, o.table),
        );
      },
    );

  network
    .command('indicators')
    .description(
      'Programme indicators: activities per year and growth, members per mini-cluster, turnover, share active in the last 12 months',
    )
    .requiredOption('--programme <id>', 'programme id')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--as-of <date>', 'date of the active share (default: --to, or today)')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--as <email>', 'the user reading (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        programme: string;
        from?: string;
        to?: string;
        asOf?: string;
        format: string;
        as?: string;
      }) => {
        if (o.format !== 'csv' && o.format !== 'json')
          throw new Error('--format must be csv or json');
        const programmeId = Number(o.programme);
        if (!Number.isInteger(programmeId) || programmeId < 1)
          throw new Error('--programme must be a programme id');
        for (const [name, value] of [
          ['--from', o.from],
          ['--to', o.to],
          ['--as-of', o.asOf],
        ] as const) {
          if (value !== undefined && !isoDay.test(value))
            throw new Error(`${name} must be YYYY-MM-DD`);
        }
        const r = await withNetworks(o.as, (service, ctx) =>
          service.indicators(ctx, { programmeId, from: o.from, to: o.to, asOf: o.asOf }),
        );
        if (o.format === 'json') {
          process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          return;
        }
        const rows = r.years.map((year, i) => {
          const m = r.membersPerMiniCluster[i]!;
          const turnover = r.turnover[i]!;
          return {
            year,
            activities: r.activitiesPerYear[i]!.count,
            miniClusters: m.miniClusters,
            memberships: m.memberships,
            membersPerMiniCluster: m.averagePerMiniCluster,
            members: turnover.members,
            newMembers: turnover.newMembers,
            dropouts: turnover.dropouts,
          };
        });
        process.stdout.write(csv(rows));
        const g = r.activityGrowth;
        if (g)
          process.stderr.write(
            `Activities ${g.fromYear}–${g.toYear}: ${g.from} → ${g.to} (${g.percentChange === null ? 'n/a' : `${g.percentChange.toFixed(1)} %`})\n`,
          );
        process.stderr.write(
          `Members active in the 12 months to ${r.activeShare.to}: ${r.activeShare.active} of ${r.activeShare.members}${r.activeShare.share === null ? '' : ` (${(100 * r.activeShare.share).toFixed(1)} %)`}\n`,
        );
      },
    );

  networkOptions(network.command('export-graph'))
    .description(
      'Write the network as GraphML, or as two CSV files (<output>-nodes.csv, -edges.csv)',
    )
    .requiredOption('--format <format>', 'graphml or csv')
    .option('-o, --output <file>', 'file to write (GraphML: default stdout; CSV: base name)')
    .action(async (o: NetworkOptions & { format: string; output?: string }) => {
      if (o.format !== 'graphml' && o.format !== 'csv')
        throw new Error('--format must be graphml or csv');
      if (o.format === 'csv' && !o.output) throw new Error('CSV export needs --output <base name>');
      const out = await withNetworks(o.as, async (service, ctx) => {
        const scope = await service.resolveScope(ctx, o.scope, '--scope');
        return service.exportGraph(
          ctx,
          { ...requestOf(o), scope: formatNetworkScope(scope) },
          o.format as 'graphml',
        );
      });
      for (const file of out.files) {
        if (!o.output) {
          process.stdout.write(file.body);
          continue;
        }
        const path = file.suffix
          ? `${o.output.replace(/\.csv$/, '')}-${file.suffix}.csv`
          : o.output;
        await writeFile(path, file.body);
        console.error(`Wrote ${path}`);
      }
    });
}
