import type { CrosswalkDetail, CrosswalkInput } from '@innocluster/contracts';
import type { Action } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError, ValidationError, translateDbError } from '../errors.ts';
import {
  classificationLabel,
  lockCrosswalk,
  crosswalkLinks,
  deleteCrosswalk,
  findCrosswalk,
  industryCodesOf,
  insertCrosswalk,
  listCrosswalks,
  replaceCrosswalkLinks,
  updateCrosswalk,
  type CrosswalkRow,
} from './mapping-extra.repository.ts';

/** How far the weights of one source industry may stray from 1 (rounding in a spreadsheet). */
export const crosswalkWeightTolerance = 1e-6;

/**
 * Industry crosswalks between classification vintages: named sets of (from industry, to
 * industry, weight) links, the weights of each from industry summing to 1. Checked with the
 * `mapping` permission by the caller's check function; every change is audited.
 */
export class MappingCrosswalks {
  constructor(
    private readonly db: Db,
    private readonly check: (ctx: RequestContext, action: Action) => void,
  ) {}

  async list(ctx: RequestContext): Promise<CrosswalkRow[]> {
    this.check(ctx, 'read');
    return listCrosswalks(this.db);
  }

  async get(ctx: RequestContext, id: number): Promise<CrosswalkDetail> {
    this.check(ctx, 'read');
    return this.detail(id);
  }

  private async detail(id: number): Promise<CrosswalkDetail> {
    const row = await findCrosswalk(this.db, id);
    if (!row) throw new NotFoundError('crosswalk', id);
    return { ...row, links: await crosswalkLinks(this.db, id) };
  }

  /** Resolves the codes and checks the links; every bad link is named by its index. */
  private async resolve(input: CrosswalkInput) {
    const errors: { field: string; message: string }[] = [];
    const labels = { fromClassificationId: '', toClassificationId: '' };
    for (const key of ['fromClassificationId', 'toClassificationId'] as const) {
      const label = await classificationLabel(this.db, input[key]);
      if (label === undefined)
        errors.push({ field: `body.${key}`, message: `no classification with id ${input[key]}` });
      else labels[key] = label;
    }
    if (errors.length > 0) throw new ValidationError('Unknown classification', errors);
    const from = await industryCodesOf(this.db, input.fromClassificationId);
    const to = await industryCodesOf(this.db, input.toClassificationId);
    const seen = new Map<string, number>();
    const sums = new Map<string, { sum: number; at: number[] }>();
    const links = input.links.map((l, i) => {
      const fromId = from.get(l.from);
      const toId = to.get(l.to);
      if (fromId === undefined)
        errors.push({
          field: `body.links[${i}].from`,
          message: `no industry ${l.from} in classification ${labels.fromClassificationId}`,
        });
      if (toId === undefined)
        errors.push({
          field: `body.links[${i}].to`,
          message: `no industry ${l.to} in classification ${labels.toClassificationId}`,
        });
      const key = `${l.from}\u0000${l.to}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        errors.push({
          field: `body.links[${i}]`,
          message: `repeats links[${earlier}] (${l.from} -> ${l.to})`,
        });
      else seen.set(key, i);
      const s = sums.get(l.from) ?? { sum: 0, at: [] };
      s.sum += l.weight;
      s.at.push(i);
      sums.set(l.from, s);
      return { fromIndustryId: fromId ?? 0, toIndustryId: toId ?? 0, weight: l.weight };
    });
    for (const [code, s] of sums) {
      if (Math.abs(s.sum - 1) > crosswalkWeightTolerance)
        errors.push({
          field: `body.links[${s.at[0]}].weight`,
          message: `weights of ${code} (links ${s.at.join(', ')}) sum to ${Number(s.sum.toPrecision(12))}, not 1`,
        });
    }
    if (errors.length > 0) throw new ValidationError('Invalid crosswalk links', errors);
    return links;
  }

  private values(input: CrosswalkInput) {
    return {
      name: input.name,
      fromClassificationId: input.fromClassificationId,
      toClassificationId: input.toClassificationId,
      description: input.description ?? null,
      source: input.source ?? null,
    };
  }

  async create(ctx: RequestContext, input: CrosswalkInput): Promise<CrosswalkDetail> {
    this.check(ctx, 'create');
    const links = await this.resolve(input);
    const id = await this.db
      .transaction()
      .execute(async (tx) => {
        const newId = await insertCrosswalk(tx, this.values(input));
        await replaceCrosswalkLinks(tx, newId, links);
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'mapping-crosswalks', newId, null, input),
        ]);
        return newId;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return this.detail(id);
  }

  /** Replaces the crosswalk's attributes and all its links. */
  async update(ctx: RequestContext, id: number, input: CrosswalkInput): Promise<CrosswalkDetail> {
    this.check(ctx, 'update');
    const before = await this.detail(id);
    const links = await this.resolve(input);
    await this.db
      .transaction()
      .execute(async (tx) => {
        // Optimistic concurrency: an edit of an older version would silently drop the links
        // someone saved meanwhile (the PUT replaces them all).
        const current = await lockCrosswalk(tx, id);
        if (input.baseUpdatedAt !== undefined && current !== undefined) {
          const base = Date.parse(input.baseUpdatedAt);
          if (Number.isNaN(base) || base !== new Date(current).getTime())
            throw new AppError(
              409,
              'Crosswalk changed',
              `The crosswalk was saved at ${new Date(current).toISOString()}, after the version this edit started from (${input.baseUpdatedAt}): load it again to see that version, and save again to replace it.`,
            );
        }
        await updateCrosswalk(tx, id, this.values(input));
        await replaceCrosswalkLinks(tx, id, links);
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'mapping-crosswalks', id, before, input),
        ]);
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return this.detail(id);
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    this.check(ctx, 'delete');
    const before = await this.detail(id);
    await this.db.transaction().execute(async (tx) => {
      await deleteCrosswalk(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'mapping-crosswalks', id, before, null),
      ]);
    });
  }
}
