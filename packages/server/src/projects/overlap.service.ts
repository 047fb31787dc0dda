import type {
  OverlapPairRow,
  OverlapQuery,
  OverlapRecord,
  OverlapResponse,
} from '@innocluster/contracts';
import { decide, mayAtAll, overlapsOf, type Target } from '@innocluster/domain';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  findCallForOverlap,
  loadOverlapCorpus,
  organisationNames,
  proposalExists,
  type OverlapCorpusRow,
} from './overlap.repository.ts';

/**
 * The method, as the API and the page state it. Similarity is the cosine of TF-IDF vectors of
 * title + abstract (Salton & Buckley, "Term-weighting approaches in automatic text retrieval",
 * 1988; smoothed idf ln((1 + N) / (1 + df)) + 1 as scikit-learn's default) over word unigrams
 * and in-word character bigrams, so Korean compounds match with or without spaces (Lee & Ahn,
 * "Using n-grams for Korean text retrieval", SIGIR 1996); see packages/domain/src/projects/overlap.ts.
 */
export const overlapMethod =
  'Cosine similarity (0-1) of TF-IDF vectors of title + abstract, over words and in-word character bigrams; ' +
  'the idf corpus is every submitted proposal of every programme (funded projects through their proposals). ' +
  'A pair is listed when its similarity reaches the threshold and, unless sharedOnly is false, the two share at least one organisation (lead or partner).';

/**
 * Overlap detection for officers before selection (DOMAIN.md, "What went wrong": overlapping
 * cluster programmes): the proposals (and funded projects) elsewhere that resemble a
 * proposal, or any proposal of a call, and share organisations with it.
 *
 * Access: reading proposals or projects at all; the record asked about must be readable, and
 * pairs whose other record the caller may not read are counted in `hiddenPairs`, not shown.
 * The corpus is loaded and compared per request: a few milliseconds for the demo's ~200
 * proposals; at tens of thousands of proposals this would move to a job (network-jobs.ts).
 */
export class OverlapService {
  constructor(private readonly db: Db) {}

  private checkAtAll(ctx: RequestContext): void {
    const g = ctx.principal.grants;
    if (!mayAtAll(g, 'proposals', 'read') && !mayAtAll(g, 'projects', 'read'))
      throw denied(ctx, 'read', 'overlap check');
  }

  /** Whether the caller may read a proposal (or, when funded, its project). */
  private readable(ctx: RequestContext, r: OverlapCorpusRow): boolean {
    const target: Target = {
      programmeIds: [r.programmeId],
      complexIds: r.complexId === null ? [] : [r.complexId],
      miniClusterIds: r.miniClusterId === null ? [] : [r.miniClusterId],
      organisationIds: r.organisationIds,
      assigned: (ctx.principal.assigned['proposals'] ?? []).includes(r.proposalId),
    };
    const g = ctx.principal.grants;
    return (
      decide(g, 'proposals', 'read', target) ||
      (r.projectId !== null && decide(g, 'projects', 'read', target))
    );
  }

  /** Pairs of one proposal with every other similar proposal or project. */
  async forProposal(
    ctx: RequestContext,
    id: number,
    query: OverlapQuery,
  ): Promise<OverlapResponse> {
    this.checkAtAll(ctx);
    if (!(await proposalExists(this.db, id))) throw new NotFoundError('proposal', id);
    const corpus = await loadOverlapCorpus(this.db, [id]);
    const self = corpus.find((r) => r.proposalId === id);
    if (!self || !this.readable(ctx, self)) {
      if (ctx.principal.userId === null) throw denied(ctx, 'read', 'proposal');
      throw new NotFoundError('proposal', id);
    }
    return this.compare(ctx, corpus, [self], query);
  }

  /** Pairs of every proposal of a call (that the caller may read) with similar records. */
  async forCall(ctx: RequestContext, id: number, query: OverlapQuery): Promise<OverlapResponse> {
    this.checkAtAll(ctx);
    const call = await findCallForOverlap(this.db, id);
    if (
      !call ||
      !decide(ctx.principal.grants, 'calls', 'read', { programmeIds: [call.programmeId] })
    ) {
      if (call && ctx.principal.userId === null) throw denied(ctx, 'read', 'call');
      throw new NotFoundError('call', id);
    }
    const corpus = await loadOverlapCorpus(this.db);
    const targets = corpus.filter((r) => r.callId === id && this.readable(ctx, r));
    return this.compare(ctx, corpus, targets, query);
  }

  private async compare(
    ctx: RequestContext,
    corpus: readonly OverlapCorpusRow[],
    targets: readonly OverlapCorpusRow[],
    query: OverlapQuery,
  ): Promise<OverlapResponse> {
    const byId = new Map(corpus.map((r) => [String(r.proposalId), r]));
    const pairs = overlapsOf(
      corpus.map((r) => ({
        id: String(r.proposalId),
        programmeId: String(r.programmeId),
        title: r.title,
        abstract: r.abstract ?? '',
        organisationIds: r.organisationIds.map(String),
      })),
      targets.map((t) => String(t.proposalId)),
      {
        threshold: query.threshold,
        requireSharedOrganisation: query.sharedOnly,
        acrossProgrammesOnly: query.acrossProgrammesOnly,
      },
    );
    const visible = pairs.filter((p) => this.readable(ctx, byId.get(p.b)!));
    const names = await organisationNames(
      this.db,
      visible.flatMap((p) => p.sharedOrganisationIds.map(Number)),
    );
    const rows: OverlapPairRow[] = visible.map((p) => ({
      // Four decimals: enough to rank, without pretending more precision than the text has.
      similarity: Math.round(p.similarity * 10_000) / 10_000,
      sharedOrganisations: p.sharedOrganisationIds.map((o) => ({
        id: Number(o),
        name: names.get(Number(o)) ?? `organisation ${o}`,
      })),
      record: asRecord(byId.get(p.a)!),
      other: asRecord(byId.get(p.b)!),
    }));
    return {
      method: overlapMethod,
      threshold: query.threshold,
      sharedOnly: query.sharedOnly,
      acrossProgrammesOnly: query.acrossProgrammesOnly,
      corpusSize: corpus.length,
      checked: targets.length,
      hiddenPairs: pairs.length - visible.length,
      pairs: rows,
    };
  }
}

function asRecord(r: OverlapCorpusRow): OverlapRecord {
  return {
    proposalId: r.proposalId,
    title: r.title,
    status: r.status,
    projectId: r.projectId,
    projectStatus: r.projectStatus,
    approvedGrantKrw: r.approvedGrantKrw,
    callId: r.callId,
    callCode: r.callCode,
    callTitle: r.callTitle,
    programmeId: r.programmeId,
    programmeCode: r.programmeCode,
    programmeName: r.programmeName,
    leadOrganisationId: r.leadOrganisationId,
    leadOrganisationName: r.leadOrganisationName,
    synthetic: r.synthetic,
  };
}
