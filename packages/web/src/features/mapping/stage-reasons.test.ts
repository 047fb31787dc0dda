import {
  assessLifeCycleStage,
  describeLifeCycleReason,
  type ClusterYear,
} from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import { dictionaries, type MessageKey } from '../../app/i18n-dictionary.ts';
import { fillTemplate, formatStageReason, formatStageReasons } from './stage-reasons.ts';

const en = (key: MessageKey) => dictionaries.en[key];
const ko = (key: MessageKey) => dictionaries.ko[key];

function years(employment: number[], lq: number[], establishments?: number[]): ClusterYear[] {
  return employment.map((e, k) => ({
    year: 2020 + k,
    employment: e,
    locationQuotient: lq[k] ?? null,
    ...(establishments ? { establishments: establishments[k] ?? 0 } : {}),
  }));
}

// One trajectory per branch of the rule: growing (employment and LQ trend), declining (both
// ways), emerging (from zero and not specialised), mature, and too short.
const cases: ClusterYear[][] = [
  years([1000, 1100, 1210], [1.5, 1.5, 1.5]),
  years([1000, 1000, 1000], [1.0, 1.1, 1.2]),
  years([1000, 900, 810], [2, 2, 2]),
  years([1000, 1000, 1000], [1.5, 1.4, 1.3], [100, 90, 81]),
  years([100, 110, 121], [0.5, 0.55, 0.6]),
  years([0, 20, 50], [0.2, 0.2, 0.4]),
  years([1000, 1005, 1010], [1.8, 1.79, 1.8]),
  years([10], [1]),
];

describe('life-cycle reasons in the interface language', () => {
  it('words every reason in English as the server does (period dash aside)', () => {
    for (const trajectory of cases) {
      for (const reason of assessLifeCycleStage(trajectory).reasonCodes) {
        expect(formatStageReason(reason, en, 'en-GB').replace('–', '-')).toBe(
          describeLifeCycleReason(reason),
        );
      }
    }
  });

  it('words the reasons in Korean with the same numbers', () => {
    const growing = assessLifeCycleStage(cases[0]!).reasonCodes;
    // CAGR (1210/1000)^(1/2) - 1 = 10.0% a year, threshold 2.0%; LQ 1.50 against 1.
    expect(formatStageReasons(growing, ko, 'ko-KR')).toBe(
      'LQ 1.50, 기준 1 이상; 2020–2022 고용 연평균 10.0% 증가, 기준 2.0% 이상',
    );
    const declining = assessLifeCycleStage(cases[3]!).reasonCodes;
    expect(formatStageReasons(declining, ko, 'ko-KR')).toBe(
      'LQ 연 0.100 하락(추세 기준 0.02); 사업체 수 연평균 10.0% 감소',
    );
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{a} and {b}', { a: 'x' })).toBe('x and {b}');
  });
});
