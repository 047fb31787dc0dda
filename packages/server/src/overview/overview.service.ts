import type {
  BudgetAggregate,
  ComplexDetail,
  Overview,
  ParticipantAggregate,
  ParticipantRow,
} from '@innocluster/contracts';
import {
  participantCategoryOf,
  sumParticipantCounts,
  tallyParticipants,
  type OrganisationKind,
  type ParticipantCounts,
} from '@innocluster/domain';
import type { Db } from '../db/database.ts';
import { decide } from '@innocluster/domain';
import type { RequestContext } from '../auth/principal.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  countOrganisationsByComplexAndKind,
  countOrganisationsByKind,
  countRegistry,
  findProgramme,
  listBudgetItems,
  listBudgetYears,
  listComplexSummaries,
  listMiniClustersWithMembers,
  listPhases,
  listReferenceCounts,
  listTaskForceSeats,
} from './overview.repository.ts';

/** The dataset name under which the demo stores OECD (2007) Table 14.6. */
export const table146Dataset = 'OECD 2007 Table 14.6';

/** The aggregates behind the programme overview, computed in the database. */
export class OverviewService {
  constructor(private readonly db: Db) {}

  /** Aggregates are for signed-in users, and for everyone when a programme publishes them. */
  private async checkAggregates(ctx: RequestContext): Promise<void> {
    if (decide(ctx.principal.grants, 'aggregates', 'read')) return;
    const published = await this.db
      .selectFrom('programme')
      .select('id')
      .where('publishAggregates', '=', true)
      .executeTakeFirst();
    if (published && ctx.principal.userId === null) return;
    throw ctx.principal.userId === null
      ? new AppError(
          401,
          'Sign-in required',
          'Sign in to see the programme; its aggregates are not published.',
        )
      : new AppError(403, 'Forbidden', 'Your role does not include the programme aggregates.');
  }

  async overview(ctx: RequestContext, programmeId?: number): Promise<Overview> {
    await this.checkAggregates(ctx);
    const programme = await findProgramme(this.db, programmeId);
    if (programmeId !== undefined && !programme) throw new NotFoundError('programme', programmeId);
    const [phases, complexes, counts] = await Promise.all([
      programme ? listPhases(this.db, programme.id) : [],
      listComplexSummaries(this.db, programme?.id ?? null),
      countRegistry(this.db),
    ]);
    return {
      programme: programme
        ? {
            id: programme.id,
            code: programme.code,
            name: programme.name,
            ministry: programme.ministry,
            agency: programme.agency,
            startDate: programme.startDate,
            endDate: programme.endDate,
            phases,
          }
        : null,
      complexes: complexes.map(({ areaKm2: _a, hubId: _h, source: _s, ...c }) => c),
      counts,
    };
  }

  async participants(ctx: RequestContext): Promise<ParticipantAggregate> {
    await this.checkAggregates(ctx);
    const [cells, references] = await Promise.all([
      countOrganisationsByComplexAndKind(this.db),
      listReferenceCounts(this.db, table146Dataset),
    ]);
    const rows = new Map<number, ParticipantRow>();
    for (const cell of cells) {
      let row = rows.get(cell.complexId);
      if (!row) {
        row = {
          complexId: cell.complexId,
          complexName: cell.complexName,
          provinceName: cell.provinceName,
          ...tallyParticipants([]),
          syntheticOrganisations: 0,
          reference: null,
        };
        rows.set(cell.complexId, row);
      }
      if (cell.kind === null) continue;
      row[participantCategoryOf(cell.kind as OrganisationKind)] += cell.count;
      row.total += cell.count;
      row.syntheticOrganisations += cell.synthetic;
    }
    for (const ref of references) {
      const row = rows.get(ref.complexId);
      if (!row) continue;
      row.reference ??= {
        dataset: ref.dataset,
        asOf: ref.asOf,
        source: ref.source,
        ...tallyParticipants([]),
      };
      const category = ref.category as keyof ParticipantCounts;
      if (category in row.reference && category !== 'total') {
        row.reference[category] = ref.value;
        row.reference.total += ref.value;
      }
    }
    const list = [...rows.values()];
    const { companies, universities, researchInstitutes, supportInstitutions, total } =
      sumParticipantCounts(list);
    return {
      unit: 'organisations',
      rows: list,
      totals: { companies, universities, researchInstitutes, supportInstitutions, total },
    };
  }

  async budget(ctx: RequestContext, programmeId?: number): Promise<BudgetAggregate> {
    await this.checkAggregates(ctx);
    const id = programmeId ?? (await findProgramme(this.db))?.id ?? null;
    const [years, items] = await Promise.all([
      listBudgetYears(this.db, id),
      listBudgetItems(this.db, id),
    ]);
    return {
      programmeId: id,
      years,
      items,
      units: { years: 'KRW 100 million', items: 'KRW million' },
    };
  }

  async complexDetail(ctx: RequestContext, complexId: number): Promise<ComplexDetail> {
    if (!decide(ctx.principal.grants, 'complexes', 'read'))
      throw denied(ctx, 'read', 'industrial complex');
    const programme = await findProgramme(this.db);
    const [summary] = await listComplexSummaries(this.db, programme?.id ?? null, complexId);
    if (!summary) throw new NotFoundError('industrial complex', complexId);
    const [byKind, miniClusters, taskForce] = await Promise.all([
      countOrganisationsByKind(this.db, complexId),
      listMiniClustersWithMembers(this.db, complexId),
      // Task-force members are people: shown only to roles that may read people.
      decide(ctx.principal.grants, 'people', 'read') ? listTaskForceSeats(this.db, complexId) : [],
    ]);
    return {
      complex: summary,
      organisationsByKind: byKind as ComplexDetail['organisationsByKind'],
      miniClusters,
      taskForce,
    };
  }
}
