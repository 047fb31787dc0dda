import { describe, expect, it } from 'vitest';
import { parseCrosswalkLinks } from './crosswalk-links.ts';

describe('parseCrosswalkLinks', () => {
  it('reads links after a header, with an empty weight as 1, and numbers the lines', () => {
    const text = 'from,to,weight\nC10,C10,\n\nC26;C26;0.25\nC26\tC27\t0.75\n';
    expect(parseCrosswalkLinks(text)).toEqual({
      links: [
        { from: 'C10', to: 'C10', weight: 1 },
        { from: 'C26', to: 'C26', weight: 0.25 },
        { from: 'C26', to: 'C27', weight: 0.75 },
      ],
      problems: [],
      rows: [2, 4, 5],
    });
  });

  it('names the line and the field of every bad line', () => {
    const { links, problems } = parseCrosswalkLinks('C10,C11,half\n,C12,1\nC13,C13,1.5\n');
    expect(links).toEqual([]);
    expect(problems).toEqual([
      { row: 1, message: 'weight: "half" is not a number in (0, 1]' },
      { row: 2, message: 'from: is required' },
      { row: 3, message: 'weight: "1.5" is not a number in (0, 1]' },
    ]);
  });

  it('refuses text without links', () => {
    expect(parseCrosswalkLinks('from,to,weight\n\n').problems).toEqual([
      { row: 1, message: 'no links: give from,to,weight per line' },
    ]);
  });
});
