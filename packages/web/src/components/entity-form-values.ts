import type { FieldDescriptor } from './entity-fields.ts';

/** What the inputs hold: text for most fields, a flag for check boxes. */
export type FormValues = Record<string, string | boolean>;

export function initialFormValues(
  fields: FieldDescriptor[],
  row: Record<string, unknown> | null,
  preset: Record<string, unknown> = {},
): FormValues {
  const values: FormValues = {};
  for (const field of [...fields, syntheticField]) {
    const source = row ? row[field.name] : (preset[field.name] ?? field.defaultValue);
    if (field.kind === 'boolean') values[field.name] = source === true;
    else values[field.name] = source === null || source === undefined ? '' : String(source);
  }
  return values;
}

/** Every row carries `synthetic`; the form shows it as a check box after the contract's fields. */
export const syntheticField: FieldDescriptor = {
  name: 'synthetic',
  kind: 'boolean',
  required: false,
  nullable: false,
  hasDefault: true,
  defaultValue: false,
  options: [],
  reference: null,
  description: null,
};

export interface ConvertedValues {
  payload: Record<string, unknown>;
  /** Errors found while converting, before the schema looks (e.g. text in a number field). */
  errors: Record<string, 'mustBeNumber'>;
  /** Fields left empty that the schema must report as required. */
  missing: Set<string>;
}

/** Turns the inputs' text into the JSON the API takes: empty means null, or absent when defaulted. */
export function toPayload(fields: FieldDescriptor[], values: FormValues): ConvertedValues {
  const payload: Record<string, unknown> = {};
  const errors: ConvertedValues['errors'] = {};
  const missing = new Set<string>();
  for (const field of [...fields, syntheticField]) {
    const raw = values[field.name];
    if (field.kind === 'boolean') {
      payload[field.name] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (text === '') {
      if (field.nullable) payload[field.name] = null;
      else if (field.kind === 'text' || field.kind === 'textarea')
        payload[field.name] = typeof raw === 'string' ? raw : '';
      else if (!field.hasDefault) missing.add(field.name);
      continue;
    }
    if (field.kind === 'integer' || field.kind === 'number' || field.kind === 'reference') {
      const n = Number(text);
      if (!Number.isFinite(n)) errors[field.name] = 'mustBeNumber';
      else payload[field.name] = n;
      continue;
    }
    payload[field.name] = typeof raw === 'string' ? raw : '';
  }
  return { payload, errors, missing };
}

/** The fields whose value differs from the stored row, for a PATCH that says only what changed. */
export function changedFields(
  payload: Record<string, unknown>,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(payload)) {
    const before = row[key] ?? null;
    if (value !== before) diff[key] = value;
  }
  return diff;
}
