import { organisationContract } from '@innocluster/contracts';
import { describe, expect, it } from 'vitest';
import { contractOf, describeFields } from './entity-fields.ts';
import { changedFields, initialFormValues, toPayload } from './entity-form-values.ts';

const fields = describeFields(contractOf('organisations'));

describe('entity form values', () => {
  it('reads field kinds from the organisation contract', () => {
    const kinds = Object.fromEntries(fields.map((f) => [f.name, f.kind]));
    expect(kinds).toMatchObject({
      name: 'text',
      kind: 'enum',
      sizeClass: 'enum',
      provinceId: 'reference',
      complexId: 'reference',
      employees: 'integer',
      website: 'url',
    });
    expect(fields.find((f) => f.name === 'name')?.required).toBe(true);
    expect(fields.find((f) => f.name === 'nameKo')?.required).toBe(false);
    expect(fields.find((f) => f.name === 'kind')?.options).toContain('research_institute');
  });

  it('turns empty inputs into null and numbers into numbers', () => {
    const values = {
      ...initialFormValues(fields, null),
      name: 'Acme',
      kind: 'company',
      employees: '12',
      complexId: '3',
    };
    const { payload, errors, missing } = toPayload(fields, values);
    expect(errors).toEqual({});
    expect(missing.size).toBe(0);
    expect(payload).toMatchObject({
      name: 'Acme',
      kind: 'company',
      employees: 12,
      complexId: 3,
      nameKo: null,
      synthetic: false,
    });
    expect(organisationContract.create.safeParse(payload).success).toBe(true);
  });

  it('reports text in a number field and a missing enum', () => {
    const values = { ...initialFormValues(fields, null), name: 'Acme', employees: 'many' };
    const { errors, missing } = toPayload(fields, values);
    expect(errors).toEqual({ employees: 'mustBeNumber' });
    expect([...missing]).toEqual(['kind']);
  });

  it('sends only what changed', () => {
    expect(
      changedFields(
        { name: 'B', nameKo: null, employees: 3 },
        { name: 'A', nameKo: null, employees: 3 },
      ),
    ).toEqual({ name: 'B' });
  });
});
