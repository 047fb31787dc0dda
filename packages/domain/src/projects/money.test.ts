import { describe, expect, it } from 'vitest';
import {
  agePayments,
  agingBucketOf,
  daysToFirstDisbursement,
  summariseDaysByGroup,
} from './money.ts';

const M = 1_000_000;

describe('agePayments', () => {
  const schedule = [
    { projectId: 'A', dueDate: '2025-01-15', amountKrw: 50 * M },
    { projectId: 'A', dueDate: '2025-04-15', amountKrw: 30 * M },
    { projectId: 'A', dueDate: '2025-07-15', amountKrw: 20 * M },
    { projectId: 'B', dueDate: '2025-06-01', amountKrw: 40 * M },
    { projectId: 'B', dueDate: '2025-06-15', amountKrw: 10 * M },
    { projectId: 'C', dueDate: '2025-08-01', amountKrw: 5 * M },
  ];
  const payments = [
    { projectId: 'A', paidDate: '2025-06-20', amountKrw: 10 * M },
    { projectId: 'A', paidDate: '2025-06-03', amountKrw: 50 * M },
    { projectId: 'B', paidDate: '2025-07-10', amountKrw: 40 * M },
    { projectId: 'B', paidDate: '2025-08-05', amountKrw: 10 * M },
  ];
  const aging = agePayments(schedule, payments, '2025-07-31');

  it('settles instalments first in, first out and counts days late by hand', () => {
    expect(
      aging.instalments.map((s) => [
        s.projectId,
        s.dueDate,
        s.paidKrw / M,
        s.settledOn,
        s.daysLate,
      ]),
    ).toEqual([
      // 15 Jan → 3 Jun: 16 + 28 + 31 + 30 + 31 + 3 = 139 days.
      ['A', '2025-01-15', 50, '2025-06-03', 139],
      // 10 of 30 paid; open 15 Apr → 31 Jul: 15 + 31 + 30 + 31 = 107 days.
      ['A', '2025-04-15', 10, null, 107],
      ['A', '2025-07-15', 0, null, 16],
      // 1 Jun → 10 Jul: 29 + 10 = 39 days.
      ['B', '2025-06-01', 40, '2025-07-10', 39],
      // The 5 Aug payment is after the as-of date: open 15 Jun → 31 Jul = 46 days.
      ['B', '2025-06-15', 0, null, 46],
      ['C', '2025-08-01', 0, null, 0],
    ]);
  });

  it('buckets outstanding and paid-late money', () => {
    expect(aging.outstanding).toEqual([
      { label: '0-30', instalments: 1, amountKrw: 20 * M },
      { label: '31-60', instalments: 1, amountKrw: 10 * M },
      { label: '61-90', instalments: 0, amountKrw: 0 },
      { label: '>90', instalments: 1, amountKrw: 20 * M },
    ]);
    expect(aging.paidLate).toEqual([
      { label: '0-30', instalments: 0, amountKrw: 0 },
      { label: '31-60', instalments: 1, amountKrw: 40 * M },
      { label: '61-90', instalments: 0, amountKrw: 0 },
      { label: '>90', instalments: 1, amountKrw: 50 * M },
    ]);
  });

  it('band edges', () => {
    expect([1, 30, 31, 60, 61, 90, 91].map(agingBucketOf)).toEqual([
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '>90',
    ]);
  });
});

describe('days to first disbursement', () => {
  it('counts from the official start (1 Jan → 3 Jun 2025 is 153 days)', () => {
    expect(
      daysToFirstDisbursement('2025-01-01', [
        { paidDate: '2025-06-20', amountKrw: 1 },
        { paidDate: '2025-06-03', amountKrw: 1 },
      ]),
    ).toBe(153);
    expect(daysToFirstDisbursement('2025-01-01', [])).toBeNull();
  });

  it('summarises per group', () => {
    expect(
      summariseDaysByGroup([
        { group: 'rd', days: 153 },
        { group: 'mk', days: 60 },
        { group: 'rd', days: 40 },
        { group: 'mk', days: 10 },
        { group: 'rd', days: null },
        { group: 'mk', days: 20 },
      ]),
    ).toEqual([
      { group: 'mk', projects: 3, withPayment: 3, meanDays: 30, medianDays: 20, maxDays: 60 },
      { group: 'rd', projects: 3, withPayment: 2, meanDays: 96.5, medianDays: 96.5, maxDays: 153 },
    ]);
  });
});
