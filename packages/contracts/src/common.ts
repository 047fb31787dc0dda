import { z } from 'zod';

/** A calendar date as ISO 8601 `YYYY-MM-DD`. */
export const isoDate = z.iso.date();
/** A server timestamp as ISO 8601 with time zone. */
export const isoTimestamp = z.string();

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export type IdParams = z.infer<typeof idParams>;

/** Fields every stored row carries. `synthetic` marks generated demo rows. */
export const rowMeta = {
  id: z.number().int(),
  synthetic: z
    .boolean()
    .describe('True for generated demo rows; real data from a source is false.'),
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp,
};

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

/** Query-string helpers for the filter fields a list endpoint accepts. */
export const filterParam = {
  int: z.coerce.number().int().optional(),
  text: z.string().min(1).optional(),
  bool: booleanQuery.optional(),
};

/** Common list parameters: 1-based page, page size, sort (`field` or `-field`), text search. */
export const listParams = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z]+$/, 'sort is a field name, prefixed by - for descending order')
    .optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Text search over the named fields'),
};

/** The envelope of a paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('Rows matching the filters, over all pages'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** RFC 9457 problem details, with the offending fields named. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z
    .array(
      z.object({
        field: z.string().describe('Path of the field, e.g. body.provinceId'),
        message: z.string(),
      }),
    )
    .optional(),
  /** On a refused workflow transition (409): the steps that are open from the current state. */
  allowed: z
    .array(
      z.object({
        action: z.string(),
        to: z.string(),
        roles: z.array(z.string()),
        reasonRequired: z.boolean(),
      }),
    )
    .optional(),
  /** The current state of the record, on a refused workflow transition. */
  state: z.string().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
