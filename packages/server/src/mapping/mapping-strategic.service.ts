import type {
  StrategicIndustry,
  StrategicIndustryInput,
  StrategicIndustryQuery,
} from '@innocluster/contracts';
import type { Action } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import {
  findRegionId,
  industryIdsByCode,
  listStrategicIndustries,
  programmeExists,
  replaceStrategicIndustries,
} from './mapping-strategic.repository.ts';

/**
 * Strategic industries declared per province or nationally (optionally per programme): the
 * data behind the selection criterion "consistency with central and regional policy". Checked
 * with the `mapping` permission by the caller's check function; every change is audited.
 */
export class MappingStrategicIndustries {
  constructor(
    private readonly db: Db,
    private readonly check: (ctx: RequestContext, action: Action) => void,
  ) {}

  private async regionOf(key: string, field: string): Promise<number | null> {
    if (key === 'national') return null;
    const id = await findRegionId(this.db, key);
    if (id === undefined) {
      throw new ValidationError('Unknown region', [{ field, message: `no region ${key}` }]);
    }
    return id;
  }

  async list(ctx: RequestContext, q: StrategicIndustryQuery): Promise<StrategicIndustry[]> {
    this.check(ctx, 'read');
    const all = await listStrategicIndustries(this.db);
    const regionId =
      q.region === undefined ? undefined : await this.regionOf(q.region, 'querystring.region');
    return all.filter(
      (r) =>
        (regionId === undefined || r.regionId === regionId) &&
        (q.programme === undefined || r.programmeId === null || r.programmeId === q.programme),
    );
  }

  /** Replaces the declaration of one scope, all or nothing; every unknown code is named. */
  async replace(ctx: RequestContext, input: StrategicIndustryInput): Promise<StrategicIndustry[]> {
    this.check(ctx, 'update');
    const regionId = await this.regionOf(input.region, 'body.region');
    if (input.programme !== null && !(await programmeExists(this.db, input.programme)))
      throw new NotFoundError('programme', input.programme);
    const codes = await industryIdsByCode(this.db, input.classification);
    const errors: { field: string; message: string }[] = [];
    const seen = new Set<string>();
    const rows = input.industries.flatMap((code, i) => {
      const industryId = codes.get(code);
      if (industryId === undefined) {
        errors.push({
          field: `body.industries[${i}]`,
          message: `no industry ${code} in classification ${input.classification}`,
        });
        return [];
      }
      if (seen.has(code)) {
        errors.push({ field: `body.industries[${i}]`, message: `repeats ${code}` });
        return [];
      }
      seen.add(code);
      return [{ industryId, source: input.source, note: input.note, synthetic: input.synthetic }];
    });
    if (errors.length > 0) throw new ValidationError('Invalid strategic industries', errors);
    const scope = { regionId, programmeId: input.programme };
    return this.db.transaction().execute(async (tx) => {
      const before = await listStrategicIndustries(tx, scope);
      await replaceStrategicIndustries(tx, scope, rows);
      const after = await listStrategicIndustries(tx, scope);
      const codesOf = (list: StrategicIndustry[]) => list.map((r) => r.industryCode);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'mapping-strategic-industries',
          `${input.region}/${input.programme ?? 'any'}`,
          { region: input.region, programme: input.programme, industries: codesOf(before) },
          {
            region: input.region,
            programme: input.programme,
            classification: input.classification,
            industries: codesOf(after),
            source: input.source,
            synthetic: input.synthetic,
          },
        ),
      ]);
      return after;
    });
  }
}
