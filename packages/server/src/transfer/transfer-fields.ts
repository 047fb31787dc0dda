import type { EntityKey, RegistryContract } from '@innocluster/contracts';
import { formulaLike, type Cell } from './transfer-files.ts';

/** How a cell is turned into the value a field's zod schema expects. */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'date' | 'enum';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** True when the column may be missing or the cell empty (the schema has a default). */
  optional: boolean;
  options?: readonly string[];
  /** The entity a `...Id` field points to. */
  references?: EntityKey;
}

/** Columns an export writes that an import ignores: the database assigns them. */
export const ignoredColumns = ['id', 'createdAt', 'updatedAt'] as const;

/**
 * The entity each reference field points to. Self-references (complexes.hubId,
 * industries.parentId) point to rows already in the database, like every other id.
 */
const referenceTargets: Record<string, EntityKey> = {
  programmeId: 'programmes',
  regionId: 'regions',
  provinceId: 'regions',
  memberRegionId: 'regions',
  classificationId: 'industry-classifications',
  industryId: 'industries',
  focusIndustryId: 'industries',
  parentId: 'industries',
  complexId: 'complexes',
  memberComplexId: 'complexes',
  hubId: 'complexes',
  miniClusterId: 'mini-clusters',
  organisationId: 'organisations',
  bodyId: 'bodies',
  personId: 'people',
};

/**
 * The UNIQUE constraints of migrations/0001_registry.sql, so that two rows of one file that
 * would collide are both named before anything is written. NULLs never collide (PostgreSQL's
 * default NULLS DISTINCT).
 */
export const uniqueKeys: Record<EntityKey, string[][]> = {
  programmes: [['code']],
  'programme-phases': [['programmeId', 'name']],
  regions: [['code'], ['kostatCode'], ['isoCode']],
  'industry-classifications': [['code', 'vintage']],
  industries: [['classificationId', 'code']],
  complexes: [['name']],
  'region-members': [
    ['regionId', 'memberRegionId'],
    ['regionId', 'memberComplexId'],
  ],
  participations: [['programmeId', 'complexId', 'joined']],
  'mini-clusters': [['complexId', 'name']],
  organisations: [['registrationNo']],
  memberships: [['organisationId', 'miniClusterId', 'joined']],
  people: [['email']],
  bodies: [['kind', 'name']],
  'body-seats': [['bodyId', 'personId', 'role']],
  'budget-years': [['programmeId', 'year']],
  'budget-items': [['programmeId', 'year', 'itemGroup', 'item']],
};

interface ZodDefLike {
  type: string;
  format?: string | null;
  innerType?: { def: ZodDefLike };
  entries?: Record<string, string>;
}
interface ZodLike {
  def: ZodDefLike;
  isInt?: boolean;
}

/** Reads a field's kind from its zod 4 schema (through default/nullable/optional wrappers). */
function specOf(name: string, schema: ZodLike): FieldSpec {
  let node = schema;
  let optional = false;
  while (node.def.innerType) {
    if (node.def.type === 'default' || node.def.type === 'optional') optional = true;
    node = node.def.innerType as ZodLike;
  }
  const def = node.def;
  const isInt = node.isInt === true;
  const references = name.endsWith('Id') ? referenceTargets[name] : undefined;
  const base = { name, optional, ...(references ? { references } : {}) };
  switch (def.type) {
    case 'number':
      return { ...base, kind: isInt ? 'integer' : 'number' };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'enum':
      return { ...base, kind: 'enum', options: Object.values(def.entries ?? {}) };
    case 'string':
      return { ...base, kind: def.format === 'date' ? 'date' : 'string' };
    default:
      throw new Error(`No import rule for field ${name} of zod type ${def.type}`);
  }
}

/** The importable fields of an entity: its writable fields plus the `synthetic` flag. */
export function fieldSpecsOf(contract: RegistryContract): FieldSpec[] {
  const shape = contract.create.shape as Record<string, ZodLike>;
  return Object.entries(shape).map(([name, schema]) => specOf(name, schema));
}

/** The columns of an export, in order: id, the writable fields, then the row metadata. */
export function exportColumnsOf(contract: RegistryContract): string[] {
  return ['id', ...Object.keys(contract.fields), 'synthetic', 'createdAt', 'updatedAt'];
}

/** `provinceId`, `province_id`, `Province ID` and `PROVINCEID` all name the same column. */
export function normaliseHeader(header: string): string {
  return header.replace(/[\s_-]/g, '').toLowerCase();
}

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const truthy = new Set(['true', 'yes', '1']);
const falsy = new Set(['false', 'no', '0']);

/** A calendar date from a spreadsheet date cell (exceljs reads them as UTC midnight). */
function isoDateOf(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** The text a person sees in a cell, for messages and for string fields. */
export function displayCell(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return isoDateOf(cell) ?? 'an invalid date';
  return String(cell);
}

export function isEmptyCell(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

/**
 * Converts one non-empty cell to the type the field's schema wants. Range, format and length
 * are left to the schema itself so that the messages stay those of the contract.
 */
export function coerceCell(spec: FieldSpec, cell: Cell): Coerced {
  const text = typeof cell === 'string' ? cell.trim() : null;
  switch (spec.kind) {
    case 'string': {
      const value = text ?? displayCell(cell);
      // The apostrophe an export puts before formula-like text (see writeCsv) is not data.
      return {
        ok: true,
        value: value.startsWith("'") && formulaLike.test(value.slice(1)) ? value.slice(1) : value,
      };
    }
    case 'number':
    case 'integer': {
      if (typeof cell === 'number') return { ok: true, value: cell };
      if (text !== null && numberPattern.test(text)) return { ok: true, value: Number(text) };
      return {
        ok: false,
        message: spec.kind === 'integer' ? 'is not a whole number' : 'is not a number',
      };
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const word = text?.toLowerCase() ?? (typeof cell === 'number' ? String(cell) : '');
      if (truthy.has(word)) return { ok: true, value: true };
      if (falsy.has(word)) return { ok: true, value: false };
      return { ok: false, message: 'is not true or false (also accepted: yes/no, 1/0)' };
    }
    case 'date': {
      if (cell instanceof Date) {
        const iso = isoDateOf(cell);
        return iso ? { ok: true, value: iso } : { ok: false, message: 'is not a valid date' };
      }
      if (text !== null) return { ok: true, value: text };
      return { ok: false, message: 'is not a date (YYYY-MM-DD)' };
    }
    case 'enum': {
      const value = text ?? displayCell(cell);
      const options = spec.options ?? [];
      const match =
        options.find((o) => o === value) ??
        options.find((o) => o.toLowerCase() === value.toLowerCase());
      return match
        ? { ok: true, value: match }
        : { ok: false, message: `is not one of ${options.join(', ')}` };
    }
  }
}
