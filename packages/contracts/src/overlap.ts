import { z } from 'zod';

/**
 * Overlap detection (issue 6, part 7): proposals and projects across programmes and calls
 * that share organisations and have similar titles and abstracts, shown to officers before
 * selection (DOMAIN.md: six ministries ran thirteen overlapping cluster programmes). The
 * method is packages/domain/src/projects/overlap.ts: TF-IDF cosine similarity over words and
 * in-word character bigrams.
 */

/** The default smallest similarity reported (0-1 cosine). */
export const defaultOverlapThreshold = 0.5;

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .describe('true or false');

export const overlapQuery = z.object({
  threshold: z.coerce
    .number()
    .min(0.05, 'at least 0.05')
    .max(1, 'at most 1')
    .default(defaultOverlapThreshold)
    .describe('Smallest cosine similarity (0-1) of title and abstract reported'),
  sharedOnly: booleanQuery
    .default(true)
    .describe('Only pairs that share at least one organisation (lead or partner); default true'),
  acrossProgrammesOnly: booleanQuery
    .default(false)
    .describe('Only pairs from different programmes; default false'),
});
export type OverlapQuery = z.infer<typeof overlapQuery>;

/** One side of a pair: a proposal, with its project when it was funded. */
export const overlapRecord = z.object({
  proposalId: z.number().int(),
  title: z.string(),
  status: z.string().describe('The proposal’s state'),
  projectId: z.number().int().nullable(),
  projectStatus: z.string().nullable(),
  approvedGrantKrw: z.number().nullable().describe('KRW, when funded'),
  callId: z.number().int(),
  callCode: z.string(),
  callTitle: z.string(),
  programmeId: z.number().int(),
  programmeCode: z.string(),
  programmeName: z.string(),
  leadOrganisationId: z.number().int(),
  leadOrganisationName: z.string(),
  synthetic: z.boolean().describe('True for generated demo rows'),
});
export type OverlapRecord = z.infer<typeof overlapRecord>;

export const overlapPairRow = z.object({
  similarity: z.number().describe('Cosine similarity of the TF-IDF vectors, 0-1'),
  sharedOrganisations: z.array(z.object({ id: z.number().int(), name: z.string() })),
  /** The record asked about (the proposal, or a proposal of the call). */
  record: overlapRecord,
  /** The similar record elsewhere. */
  other: overlapRecord,
});
export type OverlapPairRow = z.infer<typeof overlapPairRow>;

export const overlapResponse = z.object({
  method: z.string().describe('How similarity is computed, in words'),
  threshold: z.number(),
  sharedOnly: z.boolean(),
  acrossProgrammesOnly: z.boolean(),
  corpusSize: z.number().int().describe('Proposals compared (the idf corpus)'),
  checked: z.number().int().describe('Records asked about'),
  hiddenPairs: z
    .number()
    .int()
    .describe('Pairs above the threshold whose other record the caller may not read'),
  pairs: z.array(overlapPairRow),
});
export type OverlapResponse = z.infer<typeof overlapResponse>;
