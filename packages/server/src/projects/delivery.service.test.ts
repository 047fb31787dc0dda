import { describe, expect, it } from 'vitest';
import { computeBurden } from './burden.service.ts';
import { checkAgreementMoney, plannedReports, reportingScheduleOf } from './delivery.service.ts';

describe('planned reports', () => {
  it('follows a six-monthly schedule from the 31st, clamping to month ends, then a final report', () => {
    expect(plannedReports({ kind: 'every_months', months: 6 }, '2024-01-31', '2025-06-30')).toEqual(
      [
        {
          kind: 'periodic',
          periodStart: '2024-01-31',
          periodEnd: '2024-07-31',
          dueOn: '2024-07-31',
        },
        {
          kind: 'periodic',
          periodStart: '2024-08-01',
          periodEnd: '2025-01-31',
          dueOn: '2025-01-31',
        },
        { kind: 'final', periodStart: '2025-02-01', periodEnd: '2025-06-30', dueOn: '2025-06-30' },
      ],
    );
  });

  it('asks one final report when the instrument says so, annual reports when it says nothing', () => {
    expect(plannedReports({ kind: 'final_only' }, '2024-03-01', '2025-02-28')).toEqual([
      { kind: 'final', periodStart: '2024-03-01', periodEnd: '2025-02-28', dueOn: '2025-02-28' },
    ]);
    expect(reportingScheduleOf({})).toEqual({ kind: 'annual' });
    expect(reportingScheduleOf({ reportingSchedule: { kind: 'every_months', months: 0 } })).toEqual(
      { kind: 'annual' },
    );
  });
});

describe('agreement money', () => {
  const project = { startOn: '2024-03-01', endOn: '2024-12-31' };

  it('accepts advances up to 90 days before the start and names every other problem', () => {
    // 2024-03-01 minus 90 days is 2023-12-02.
    expect(
      checkAgreementMoney(100, undefined, [{ scheduledOn: '2023-12-02', amountKrw: 100 }], project),
    ).toEqual([]);
    expect(
      checkAgreementMoney(
        100,
        [{ funder: 'public', amountKrw: 90 }],
        [
          { scheduledOn: '2024-06-01', amountKrw: 70 },
          { scheduledOn: '2023-12-01', amountKrw: 40 },
        ],
        project,
      ),
    ).toEqual([
      {
        field: 'body.schedule',
        message: 'instalments add up to KRW 110 but the approved grant is KRW 100 (over by KRW 10)',
      },
      {
        field: 'body.schedule.1.scheduledOn',
        message:
          'instalment 2 on 2023-12-01 is outside the project (2024-03-01 to 2024-12-31, advances up to 90 days before the start)',
      },
      {
        field: 'body.schedule.1.scheduledOn',
        message: 'instalment 2 is dated before instalment 1; list instalments in date order',
      },
      {
        field: 'body.approvedBudget',
        message: 'public budget lines add up to KRW 90 but the approved grant is KRW 100',
      },
    ]);
  });
});

describe('burden figures', () => {
  it('bins money paid before the start below zero and counts only reports asked so far', () => {
    const out = computeBurden(
      {
        projects: [
          {
            id: 1,
            title: 'Early',
            instrument: 'A',
            complex: 'X',
            startOn: '2024-03-01',
            agreementSigned: true,
            agreementAmendments: 0,
          },
        ],
        instalments: [
          {
            id: 10,
            projectId: 1,
            seq: 1,
            scheduledOn: '2024-02-20',
            amountKrw: 50,
            status: 'paid',
            paidOn: '2024-02-20',
            paidAmountKrw: 50,
          },
          {
            id: 11,
            projectId: 1,
            seq: 2,
            scheduledOn: '2024-06-01',
            amountKrw: 50,
            status: 'scheduled',
            paidOn: null,
            paidAmountKrw: null,
          },
        ],
        reports: [
          r('accepted', '2024-05-31', '2024-05-20', 1, 3),
          r('waived', '2024-06-30', null, 0, null),
          r('due', '2024-12-31', null, 0, null),
          r('submitted', '2025-03-01', '2024-06-10', 0, 1.5),
        ],
      },
      '2024-06-15',
    );
    // Paid 2024-02-20, ten days before the 2024-03-01 start (February 2024 has 29 days).
    expect(out.projects[0]).toMatchObject({
      daysToFirstMoney: -10,
      reports: 2,
      amendmentRounds: 1,
      paperworkHours: 4.5,
      lateInstalments: 1,
      maxDaysLate: 14,
    });
    expect(out.daysToFirstMoney.histogram).toEqual([{ fromDays: -30, toDays: -1, projects: 1 }]);
    const m = Object.fromEntries(out.metrics.map((x) => [x.key, x.value]));
    expect(m.paperworkHoursPerReport).toBe(2.3);
    expect(m.outstandingLateKrw).toBe(50);
    expect(m.lateInstalmentShare).toBe(50);
  });
});

function r(
  status: string,
  dueOn: string,
  submittedOn: string | null,
  amendmentRounds: number,
  paperworkHours: number | null,
) {
  return { projectId: 1, status, dueOn, submittedOn, amendmentRounds, paperworkHours };
}
