import { registryContracts, type EntityKey, type FilterKind } from '@innocluster/contracts';
import type { z } from 'zod';
import type { ListQuery } from '../api/api-client.ts';

/** What the generic pages need of a registry contract, typed loosely enough to hold any of them. */
export interface EntityContractLike {
  key: EntityKey;
  label: string;
  fields: Record<string, z.ZodType>;
  filters: Record<string, FilterKind>;
  sortable: string[];
  searchable: string[];
  create: z.ZodType;
  update: z.ZodType;
}

export const entityContracts: readonly EntityContractLike[] =
  registryContracts as unknown as readonly EntityContractLike[];

export function findContract(key: string | undefined): EntityContractLike | undefined {
  return entityContracts.find((c) => c.key === key);
}

export function contractOf(key: EntityKey): EntityContractLike {
  const contract = findContract(key);
  if (!contract) throw new Error(`No contract for ${key}`);
  return contract;
}

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'integer'
  | 'number'
  | 'date'
  | 'email'
  | 'url'
  | 'enum'
  | 'boolean'
  | 'reference';

export interface ReferenceTarget {
  key: EntityKey;
  query?: ListQuery;
}

export interface FieldDescriptor {
  name: string;
  kind: FieldKind;
  /** Must be given: neither nullable nor defaulted. */
  required: boolean;
  nullable: boolean;
  hasDefault: boolean;
  defaultValue: unknown;
  options: readonly string[];
  reference: ReferenceTarget | null;
  description: string | null;
}

/** Which list a `...Id` field points to; `parentId` depends on the entity holding it. */
const referenceTargets: Record<string, ReferenceTarget> = {
  programmeId: { key: 'programmes' },
  provinceId: { key: 'regions', query: { kind: 'province' } },
  regionId: { key: 'regions' },
  memberRegionId: { key: 'regions' },
  complexId: { key: 'complexes' },
  memberComplexId: { key: 'complexes' },
  hubId: { key: 'complexes', query: { isHub: true } },
  classificationId: { key: 'industry-classifications' },
  industryId: { key: 'industries' },
  focusIndustryId: { key: 'industries' },
  parentId: { key: 'industries' },
  miniClusterId: { key: 'mini-clusters' },
  organisationId: { key: 'organisations' },
  bodyId: { key: 'bodies' },
  personId: { key: 'people' },
};

const longTextFields = new Set(['description', 'source']);

interface ZodDefLike {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  format?: string;
  entries?: Record<string, string>;
  in?: z.ZodType;
}

function defOf(schema: z.ZodType): ZodDefLike {
  return (schema as unknown as { def: ZodDefLike }).def;
}

/** Reads a contract field's zod schema into what a form or a table needs to show it. */
export function describeField(name: string, schema: z.ZodType): FieldDescriptor {
  let current: z.ZodType | undefined = schema;
  let nullable = false;
  let hasDefault = false;
  let optional = false;
  let defaultValue: unknown = undefined;
  let description: string | null = schema.description ?? null;
  let base: ZodDefLike = defOf(schema);
  let baseFormat: string | undefined;
  while (current) {
    const def = defOf(current);
    description ??= current.description ?? null;
    base = def;
    // Zod keeps a number's `int` check on the schema instance, not on its definition.
    baseFormat = (current as unknown as { format?: string | null }).format ?? def.format;
    if (def.type === 'default' || def.type === 'prefault') {
      hasDefault = true;
      defaultValue = def.defaultValue;
      current = def.innerType;
    } else if (def.type === 'nullable') {
      nullable = true;
      current = def.innerType;
    } else if (def.type === 'optional') {
      optional = true;
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      break;
    }
  }
  let kind: FieldKind = 'text';
  let options: readonly string[] = [];
  const reference = name.endsWith('Id') ? (referenceTargets[name] ?? null) : null;
  if (reference) kind = 'reference';
  else if (base.type === 'boolean') kind = 'boolean';
  else if (base.type === 'enum') {
    kind = 'enum';
    options = Object.values(base.entries ?? {});
  } else if (base.type === 'number')
    kind = baseFormat && /int/.test(baseFormat) ? 'integer' : 'number';
  else if (base.type === 'string') {
    if (base.format === 'date') kind = 'date';
    else if (base.format === 'email') kind = 'email';
    else if (base.format === 'url') kind = 'url';
    else kind = longTextFields.has(name) ? 'textarea' : 'text';
  }
  return {
    name,
    kind,
    required: !nullable && !hasDefault && !optional,
    nullable,
    hasDefault,
    defaultValue,
    options,
    reference,
    description,
  };
}

export function describeFields(contract: EntityContractLike): FieldDescriptor[] {
  return Object.entries(contract.fields).map(([name, schema]) => describeField(name, schema));
}

/** A short human label for a row of any entity, for selects and headings. */
export function rowLabel(row: Record<string, unknown> | undefined | null): string {
  if (!row) return '';
  const parts: string[] = [];
  for (const key of ['name', 'code', 'year', 'role', 'team', 'focus', 'joined']) {
    const v = row[key];
    if (v !== null && v !== undefined && v !== '' && (key !== 'code' || parts.length === 0)) {
      parts.push(String(v));
      if (key === 'name' || parts.length >= 2) break;
    }
  }
  return parts.length ? parts.join(' · ') : `#${String(row.id)}`;
}
