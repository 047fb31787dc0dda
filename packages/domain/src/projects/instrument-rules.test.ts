import { describe, expect, it } from 'vitest';
import {
  applicableFirmSize,
  checkProposal,
  exampleJointRdRules,
  formatKrw,
  formatShare,
  isFastTrack,
  reportDueDates,
  type ProposalBudgetLine,
  type ProposalForRules,
} from './instrument-rules.ts';

const sme = { name: 'Hanbit Parts', kind: 'company', size: 'sme' } as const;
const uni = { name: 'Changwon University', kind: 'university', size: null } as const;

function proposal(
  budget: ProposalBudgetLine[],
  extra: Partial<ProposalForRules> = {},
): ProposalForRules {
  return { lead: sme, partners: [], budget, ...extra };
}

const M = 1_000_000;

describe('formatting', () => {
  it('formats KRW with thousands separators and shares as whole percent', () => {
    expect(formatKrw(200 * M)).toBe('KRW 200,000,000');
    expect(formatKrw(999)).toBe('KRW 999');
    expect(formatShare(0.8213)).toBe('82%');
    expect(formatShare(0.7504, 0.75)).toBe('75.04%');
    expect(formatShare(0.754, 0.75)).toBe('75.4%');
  });
});

describe('checkProposal, one rule kind at a time', () => {
  it('passes a proposal within every rule', () => {
    const ok = proposal([
      { category: 'personnel', funder: 'public', amountKrw: 30 * M },
      { category: 'equipment', funder: 'public', amountKrw: 45 * M },
      { category: 'materials', funder: 'firm', amountKrw: 25 * M },
    ]);
    expect(checkProposal(exampleJointRdRules, ok)).toEqual([]);
  });

  it('public share by firm size: 82 of 100 million is 82%, over 75% for SMEs', () => {
    const v = checkProposal(
      exampleJointRdRules,
      proposal([
        { category: 'materials', funder: 'public', amountKrw: 82 * M },
        { category: 'materials', funder: 'firm', amountKrw: 18 * M },
      ]),
    );
    expect(v.map((x) => x.message)).toEqual([
      'public share 82% exceeds the 75% limit for SMEs',
      'firm share 18% is below the minimum of 20%',
    ]);
    expect(v[0]).toMatchObject({ code: 'public_share', value: 0.82, limit: 0.75, firmSize: 'sme' });
  });

  it('the largest participating firm sets the public share limit', () => {
    const p = proposal(
      [
        { category: 'materials', funder: 'public', amountKrw: 50 * M },
        { category: 'materials', funder: 'firm', amountKrw: 50 * M },
      ],
      { partners: [{ name: 'Doosan', kind: 'company', size: 'large' }] },
    );
    expect(applicableFirmSize(exampleJointRdRules, p)).toBe('large');
    expect(checkProposal(exampleJointRdRules, p).map((x) => x.message)).toEqual([
      'public share 50% exceeds the 33% limit for large firms',
    ]);
  });

  it('maximum grant', () => {
    const v = checkProposal(
      exampleJointRdRules,
      proposal([
        { category: 'equipment', funder: 'public', amountKrw: 210 * M },
        { category: 'equipment', funder: 'firm', amountKrw: 90 * M },
      ]),
    );
    expect(v.map((x) => x.message)).toEqual([
      'public grant KRW 210,000,000 exceeds the maximum of KRW 200,000,000',
    ]);
  });

  it('minimum total budget', () => {
    const v = checkProposal(
      exampleJointRdRules,
      proposal([
        { category: 'materials', funder: 'public', amountKrw: 6 * M },
        { category: 'materials', funder: 'firm', amountKrw: 2 * M },
      ]),
    );
    expect(v.map((x) => x.message)).toEqual([
      'total budget KRW 8,000,000 is below the minimum of KRW 10,000,000',
    ]);
  });

  it('minimum firm share, with extra precision when rounding would hide the shortfall', () => {
    // 19.6 of 100: rounds to 20%, which would read "20% is below the minimum of 20%".
    const v = checkProposal(
      { ...exampleJointRdRules, publicShareLimits: {} },
      proposal([
        { category: 'materials', funder: 'public', amountKrw: 80_400_000 },
        { category: 'materials', funder: 'firm', amountKrw: 19_600_000 },
      ]),
    );
    expect(v.map((x) => x.message)).toEqual(['firm share 19.6% is below the minimum of 20%']);
  });

  it('cost-category cap', () => {
    const v = checkProposal(
      exampleJointRdRules,
      proposal([
        { category: 'personnel', funder: 'public', amountKrw: 45 * M },
        { category: 'materials', funder: 'public', amountKrw: 25 * M },
        { category: 'materials', funder: 'firm', amountKrw: 30 * M },
      ]),
    );
    expect(v.map((x) => x.message)).toEqual([
      'personnel costs are 45% of the total, above the 40% cap',
    ]);
  });

  it('eligible lead and partner kinds', () => {
    const v = checkProposal(
      { ...exampleJointRdRules, eligiblePartnerKinds: ['company', 'research_institute'] },
      proposal(
        [
          { category: 'materials', funder: 'public', amountKrw: 60 * M },
          { category: 'materials', funder: 'firm', amountKrw: 40 * M },
        ],
        { lead: uni, partners: [sme, uni] },
      ),
    );
    expect(v.map((x) => x.message)).toEqual([
      'lead Changwon University is a university, which may not lead; eligible: company',
      'partner Changwon University is a university, which may not take part; eligible: company, research institute',
    ]);
  });

  it('an empty budget', () => {
    expect(checkProposal(exampleJointRdRules, proposal([])).map((x) => x.message)).toEqual([
      'the budget has no amounts',
    ]);
  });
});

describe('fast track and reporting schedule', () => {
  it('a public grant under the threshold goes without committee', () => {
    const small = proposal([{ category: 'materials', funder: 'public', amountKrw: 9_999_999 }]);
    const exact = proposal([{ category: 'materials', funder: 'public', amountKrw: 10 * M }]);
    expect(isFastTrack(exampleJointRdRules, small)).toBe(true);
    expect(isFastTrack(exampleJointRdRules, exact)).toBe(false);
  });

  it('annual reports on each anniversary, then a final report', () => {
    expect(reportDueDates({ kind: 'annual' }, '2024-03-01', '2026-08-31')).toEqual([
      '2025-03-01',
      '2026-03-01',
      '2026-08-31',
    ]);
    expect(reportDueDates({ kind: 'every_months', months: 1 }, '2024-01-31', '2024-04-15')).toEqual(
      ['2024-02-29', '2024-03-31', '2024-04-15'],
    );
    expect(reportDueDates({ kind: 'final_only' }, '2024-01-01', '2024-12-31')).toEqual([
      '2024-12-31',
    ]);
  });
});
