import { describe, expect, it } from 'vitest';
import { toCsv } from './csv-download.ts';

describe('toCsv', () => {
  it('writes headers and rows with RFC 4180 quoting and full-precision numbers', () => {
    const rows = [
      { name: 'Gyeongsangbuk-do', value: 1 / 3, note: null },
      { name: 'Demo "electronics", precision', value: -4478, note: 'line\nbreak' },
    ];
    const csv = toCsv(
      [
        { header: 'region', value: (r: (typeof rows)[number]) => r.name },
        { header: 'value (persons)', value: (r) => r.value },
        { header: 'note', value: (r) => r.note },
      ],
      rows,
    );
    expect(csv).toBe(
      'region,value (persons),note\r\n' +
        'Gyeongsangbuk-do,0.3333333333333333,\r\n' +
        '"Demo ""electronics"", precision",-4478,"line\nbreak"\r\n',
    );
  });

  it('leaves undefined and non-finite numbers empty', () => {
    expect(toCsv([{ header: 'x', value: (r: number) => r }], [Number.NaN, Infinity, 0])).toBe(
      'x\r\n\r\n\r\n0\r\n',
    );
  });
});
