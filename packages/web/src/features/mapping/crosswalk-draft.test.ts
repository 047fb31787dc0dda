import { describe, expect, it } from 'vitest';
import {
  draftOf,
  isChanged,
  linksOf,
  matchesFilter,
  parseWeight,
  problemsByRow,
  weightSums,
  withRowNumbers,
  type LinkDraftRow,
} from './crosswalk-draft.ts';

const saved = [
  { fromIndustryId: 1, fromCode: '26', toIndustryId: 1, toCode: '26', weight: 0.6 },
  { fromIndustryId: 1, fromCode: '26', toIndustryId: 2, toCode: '27', weight: 0.4 },
  { fromIndustryId: 2, fromCode: '27', toIndustryId: 2, toCode: '27', weight: 1 },
];

const row = (key: number, from: string, to: string, weight: string): LinkDraftRow => ({
  key,
  from,
  to,
  weight,
});

describe('crosswalk link drafts', () => {
  it('starts from the saved links and sends them back unchanged', () => {
    const draft = draftOf({ links: saved, updatedAt: '2026-01-01T00:00:00Z' });
    expect(draft.rows.map((r) => [r.key, r.from, r.to, r.weight])).toEqual([
      [0, '26', '26', '0.6'],
      [1, '26', '27', '0.4'],
      [2, '27', '27', '1'],
    ]);
    expect(draft.nextKey).toBe(3);
    expect(draft.firstNewKey).toBe(3);
    expect(isChanged(draft.rows, saved)).toBe(false);
    expect(linksOf(draft.rows)).toEqual([
      { from: '26', to: '26', weight: 0.6 },
      { from: '26', to: '27', weight: 0.4 },
      { from: '27', to: '27', weight: 1 },
    ]);
  });

  it('notices a changed target, a removed row and a reordering', () => {
    const rows = draftOf({ links: saved, updatedAt: '' }).rows;
    expect(isChanged([{ ...rows[0]!, to: '28' }, rows[1]!, rows[2]!], saved)).toBe(true);
    expect(isChanged(rows.slice(0, 2), saved)).toBe(true);
    expect(isChanged([rows[1]!, rows[0]!, rows[2]!], saved)).toBe(true);
    // The same number typed differently is no change.
    expect(isChanged([{ ...rows[0]!, weight: ' 0.60 ' }, rows[1]!, rows[2]!], saved)).toBe(false);
  });

  it('reads weights as typed: decimal comma accepted, blank is not a number', () => {
    expect(parseWeight('0,25')).toBe(0.25);
    expect(parseWeight(' 1 ')).toBe(1);
    expect(Number.isNaN(parseWeight(''))).toBe(true);
    expect(Number.isNaN(parseWeight('half'))).toBe(true);
  });

  it('pins service and schema errors to the rows that were sent, by key', () => {
    // Rows 10, 11, 12 were sent as links 0, 1, 2.
    const { byRow, general } = problemsByRow(
      [
        { field: 'body.links[1].to', message: 'no industry 99 in classification 1' },
        { field: 'body.links[2]', message: 'repeats links[0] (26 -> 26)' },
        { field: 'body.links[0].weight', message: 'weights of 26 (links 0, 1) sum to 0.9, not 1' },
        { field: 'body.links.2.weight', message: 'Number must be greater than 0' },
        { field: 'body.links[1].to', message: 'second' },
        { field: 'body.links', message: 'Array must contain at least 1 element(s)' },
        { field: 'body.name', message: 'Required' },
        { field: 'body.links[7].from', message: 'out of range' },
      ],
      [10, 11, 12],
    );
    expect(byRow.get(11)).toEqual({ to: 'no industry 99 in classification 1; second' });
    expect(byRow.get(12)).toEqual({
      row: 'repeats links[0] (26 -> 26)',
      weight: 'Number must be greater than 0',
    });
    expect(byRow.get(10)).toEqual({ weight: 'weights of 26 (links 0, 1) sum to 0.9, not 1' });
    expect(general.map((e) => e.field)).toEqual(['body.links', 'body.name', 'body.links[7].from']);
  });

  it('sums the weights of each from code against the server tolerance', () => {
    const sums = weightSums([
      row(0, '26', '26', '0.6'),
      row(1, '26', '27', '0.3'),
      row(2, '27', '27', '0.3333335'),
      row(3, '27', '28', '0.6666666'),
      row(4, '28', '28', ''),
      row(5, '', '28', '1'),
    ]);
    expect(sums.get('26')?.balanced).toBe(false);
    expect(sums.get('26')?.sum).toBeCloseTo(0.9, 12);
    // 0.3333335 + 0.6666666 = 1.0000001: within 1e-6.
    expect(sums.get('27')?.balanced).toBe(true);
    expect(sums.has('28')).toBe(false);
    expect(sums.size).toBe(2);
  });

  it('filters rows by either code, ignoring case', () => {
    expect(matchesFilter(row(0, 'C26', 'C27', '1'), 'c27')).toBe(true);
    expect(matchesFilter(row(0, 'C26', 'C27', '1'), '28')).toBe(false);
    expect(matchesFilter(row(0, 'C26', 'C27', '1'), '  ')).toBe(true);
  });

  it('renumbers the 0-based link references of the service as 1-based rows', () => {
    expect(withRowNumbers('repeats links[0] (26 -> 26)', 'row', 'rows')).toBe(
      'repeats row 1 (26 -> 26)',
    );
    expect(withRowNumbers('weights of 26 (links 0, 1, 9) sum to 0.9, not 1', '행', '행')).toBe(
      'weights of 26 (행 1, 2, 10) sum to 0.9, not 1',
    );
    expect(withRowNumbers('no industry 99 in classification 1', 'row', 'rows')).toBe(
      'no industry 99 in classification 1',
    );
  });
});
