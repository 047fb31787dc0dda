import {
  complexContract,
  membershipContract,
  organisationContract,
  programmeContract,
  registryContracts,
} from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import {
  coerceCell,
  displayCell,
  exportColumnsOf,
  fieldSpecsOf,
  normaliseHeader,
  uniqueKeys,
  type FieldSpec,
} from './transfer-fields.ts';

const specOf = (fields: FieldSpec[], name: string) => fields.find((f) => f.name === name)!;

describe('fieldSpecsOf', () => {
  it('reads kinds, optionality, enum options and references from the contracts', () => {
    const complex = fieldSpecsOf(complexContract);
    expect(complex.map((f) => [f.name, f.kind, f.optional, f.references ?? null])).toEqual([
      ['name', 'string', false, null],
      ['nameKo', 'string', true, null],
      ['kind', 'enum', true, null],
      ['provinceId', 'integer', false, 'regions'],
      ['latitude', 'number', true, null],
      ['longitude', 'number', true, null],
      ['areaKm2', 'number', true, null],
      ['isHub', 'boolean', true, null],
      ['hubId', 'integer', true, 'complexes'],
      ['source', 'string', true, null],
      ['synthetic', 'boolean', true, null],
    ]);
    expect(specOf(complex, 'kind').options).toEqual([
      'national',
      'general',
      'urban_high_tech',
      'agro_industrial',
    ]);
    expect(specOf(fieldSpecsOf(programmeContract), 'startDate')).toMatchObject({
      kind: 'date',
      optional: true,
    });
    expect(specOf(fieldSpecsOf(membershipContract), 'joined')).toMatchObject({
      kind: 'date',
      optional: false,
    });
    expect(specOf(fieldSpecsOf(membershipContract), 'role')).toMatchObject({
      kind: 'enum',
      optional: true,
    });
  });

  it('knows every field of every entity, with a target for every ...Id field and a unique key list', () => {
    for (const contract of registryContracts) {
      const fields = fieldSpecsOf(contract);
      for (const field of fields.filter((f) => f.name.endsWith('Id')))
        expect(field.references, `${contract.key}.${field.name}`).toBeDefined();
      for (const key of uniqueKeys[contract.key])
        for (const name of key) expect(fields.map((f) => f.name)).toContain(name);
    }
  });

  it('exports id, the writable fields, then the row metadata', () => {
    expect(exportColumnsOf(organisationContract)).toEqual([
      'id',
      'name',
      'nameKo',
      'kind',
      'sizeClass',
      'provinceId',
      'complexId',
      'industryId',
      'employees',
      'registrationNo',
      'website',
      'synthetic',
      'createdAt',
      'updatedAt',
    ]);
  });
});

describe('normaliseHeader', () => {
  it('matches camelCase, snake_case, kebab-case and any letter case', () => {
    const names = ['provinceId', 'province_id', 'PROVINCE_ID', 'Province Id', 'province-id'].map(
      normaliseHeader,
    );
    expect(new Set(names)).toEqual(new Set(['provinceid']));
  });
});

describe('coerceCell', () => {
  const organisation = fieldSpecsOf(organisationContract);
  const complex = fieldSpecsOf(complexContract);
  const programme = fieldSpecsOf(programmeContract);

  it('reads numbers from text or number cells and refuses other text', () => {
    const employees = specOf(organisation, 'employees');
    expect(coerceCell(employees, ' 42 ')).toEqual({ ok: true, value: 42 });
    expect(coerceCell(employees, 7)).toEqual({ ok: true, value: 7 });
    // Whole-number checks are the schema's: 4.5 reaches it and is refused there.
    expect(coerceCell(employees, '4.5')).toEqual({ ok: true, value: 4.5 });
    expect(coerceCell(employees, '1,000')).toEqual({ ok: false, message: 'is not a whole number' });
    expect(coerceCell(specOf(complex, 'latitude'), '-3.5e1')).toEqual({ ok: true, value: -35 });
    expect(coerceCell(specOf(complex, 'latitude'), 'north')).toEqual({
      ok: false,
      message: 'is not a number',
    });
  });

  it('reads booleans as true/false, yes/no or 1/0 in any case', () => {
    const isHub = specOf(complex, 'isHub');
    const read = (cell: string | number | boolean) => coerceCell(isHub, cell);
    expect(['TRUE', 'Yes', '1', 1, true].map(read)).toEqual(
      Array(5).fill({ ok: true, value: true }),
    );
    expect(['false', 'NO', '0', 0, false].map(read)).toEqual(
      Array(5).fill({ ok: true, value: false }),
    );
    expect(read('maybe')).toEqual({
      ok: false,
      message: 'is not true or false (also accepted: yes/no, 1/0)',
    });
  });

  it('reads dates from ISO text and from spreadsheet date cells', () => {
    const startDate = specOf(programme, 'startDate');
    expect(coerceCell(startDate, '2005-04-01')).toEqual({ ok: true, value: '2005-04-01' });
    expect(coerceCell(startDate, new Date(Date.UTC(2005, 3, 1)))).toEqual({
      ok: true,
      value: '2005-04-01',
    });
    expect(coerceCell(startDate, 38443)).toEqual({
      ok: false,
      message: 'is not a date (YYYY-MM-DD)',
    });
    expect(coerceCell(startDate, new Date(Number.NaN))).toEqual({
      ok: false,
      message: 'is not a valid date',
    });
  });

  it('matches enum values ignoring case and lists the options otherwise', () => {
    const kind = specOf(organisation, 'kind');
    expect(coerceCell(kind, 'University')).toEqual({ ok: true, value: 'university' });
    expect(coerceCell(kind, 'bank')).toEqual({
      ok: false,
      message:
        'is not one of company, university, research_institute, support_institution, local_government',
    });
  });

  it('keeps text as text, numbers from a spreadsheet included', () => {
    const registrationNo = specOf(organisation, 'registrationNo');
    expect(coerceCell(registrationNo, '  123-45 ')).toEqual({ ok: true, value: '123-45' });
    expect(coerceCell(registrationNo, 1234567890)).toEqual({ ok: true, value: '1234567890' });
    // The apostrophe writeCsv puts before formula-like text is dropped; others are kept.
    expect(coerceCell(registrationNo, "'=1+2")).toEqual({ ok: true, value: '=1+2' });
    expect(coerceCell(registrationNo, "'quoted'")).toEqual({ ok: true, value: "'quoted'" });
  });
});

describe('displayCell', () => {
  it('shows cells as a person reads them', () => {
    expect([null, 'a', 3.5, true, new Date(Date.UTC(2020, 0, 2))].map(displayCell)).toEqual([
      '',
      'a',
      '3.5',
      'true',
      '2020-01-02',
    ]);
  });
});
