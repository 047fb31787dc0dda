import type {
  AgingGroup,
  BurdenGroup,
  BurdenMetric,
  BurdenProject,
  BurdenQuery,
  BurdenResponse,
  LateInstalment,
  PaymentAgingDto,
} from '@innocluster/contracts';
import {
  agePayments,
  agingBucketOf,
  daysToFirstDisbursement,
  summariseDaysByGroup,
  type AgingBucketLabel,
  type InstalmentStatus,
} from '@innocluster/domain';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { denied } from '../registry/registry.service.ts';
import {
  agreementAmendmentCounts,
  allProjects,
  listDisbursements,
  listReports,
  type DisbursementRecord,
  type ProjectFilters,
  type ProjectRecord,
  type ProjectScope,
  type ReportRecord,
} from './delivery.repository.ts';
import { DeliveryService, todayIso } from './delivery.service.ts';

/**
 * The burden the programme puts on funded teams (DOMAIN.md, "What went wrong": grants five
 * months late; reports four times a year with rounds of amendments), measured from the
 * delivery tables. The definitions below are the only ones: the burden dashboard, the CLI and
 * the evaluation indicators (issue 7) all call `deliveryBurden` / `computeBurden`.
 */
export const burdenDefinitions = {
  projects: {
    unit: 'projects',
    definition: 'Funded projects matching the filters (year = the year the project starts).',
  },
  daysToFirstMoney: {
    unit: 'days',
    definition:
      "Calendar days from the project's official start (project.start_on) to the first disbursement paid with an amount above 0 (disbursement.paid_on); negative when money came before the start; projects with nothing paid yet have no value and are counted apart.",
  },
  medianDaysToFirstMoney: {
    unit: 'days',
    definition:
      'Median of days to first money over projects with a payment (mean of the two middle values for an even count; Hyndman & Fan 1996, definition 7).',
  },
  meanDaysToFirstMoney: {
    unit: 'days',
    definition: 'Arithmetic mean of days to first money over projects with a payment.',
  },
  projectsAwaitingMoney: {
    unit: 'projects',
    definition:
      'Projects that have started (start on or before the as-of date) with nothing paid yet.',
  },
  reportsPerProject: {
    unit: 'reports per project',
    definition:
      'Reports asked of a project so far: due on or before the as-of date or already submitted, waived ones excluded; averaged over projects.',
  },
  amendmentRounds: {
    unit: 'rounds',
    definition:
      'Times an officer sent a submitted report back for amendment (report action request_amendment), summed over the reports.',
  },
  amendmentRoundsPerProject: {
    unit: 'rounds per project',
    definition: 'Amendment rounds of all reports divided by the number of projects.',
  },
  agreementAmendments: {
    unit: 'amendments',
    definition: 'Amendments proposed to signed agreements (agreement action propose_amendment).',
  },
  paperworkHoursPerReport: {
    unit: 'hours per report',
    definition:
      'Hours teams say they spent writing reports (all rounds), averaged over the reports where hours were given; reports without hours are left out.',
  },
  lateInstalments: {
    unit: 'instalments',
    definition:
      'Instalments of signed agreements paid after their scheduled date, or still unpaid after it as of the as-of date (payments matched to instalments first in, first out; domain money.ts agePayments).',
  },
  lateInstalmentShare: {
    unit: '%',
    definition:
      'Late instalments as a share of the instalments scheduled on or before the as-of date.',
  },
  outstandingLateKrw: {
    unit: 'KRW',
    definition: 'Money scheduled before the as-of date and still unpaid.',
  },
} as const satisfies Record<string, { unit: string; definition: string }>;

type DefinitionKey = keyof typeof burdenDefinitions;

const metric = (key: DefinitionKey, label: string, value: number | null): BurdenMetric => ({
  key,
  label,
  value,
  unit: burdenDefinitions[key].unit,
  definition: burdenDefinitions[key].definition,
});

/** What burden figures are computed from: one row per project with its money and reports. */
export interface BurdenInput {
  projects: readonly {
    id: number;
    title: string;
    instrument: string;
    complex: string;
    startOn: string;
    agreementSigned: boolean;
    agreementAmendments: number;
  }[];
  instalments: readonly {
    id: number;
    projectId: number;
    seq: number;
    scheduledOn: string;
    amountKrw: number;
    status: string;
    paidOn: string | null;
    paidAmountKrw: number | null;
  }[];
  reports: readonly {
    projectId: number;
    status: string;
    dueOn: string;
    submittedOn: string | null;
    amendmentRounds: number;
    paperworkHours: number | null;
  }[];
}

const round = (v: number | null, digits = 2): number | null =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/**
 * Matches payments to the schedules of signed agreements as of `asOf` (domain agePayments):
 * cancelled instalments are not owed; payments are the paid instalments' amounts on their days.
 */
export function ageInstalments(
  input: Pick<BurdenInput, 'projects' | 'instalments'>,
  asOf: string,
): { status: InstalmentStatus; instalment: BurdenInput['instalments'][number] }[] {
  const signed = new Set(input.projects.filter((p) => p.agreementSigned).map((p) => p.id));
  const owed = input.instalments.filter((i) => signed.has(i.projectId) && i.status !== 'cancelled');
  const payments = input.instalments
    .filter((i) => i.status === 'paid' && i.paidOn !== null && (i.paidAmountKrw ?? 0) > 0)
    .map((i) => ({
      projectId: String(i.projectId),
      paidDate: i.paidOn as string,
      amountKrw: i.paidAmountKrw as number,
    }));
  const aging = agePayments(
    owed.map((i) => ({
      projectId: String(i.projectId),
      dueDate: i.scheduledOn,
      amountKrw: i.amountKrw,
    })),
    payments,
    asOf,
  );
  return aging.instalments.map((status, k) => ({ status, instalment: owed[k]! }));
}

const labels: readonly AgingBucketLabel[] = ['0-30', '31-60', '61-90', '>90'];

/** Aging buckets of a set of instalment statuses, as money.ts bands them. */
export function agingGroupOf(
  key: string,
  label: string,
  statuses: readonly InstalmentStatus[],
): AgingGroup {
  const outstanding = labels.map((l) => ({ label: l, instalments: 0, amountKrw: 0 }));
  const paidLate = labels.map((l) => ({ label: l, instalments: 0, amountKrw: 0 }));
  let late = 0;
  let outstandingKrw = 0;
  for (const s of statuses) {
    if (s.daysLate <= 0) continue;
    late += 1;
    const band = labels.indexOf(agingBucketOf(s.daysLate));
    const target = (s.settledOn === null ? outstanding : paidLate)[band]!;
    target.instalments += 1;
    target.amountKrw += s.settledOn === null ? s.outstandingKrw : s.amountKrw;
    if (s.settledOn === null) outstandingKrw += s.outstandingKrw;
  }
  return { key, label, outstanding, paidLate, lateInstalments: late, outstandingKrw };
}

/**
 * Every burden figure from its rows, as of a day. Pure: the API, the CLI and the evaluation
 * indicators share it, and tests check it against hand-computed numbers.
 */
export function computeBurden(
  input: BurdenInput,
  asOf: string,
): Omit<BurdenResponse, 'filters' | 'asOf'> {
  const aged = ageInstalments(input, asOf);
  const perProject: BurdenProject[] = input.projects.map((p) => {
    const paid = input.instalments
      .filter(
        (i) => i.projectId === p.id && i.status === 'paid' && i.paidOn !== null && i.paidOn <= asOf,
      )
      .map((i) => ({ paidDate: i.paidOn as string, amountKrw: i.paidAmountKrw ?? 0 }));
    const days = daysToFirstDisbursement(p.startOn, paid);
    const firstPaidOn =
      days === null
        ? null
        : paid
            .filter((x) => x.amountKrw > 0)
            .map((x) => x.paidDate)
            .sort()[0]!;
    const reports = input.reports.filter(
      (r) =>
        r.projectId === p.id &&
        r.status !== 'waived' &&
        (r.dueOn <= asOf || r.submittedOn !== null),
    );
    const hours = input.reports.filter((r) => r.projectId === p.id && r.paperworkHours !== null);
    const mine = aged.filter((a) => a.instalment.projectId === p.id && a.status.daysLate > 0);
    return {
      projectId: p.id,
      title: p.title,
      instrument: p.instrument,
      complex: p.complex,
      startOn: p.startOn,
      firstPaidOn,
      daysToFirstMoney: days,
      reports: reports.length,
      amendmentRounds: input.reports
        .filter((r) => r.projectId === p.id)
        .reduce((a, r) => a + r.amendmentRounds, 0),
      agreementAmendments: p.agreementAmendments,
      paperworkHours: hours.length ? hours.reduce((a, r) => a + (r.paperworkHours ?? 0), 0) : null,
      lateInstalments: mine.length,
      maxDaysLate: mine.reduce((m, a) => Math.max(m, a.status.daysLate), 0),
    };
  });
  const n = perProject.length;
  const withDays = perProject.map((p) => ({ group: 'all', days: p.daysToFirstMoney }));
  const overall = summariseDaysByGroup(withDays)[0] ?? {
    group: 'all',
    projects: 0,
    withPayment: 0,
    meanDays: null,
    medianDays: null,
    maxDays: null,
  };
  const byInstrumentDays = summariseDaysByGroup(
    perProject.map((p) => ({ group: p.instrument, days: p.daysToFirstMoney })),
  );
  const byComplexDays = summariseDaysByGroup(
    perProject.map((p) => ({ group: p.complex, days: p.daysToFirstMoney })),
  );
  // 30-day bins covering every value, empty bins included so the histogram reads true.
  const values = perProject.map((p) => p.daysToFirstMoney).filter((d): d is number => d !== null);
  const histogram: BurdenResponse['daysToFirstMoney']['histogram'] = [];
  if (values.length) {
    const lo = Math.floor(Math.min(...values) / 30);
    const hi = Math.floor(Math.max(...values) / 30);
    for (let b = lo; b <= hi; b++)
      histogram.push({
        fromDays: b * 30,
        toDays: b * 30 + 29,
        projects: values.filter((v) => Math.floor(v / 30) === b).length,
      });
  }
  const groupOf = (key: (p: BurdenProject) => string): BurdenGroup[] => {
    const groups = new Map<string, BurdenProject[]>();
    for (const p of perProject) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
    return [...groups]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, ps]) => {
        const rounds = ps.reduce((a, p) => a + p.amendmentRounds, 0);
        const hours = ps.filter((p) => p.paperworkHours !== null);
        return {
          group,
          projects: ps.length,
          reports: ps.reduce((a, p) => a + p.reports, 0),
          amendmentRounds: rounds,
          meanAmendmentRoundsPerProject: round(rounds / ps.length),
          paperworkHours: hours.length
            ? hours.reduce((a, p) => a + (p.paperworkHours ?? 0), 0)
            : null,
          lateInstalments: ps.reduce((a, p) => a + p.lateInstalments, 0),
        };
      });
  };
  const totalReports = perProject.reduce((a, p) => a + p.reports, 0);
  const totalRounds = perProject.reduce((a, p) => a + p.amendmentRounds, 0);
  const hourReports = input.reports.filter(
    (r) => r.paperworkHours !== null && input.projects.some((p) => p.id === r.projectId),
  );
  const dueSoFar = aged.filter((a) => a.status.dueDate <= asOf).length;
  const late = aged.filter((a) => a.status.daysLate > 0);
  const outstandingLate = late
    .filter((a) => a.status.settledOn === null)
    .reduce((s, a) => s + a.status.outstandingKrw, 0);
  const started = perProject.filter((p) => p.startOn <= asOf);
  const metrics: BurdenMetric[] = [
    metric('projects', 'Projects', n),
    metric('medianDaysToFirstMoney', 'Median days to first money', overall.medianDays),
    metric('meanDaysToFirstMoney', 'Mean days to first money', round(overall.meanDays, 1)),
    metric(
      'projectsAwaitingMoney',
      'Started projects without money',
      started.filter((p) => p.daysToFirstMoney === null).length,
    ),
    metric('reportsPerProject', 'Reports per project', n ? round(totalReports / n) : null),
    metric('amendmentRounds', 'Amendment rounds', totalRounds),
    metric(
      'amendmentRoundsPerProject',
      'Amendment rounds per project',
      n ? round(totalRounds / n) : null,
    ),
    metric(
      'agreementAmendments',
      'Agreement amendments',
      perProject.reduce((a, p) => a + p.agreementAmendments, 0),
    ),
    metric(
      'paperworkHoursPerReport',
      'Paperwork hours per report',
      hourReports.length
        ? round(
            hourReports.reduce((a, r) => a + (r.paperworkHours ?? 0), 0) / hourReports.length,
            1,
          )
        : null,
    ),
    metric('lateInstalments', 'Late instalments', late.length),
    metric(
      'lateInstalmentShare',
      'Share of instalments late',
      dueSoFar ? round((100 * late.length) / dueSoFar, 1) : null,
    ),
    metric('outstandingLateKrw', 'Overdue money', outstandingLate),
  ];
  return {
    metrics,
    daysToFirstMoney: {
      overall,
      byInstrument: byInstrumentDays,
      byComplex: byComplexDays,
      histogram,
    },
    byInstrument: groupOf((p) => p.instrument),
    byComplex: groupOf((p) => p.complex),
    projects: perProject,
    definitions: Object.entries(burdenDefinitions).map(([key, d]) => ({ key, ...d })),
  };
}

const noComplex = '(no complex)';

function inputOf(
  projects: ProjectRecord[],
  disbursements: DisbursementRecord[],
  reports: ReportRecord[],
  amendments: Map<number, number>,
): BurdenInput {
  return {
    projects: projects.map((p) => ({
      id: p.id,
      title: p.title,
      instrument: p.instrumentName,
      complex: p.complexName ?? noComplex,
      startOn: p.startOn,
      agreementSigned:
        p.agreementStatus === 'signed' ||
        p.agreementStatus === 'amendment_proposed' ||
        p.agreementStatus === 'closed',
      agreementAmendments: amendments.get(p.id) ?? 0,
    })),
    instalments: disbursements,
    reports,
  };
}

/**
 * The burden figures and the payment aging for the projects within a scope. `deliveryBurden`
 * needs no request context so the evaluation indicators (issue 7) can call it with their own
 * scope; the methods taking a context check the caller's read permission first.
 */
export class BurdenService {
  private readonly delivery: DeliveryService;

  constructor(private readonly db: Db) {
    this.delivery = new DeliveryService(db);
  }

  private async rows(filters: ProjectFilters, scope: ProjectScope | 'all') {
    const projects = await allProjects(this.db, filters, scope);
    const ids = projects.map((p) => p.id);
    const disbursements = await listDisbursements(this.db, { projectIds: ids });
    const reports = await listReports(this.db, ids);
    return {
      projects,
      input: inputOf(
        projects,
        disbursements,
        reports,
        await agreementAmendmentCounts(this.db, ids),
      ),
    };
  }

  /** Burden figures for projects matching the filters (no permission check: callers scope it). */
  async deliveryBurden(
    filters: Omit<BurdenQuery, 'asOf'>,
    options: { asOf?: string; scope?: ProjectScope | 'all' } = {},
  ): Promise<BurdenResponse> {
    const asOf = options.asOf ?? todayIso();
    const { input } = await this.rows(filters, options.scope ?? 'all');
    return {
      asOf,
      filters: {
        programmeId: filters.programmeId ?? null,
        callId: filters.callId ?? null,
        complexId: filters.complexId ?? null,
        year: filters.year ?? null,
      },
      ...computeBurden(input, asOf),
    };
  }

  async burden(ctx: RequestContext, query: BurdenQuery): Promise<BurdenResponse> {
    const scope = this.delivery.scopeFor(ctx);
    if (scope === null) throw denied(ctx, 'read', 'burden dashboard');
    const { asOf, ...filters } = query;
    return this.deliveryBurden(filters, { scope, ...(asOf ? { asOf } : {}) });
  }

  /** Late payments against schedule, in 30-day bands, in all and by project, instrument, complex. */
  async aging(ctx: RequestContext, query: BurdenQuery): Promise<PaymentAgingDto> {
    const scope = this.delivery.scopeFor(ctx);
    if (scope === null) throw denied(ctx, 'read', 'payment aging');
    const { asOf: given, ...filters } = query;
    const asOf = given ?? todayIso();
    const { projects, input } = await this.rows(filters, scope);
    const aged = ageInstalments(input, asOf);
    const byProjectId = new Map(projects.map((p) => [p.id, p]));
    const group = (keyOf: (p: ProjectRecord) => [string, string]): AgingGroup[] => {
      const groups = new Map<string, { label: string; statuses: InstalmentStatus[] }>();
      for (const a of aged) {
        const p = byProjectId.get(a.instalment.projectId);
        if (!p) continue;
        const [key, label] = keyOf(p);
        const g = groups.get(key) ?? { label, statuses: [] };
        g.statuses.push(a.status);
        groups.set(key, g);
      }
      return [...groups]
        .map(([key, g]) => agingGroupOf(key, g.label, g.statuses))
        .filter((g) => g.lateInstalments > 0)
        .sort((a, b) => b.outstandingKrw - a.outstandingKrw || a.label.localeCompare(b.label));
    };
    const late: LateInstalment[] = aged
      .filter((a) => a.status.daysLate > 0)
      .map((a) => ({
        disbursementId: a.instalment.id,
        projectId: a.instalment.projectId,
        projectTitle: byProjectId.get(a.instalment.projectId)?.title ?? '',
        seq: a.instalment.seq,
        scheduledOn: a.instalment.scheduledOn,
        amountKrw: a.instalment.amountKrw,
        paidKrw: a.status.paidKrw,
        settledOn: a.status.settledOn,
        daysLate: a.status.daysLate,
        bucket: agingBucketOf(a.status.daysLate),
      }))
      .sort((a, b) => b.daysLate - a.daysLate || a.disbursementId - b.disbursementId);
    return {
      asOf,
      definition: `${burdenDefinitions.lateInstalments.definition} Bands are days late: 1-30, 31-60, 61-90, more than 90. Outstanding = still unpaid (amount unpaid); paid late = settled after the scheduled date (amount of the instalment).`,
      total: agingGroupOf(
        'all',
        'All projects',
        aged.map((a) => a.status),
      ),
      byProject: group((p) => [String(p.id), p.title]),
      byInstrument: group((p) => [String(p.instrumentId), p.instrumentName]),
      byComplex: group((p) => [String(p.complexId ?? 0), p.complexName ?? noComplex]),
      late,
    };
  }
}
