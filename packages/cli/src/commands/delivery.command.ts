import type { BurdenQuery, BurdenResponse, PaymentAgingDto } from '@innocluster/contracts';
import { createServices } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { intOption } from './cli-input.ts';
import { withDatabase } from './database.command.ts';

interface FilterOptions {
  as?: string;
  programme?: string;
  call?: string;
  complex?: string;
  year?: string;
  asOf?: string;
  csv?: boolean;
}

function filtersOf(o: FilterOptions): BurdenQuery {
  if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
    throw new Error(`--as-of must be a date YYYY-MM-DD (got ${o.asOf})`);
  const q: BurdenQuery = {};
  const programmeId = intOption(o.programme, 'programme');
  const callId = intOption(o.call, 'call');
  const complexId = intOption(o.complex, 'complex');
  const year = intOption(o.year, 'year');
  if (programmeId !== undefined) q.programmeId = programmeId;
  if (callId !== undefined) q.callId = callId;
  if (complexId !== undefined) q.complexId = complexId;
  if (year !== undefined) q.year = year;
  if (o.asOf !== undefined) q.asOf = o.asOf;
  return q;
}

function withFilters(command: Command): Command {
  return command
    .option('--programme <id>', 'only projects of this programme')
    .option('--call <id>', 'only projects of this call')
    .option('--complex <id>', 'only projects of this complex')
    .option('--year <year>', 'only projects starting in this year')
    .option('--as <email>', 'the user whose read permission applies (or INNOCLUSTER_AS)');
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: unknown[]) => cells.map(csvCell).join(',');

const krw = (n: number) => `KRW ${Math.round(n).toLocaleString('en-US')}`;

/** The burden figures as one CSV row per project (units in the column names). */
export function burdenCsv(b: BurdenResponse): string {
  const header = [
    'project_id',
    'title',
    'instrument',
    'complex',
    'start_on',
    'first_paid_on',
    'days_to_first_money',
    'reports',
    'amendment_rounds',
    'agreement_amendments',
    'paperwork_hours',
    'late_instalments',
    'max_days_late',
  ];
  const rows = b.projects.map((p) =>
    csvLine([
      p.projectId,
      p.title,
      p.instrument,
      p.complex,
      p.startOn,
      p.firstPaidOn,
      p.daysToFirstMoney,
      p.reports,
      p.amendmentRounds,
      p.agreementAmendments,
      p.paperworkHours,
      p.lateInstalments,
      p.maxDaysLate,
    ]),
  );
  return [header.join(','), ...rows].join('\n') + '\n';
}

/** The burden figures as text: every figure with its unit, then the groups. */
export function burdenText(b: BurdenResponse): string {
  const lines = [`Burden as of ${b.asOf}`];
  for (const m of b.metrics)
    lines.push(
      `  ${m.label}: ${m.value === null ? 'n/a' : m.unit === 'KRW' ? krw(m.value) : `${m.value} ${m.unit}`}`,
    );
  lines.push('Days to first money by instrument (median / mean, projects paid of all):');
  for (const g of b.daysToFirstMoney.byInstrument)
    lines.push(
      `  ${g.group}: ${g.medianDays ?? 'n/a'} / ${g.meanDays === null ? 'n/a' : g.meanDays.toFixed(1)} days, ${g.withPayment} of ${g.projects}`,
    );
  lines.push('Days to first money by complex (median / mean, projects paid of all):');
  for (const g of b.daysToFirstMoney.byComplex)
    lines.push(
      `  ${g.group}: ${g.medianDays ?? 'n/a'} / ${g.meanDays === null ? 'n/a' : g.meanDays.toFixed(1)} days, ${g.withPayment} of ${g.projects}`,
    );
  return lines.join('\n') + '\n';
}

/** The aging view as text: totals by band, then the late instalments. */
export function agingText(a: PaymentAgingDto): string {
  const lines = [`Late payments as of ${a.asOf} (bands in days late)`];
  const band = (g: PaymentAgingDto['total'], kind: 'outstanding' | 'paidLate') =>
    g[kind].map((b) => `${b.label}: ${b.instalments} (${krw(b.amountKrw)})`).join(', ');
  lines.push(`  Outstanding: ${band(a.total, 'outstanding')}`);
  lines.push(`  Paid late:   ${band(a.total, 'paidLate')}`);
  for (const l of a.late)
    lines.push(
      `  project ${l.projectId} "${l.projectTitle}" instalment ${l.seq} due ${l.scheduledOn}: ${l.daysLate} days late, ${l.settledOn ? `paid ${l.settledOn}` : `unpaid ${krw(l.amountKrw - l.paidKrw)}`}`,
    );
  return lines.join('\n') + '\n';
}

/** `innocluster projects …` and `innocluster payments aging`: read-only views over delivery. */
export function registerDeliveryCommands(program: Command): void {
  const projects = program
    .command('projects')
    .description('Funded projects: list them and measure the burden the programme puts on them');

  withFilters(projects.command('list'))
    .description('List funded projects with agreement status, money paid and days to first money')
    .option('--csv', 'write CSV instead of text')
    .action(async (o: FilterOptions) => {
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, o.as);
        const services = createServices(db);
        const { asOf: _asOf, ...filters } = filtersOf(o);
        const page = await services.delivery.list(ctx, {
          ...filters,
          page: 1,
          pageSize: 1000,
          sort: 'id',
        });
        if (o.csv) {
          const header =
            'id,title,instrument,complex,lead_organisation,start_on,end_on,approved_grant_krw,status,agreement_status,paid_krw,days_to_first_money';
          const rows = page.items.map((p) =>
            csvLine([
              p.id,
              p.title,
              p.instrumentName,
              p.complexName,
              p.leadOrganisationName,
              p.startOn,
              p.endOn,
              p.approvedGrantKrw,
              p.status,
              p.agreementStatus,
              p.paidKrw,
              p.daysToFirstMoney,
            ]),
          );
          process.stdout.write([header, ...rows].join('\n') + '\n');
          return;
        }
        console.log(`${page.total} projects`);
        for (const p of page.items)
          console.log(
            `  ${p.id} ${p.title} [${p.instrumentName}, ${p.complexName ?? 'no complex'}] ${p.startOn}..${p.endOn} ${p.status}; agreement ${p.agreementStatus ?? 'none'}; paid ${krw(p.paidKrw)} of ${krw(p.approvedGrantKrw)}; days to first money ${p.daysToFirstMoney ?? 'n/a'}`,
          );
      });
    });

  withFilters(projects.command('burden'))
    .description(
      'Days to first money, reports and amendment rounds per project, paperwork hours, late payments',
    )
    .option('--as-of <date>', 'the day lateness is measured on (default today)')
    .option('--csv', 'one CSV row per project instead of the summary')
    .action(async (o: FilterOptions) => {
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, o.as);
        const burden = await createServices(db).burden.burden(ctx, filtersOf(o));
        process.stdout.write(o.csv ? burdenCsv(burden) : burdenText(burden));
      });
    });

  const payments = program.command('payments').description('Disbursements against schedule');
  withFilters(payments.command('aging'))
    .description('Instalments paid late or overdue, in bands of 0-30, 31-60, 61-90, >90 days')
    .option('--as-of <date>', 'the day lateness is measured on (default today)')
    .action(async (o: FilterOptions) => {
      await withDatabase(async ({ db }) => {
        const ctx = await cliContext(db, o.as);
        const aging = await createServices(db).burden.aging(ctx, filtersOf(o));
        process.stdout.write(agingText(aging));
      });
    });
}
