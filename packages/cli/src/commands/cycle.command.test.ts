import { AppError } from '@innocluster/server';
import { describe, expect, it } from 'vitest';
import { errorText, idArgument, stepRequestOf } from './cycle.command.ts';

describe('stepRequestOf', () => {
  it('maps a payment with its day and amount', () => {
    expect(
      stepRequestOf('disbursement', ' pay ', { paidOn: '2024-05-02', amount: '69000000' }),
    ).toEqual({ action: 'pay', onDate: '2024-05-02', paidAmountKrw: 69_000_000 });
  });
  it('maps a report submission with its hours and a reason', () => {
    expect(stepRequestOf('report', 'submit', { hours: '7.5', reason: 'late data' })).toEqual({
      action: 'submit',
      reason: 'late data',
      paperworkHours: 7.5,
    });
  });
  it('refuses options the entity does not take, and bad values, naming the option', () => {
    expect(() => stepRequestOf('intake', 'open', { amount: '5' })).toThrow(
      '--amount applies to disbursements only',
    );
    expect(() => stepRequestOf('delivery', 'close', { hours: '1' })).toThrow(
      '--hours applies to reports only',
    );
    expect(() => stepRequestOf('disbursement', 'pay', { amount: '1.5' })).toThrow(
      '--amount must be a positive whole number of KRW (got 1.5)',
    );
    expect(() => stepRequestOf('disbursement', 'pay', { paidOn: '2024-5-2' })).toThrow(
      '--paid-on must be a date YYYY-MM-DD (got 2024-5-2)',
    );
    expect(() => idArgument('x', 'projectId')).toThrow('projectId must be a positive whole number');
  });
});

describe('errorText', () => {
  it('lists the allowed steps of a refused transition', () => {
    const error = Object.assign(
      new AppError(409, 'Transition not allowed', 'agreement: sign is not possible from draft'),
      {
        allowed: [
          { action: 'offer', to: 'offered', roles: ['admin', 'officer'], reasonRequired: false },
          { action: 'cancel', to: 'cancelled', roles: ['officer'], reasonRequired: true },
        ],
      },
    );
    expect(errorText(error)).toBe(
      [
        'Transition not allowed: agreement: sign is not possible from draft',
        'Allowed steps:',
        '  offer -> offered (admin, officer)',
        '  cancel -> cancelled (officer), needs --reason',
      ].join('\n'),
    );
  });
  it('lists the field errors of a 400', () => {
    const error = new AppError(400, 'Validation failed', 'bad schedule', [
      { field: 'body.schedule', message: 'adds up to KRW 90,000,000, not KRW 100,000,000' },
    ]);
    expect(errorText(error)).toBe(
      'Validation failed: bad schedule\n  body.schedule: adds up to KRW 90,000,000, not KRW 100,000,000',
    );
  });
});
