import type {
  ClusterDefinition,
  ClusterInput,
  Dataset,
  DatasetConvertBody,
  DatasetCreate,
  DatasetUpdate,
  MeasureRow,
  MeasuresQuery,
  MeasuresResponse,
  RelatednessQuery,
  RelatednessResponse,
  SelectionBody,
  SelectionFromDataBody,
  ShiftShareQuery,
  ShiftShareResponse,
  SpecialisationQuery,
  SpecialisationResponse,
} from '@innocluster/contracts';
import { measuresQuery, selectionCriteriaDefinitions, statMeasures } from '@innocluster/contracts';
import {
  computeHooverCoefficient,
  computeHerfindahlHirschmanIndex,
  computeKrugmanSpecialisationIndex,
  computeNormalisedHerfindahlHirschmanIndex,
  computeProximityMatrix,
  computeRegionHooverSpecialisation,
  createRegionIndustryTable,
  decomposeShiftShare,
  assessLifeCycleStage,
  createSeededRandom,
  decide,
  identifyStrongClusters,
  rateClusterStars,
  scoreCandidates,
  simulateRankUncertainty,
  type Action,
  type ClusterYear,
  type LifeCycleStage,
  type SelectionConfig,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
  translateDbError,
} from '../errors.ts';
import { ImportError, type ImportIssue } from '../transfer/import.service.ts';
import {
  contentTypes,
  cellNumber,
  cellText,
  readUploadedTable,
  writeCsv,
  writeXlsx,
  type Cell,
  type ExportFormat,
} from '../transfer/transfer-files.ts';
import { MappingCrosswalks } from './mapping-crosswalk.service.ts';
import {
  relatednessTable,
  shiftShareTable,
  specialisationTables,
  type ExportTable,
} from './mapping-export.ts';
import {
  complexFacts,
  convertValues,
  findCrosswalk,
  regionTotals,
  unmappedIndustries,
  type ComplexFacts,
} from './mapping-extra.repository.ts';
import {
  cellValues,
  industryLineages,
  measuresOfYear,
  programmeExists,
  strategicPairs,
} from './mapping-strategic.repository.ts';
import { MappingStrategicIndustries } from './mapping-strategic.service.ts';
import { MappingPlants } from './mapping-plant.service.ts';
import { fillSuppressed, type FillRule, type ParsedCell } from './mapping-fill.ts';
import {
  codeMaps,
  computeMeasures,
  datasetCounts,
  datasetIndustryLevels,
  deleteCluster,
  deleteDataset,
  findCluster,
  findDataset,
  findDatasetByName,
  findRegionByCodeOrId,
  industriesOf,
  insertCluster,
  insertDataset,
  listClusters,
  listDatasets,
  regionsOf,
  updateDataset,
  upsertNationalTotals,
  upsertValues,
  type ComputeQuery,
  type DatasetRow,
  type MeasureRow as SqlRow,
} from './mapping.repository.ts';

export interface StatFile {
  fileName: string;
  content: Buffer;
}

export interface StatJsonRow {
  region: string;
  industry: string;
  year: number;
  measure: string;
  value?: number | null | undefined;
  suppressed?: boolean | undefined;
  bandLow?: number | null | undefined;
  bandHigh?: number | null | undefined;
}

const measureNames: ReadonlySet<string> = new Set(statMeasures);

const exportColumns = [
  'regionCode',
  'regionName',
  'unitCode',
  'unitName',
  'kind',
  'year',
  'value',
  'regionTotal',
  'nationValue',
  'nationTotal',
  'lq',
  'shareOfRegion',
  'shareOfNation',
  'baseYear',
  'baseValue',
  'change',
  'cagr',
  'establishments',
  'strong',
  'strongTop10',
  'stars',
  'stage',
  'stageReason',
  'restsOnFilled',
];

/**
 * Cluster mapping: statistics datasets and their import (suppressed cells filled by the
 * dataset's rule), versioned cluster definitions, and the measures computed in SQL, with the
 * strong-cluster rule, stars, life-cycle stages and selection scoring applied to the results.
 * Every method checks the `mapping` permission; every change is in the audit trail.
 */
export class MappingService {
  /** Industry crosswalks between classification vintages. */
  readonly crosswalks: MappingCrosswalks;
  /** Strategic industries per province or nation: the data of the policy criterion. */
  readonly strategic: MappingStrategicIndustries;
  /** Plant-level employment of datasets and the Ellison–Glaeser index computed from it. */
  readonly plants: MappingPlants;

  constructor(private readonly db: Db) {
    this.crosswalks = new MappingCrosswalks(db, (ctx, action) => this.check(ctx, action));
    this.strategic = new MappingStrategicIndustries(db, (ctx, action) => this.check(ctx, action));
    this.plants = new MappingPlants(db, (ctx, action) => this.check(ctx, action));
  }

  private check(ctx: RequestContext, action: Action): void {
    if (decide(ctx.principal.grants, 'mapping', action)) return;
    const anonymous = ctx.principal.userId === null && ctx.via !== 'system';
    throw new AppError(
      anonymous ? 401 : 403,
      anonymous ? 'Sign-in required' : 'Forbidden',
      action === 'read'
        ? 'Cluster mapping needs a signed-in role other than evaluator.'
        : 'Changing mapping data needs an administrator or programme officer grant.',
    );
  }

  /** Every measure of a query, its cells' shape and the query reading one snapshot. */
  private computeAll(query: ComputeQuery): Promise<SqlRow[]> {
    const work = (tx: Db) => computeMeasures(tx, query);
    return this.db.isTransaction
      ? work(this.db)
      : this.db.transaction().setIsolationLevel('repeatable read').execute(work);
  }

  private async withCounts(row: DatasetRow): Promise<Dataset> {
    const counts = await datasetCounts(this.db, row.id);
    return { ...(row as Omit<Dataset, 'values' | 'suppressed' | 'filled' | 'years'>), ...counts };
  }

  async listDatasets(ctx: RequestContext): Promise<Dataset[]> {
    this.check(ctx, 'read');
    const rows = await listDatasets(this.db);
    return Promise.all(rows.map((r) => this.withCounts(r)));
  }

  async getDataset(ctx: RequestContext, id: number): Promise<Dataset> {
    this.check(ctx, 'read');
    const row = await findDataset(this.db, id);
    if (!row) throw new NotFoundError('dataset', id);
    return this.withCounts(row);
  }

  /** A dataset by id or exact name (for the command line). */
  async resolveDataset(ctx: RequestContext, key: string): Promise<Dataset | undefined> {
    this.check(ctx, 'read');
    const row = /^\d+$/.test(key)
      ? await findDataset(this.db, Number(key))
      : await findDatasetByName(this.db, key);
    return row ? this.withCounts(row) : undefined;
  }

  async createDataset(ctx: RequestContext, input: DatasetCreate): Promise<Dataset> {
    this.check(ctx, 'create');
    const row = await this.db
      .transaction()
      .execute(async (tx) => {
        const created = await insertDataset(tx, {
          name: input.name,
          source: input.source ?? null,
          licence: input.licence ?? null,
          universe: input.universe,
          fillRule: input.fillRule,
          description: input.description ?? null,
          synthetic: input.synthetic,
        });
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'mapping-datasets', created.id, null, created),
        ]);
        return created;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return this.withCounts(row);
  }

  /**
   * Changes a dataset's metadata, only the fields given, with before and after in the audit
   * trail. The universe is read when the measures are computed and no stored total depends on
   * it (mapping-totals.ts sums the regions either way), so a new universe applies at once. The
   * fill rule, though, was applied to the suppressed cells at import and their bands are not
   * kept, so their values cannot be refilled: a new rule is refused (409) while the dataset
   * holds suppressed cells, rather than leaving cells filled by a rule the dataset no longer
   * names; without them it applies to the next import. A name another dataset has is a 409.
   */
  async updateDataset(ctx: RequestContext, id: number, input: DatasetUpdate): Promise<Dataset> {
    this.check(ctx, 'update');
    const changes = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as DatasetUpdate;
    const row = await this.db
      .transaction()
      .execute(async (tx) => {
        const before = await findDataset(tx, id);
        if (!before) throw new NotFoundError('dataset', id);
        if (changes.fillRule !== undefined && changes.fillRule !== before.fillRule) {
          const { suppressed } = await datasetCounts(tx, id);
          if (suppressed > 0) {
            const message = `${suppressed} suppressed cells were filled by the rule ${before.fillRule} at import and their bands are not kept; delete the dataset and import it again to use another rule`;
            throw new ConflictError(`The fill rule of dataset ${id} cannot change: ${message}`, [
              { field: 'body.fillRule', message },
            ]);
          }
        }
        if (Object.keys(changes).length === 0) return before;
        const after = (await updateDataset(tx, id, changes))!;
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'mapping-datasets', id, before, after),
        ]);
        return after;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return this.withCounts(row);
  }

  async deleteDataset(ctx: RequestContext, id: number): Promise<void> {
    this.check(ctx, 'delete');
    await this.db.transaction().execute(async (tx) => {
      const row = await findDataset(tx, id);
      if (!row) throw new NotFoundError('dataset', id);
      const counts = await datasetCounts(tx, id);
      await deleteDataset(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'mapping-datasets', id, { ...row, values: counts.values }, null),
      ]);
    });
  }

  /**
   * Imports statistics into a dataset, all or nothing: columns region, industry, year, measure,
   * value, suppressed (optional), band_low and band_high (optional). A suppressed cell has an
   * empty value and suppressed = true; it is filled by the dataset's rule. With
   * kind = 'national' the rows are national totals and the region column is not read.
   */
  async importStatistics(
    ctx: RequestContext,
    datasetId: number,
    input: { file: StatFile } | { rows: StatJsonRow[] },
    kind: 'regional' | 'national' = 'regional',
  ): Promise<{ datasetId: number; inserted: number; suppressed: number; filled: number }> {
    this.check(ctx, 'create');
    const dataset = await findDataset(this.db, datasetId);
    if (!dataset) throw new NotFoundError('dataset', datasetId);
    const fileName = 'file' in input ? input.file.fileName : 'rows';
    const records =
      'file' in input ? await this.readStatFile(input.file) : this.jsonRecords(input.rows);
    const maps = await codeMaps(this.db);
    const issues: ImportIssue[] = [];
    const parsed: ParsedCell[] = [];
    const seen = new Map<string, number>();
    for (const r of records) {
      const rowIssues: ImportIssue[] = [];
      const bad = (column: string, value: string, message: string) =>
        rowIssues.push({ row: r.row, column, value, message });
      const region = kind === 'national' ? { id: 0, kind: '' } : maps.regions.get(r.region);
      if (!region)
        bad('region', r.region, r.region === '' ? 'is required' : 'is not a region code');
      const industry = maps.industries.get(r.industry);
      if (!industry)
        bad('industry', r.industry, r.industry === '' ? 'is required' : 'is not an industry code');
      const year = Number(r.year);
      if (!/^\d{4}$/.test(r.year)) bad('year', r.year, 'is not a four-digit year');
      if (!measureNames.has(r.measure))
        bad('measure', r.measure, `is not one of ${[...measureNames].join(', ')}`);
      const suppressed = /^(true|1|yes|y|x|d|s)$/i.test(r.suppressed);
      if (r.suppressed !== '' && !suppressed && !/^(false|0|no|n)$/i.test(r.suppressed))
        bad('suppressed', r.suppressed, 'is not true or false');
      const value = cellNumber(r.value);
      if (Number.isNaN(value)) bad('value', r.value, 'is not a number');
      else if (value === null && !suppressed)
        bad('value', '', 'is required unless suppressed is true');
      else if (value !== null && value < 0) bad('value', r.value, 'must not be negative');
      const bandLow = cellNumber(r.bandLow);
      const bandHigh = cellNumber(r.bandHigh);
      if (Number.isNaN(bandLow)) bad('band_low', r.bandLow, 'is not a number');
      if (Number.isNaN(bandHigh)) bad('band_high', r.bandHigh, 'is not a number');
      if (suppressed && kind === 'national')
        bad('suppressed', r.suppressed, 'national totals cannot be suppressed');
      if (rowIssues.length === 0) {
        const key = `${region!.id}|${industry!.id}|${year}|${r.measure}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          bad(
            'industry',
            r.industry,
            `repeats row ${earlier} (same region, industry, year, measure)`,
          );
        } else seen.set(key, r.row);
      }
      issues.push(...rowIssues);
      if (rowIssues.length > 0) continue;
      parsed.push({
        row: r.row,
        regionId: region!.id,
        industryId: industry!.id,
        parentId: industry!.parentId,
        year,
        measure: r.measure,
        value: suppressed ? null : value,
        suppressed,
        bandLow,
        bandHigh,
      });
    }
    if (records.length === 0)
      issues.push({ row: 1, column: '', value: '', message: 'the file has no data rows' });
    const { cells, issues: fillIssues } = fillSuppressed(parsed, dataset.fillRule as FillRule);
    issues.push(
      ...fillIssues.map((i) => ({ row: i.row, column: i.column, value: '', message: i.message })),
    );
    if (issues.length > 0) {
      throw new ImportError(
        fileName,
        issues.sort((a, b) => a.row - b.row),
      );
    }
    await this.db.transaction().execute(async (tx) => {
      if (kind === 'national') {
        await upsertNationalTotals(
          tx,
          cells.map((c) => ({
            datasetId,
            measure: c.measure,
            year: c.year,
            industryId: c.industryId,
            value: c.value,
          })),
        );
      } else {
        await upsertValues(
          tx,
          cells.map((c) => ({
            datasetId,
            measure: c.measure,
            year: c.year,
            regionId: c.regionId,
            industryId: c.industryId,
            value: c.value,
            suppressed: c.suppressed,
            filled: c.filled,
            fillRule: c.fillRule,
            synthetic: dataset.synthetic,
          })),
        );
      }
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'update', 'mapping-datasets', datasetId, null, {
          import: fileName,
          kind,
          rows: cells.length,
          suppressed: cells.filter((c) => c.suppressed).length,
          fillRule: dataset.fillRule,
        }),
      ]);
    });
    return {
      datasetId,
      inserted: cells.length,
      suppressed: cells.filter((c) => c.suppressed).length,
      filled: cells.filter((c) => c.filled).length,
    };
  }

  private async readStatFile(file: StatFile) {
    const { table, column: col } = await readUploadedTable(file);
    const at = {
      region: col('region', 'region_code'),
      industry: col('industry', 'industry_code'),
      year: col('year'),
      measure: col('measure'),
      value: col('value'),
      suppressed: col('suppressed'),
      bandLow: col('band_low', 'bandlow'),
      bandHigh: col('band_high', 'bandhigh'),
    };
    const missing = (['industry', 'year', 'measure', 'value'] as const).filter((k) => at[k] < 0);
    if (missing.length > 0) {
      throw new ImportError(
        file.fileName,
        missing.map((m) => ({
          row: table.headerRow,
          column: m,
          value: '',
          message: 'column missing from the header row',
        })),
      );
    }
    const get = (cells: Cell[], i: number) => (i < 0 ? '' : cellText(cells[i]));
    return table.rows
      .filter((r) => r.cells.some((c) => cellText(c) !== ''))
      .map((r) => ({
        row: r.row,
        region: get(r.cells, at.region),
        industry: get(r.cells, at.industry),
        year: get(r.cells, at.year),
        measure: get(r.cells, at.measure),
        value: get(r.cells, at.value),
        suppressed: get(r.cells, at.suppressed),
        bandLow: get(r.cells, at.bandLow),
        bandHigh: get(r.cells, at.bandHigh),
      }));
  }

  private jsonRecords(rows: StatJsonRow[]) {
    const s = (x: unknown) => (x === null || x === undefined ? '' : String(x));
    // JSON rows are numbered as a file would be: the first row is row 2, after a header.
    return rows.map((r, i) => ({
      row: i + 2,
      region: s(r.region),
      industry: s(r.industry),
      year: s(r.year),
      measure: s(r.measure),
      value: s(r.value),
      suppressed: r.suppressed ? 'true' : '',
      bandLow: s(r.bandLow),
      bandHigh: s(r.bandHigh),
    }));
  }

  /**
   * Re-expresses a dataset in another classification vintage through a crosswalk: a new dataset
   * (same universe, fill rule and flags) whose values are the source's split by the weights and
   * summed per target industry; values resting on filled cells stay flagged. Industries the
   * crosswalk does not map are refused (default), copied unchanged or left out.
   */
  async convertDataset(
    ctx: RequestContext,
    id: number,
    body: DatasetConvertBody,
  ): Promise<{
    dataset: Dataset;
    crosswalk: number;
    values: number;
    national: number;
    unmapped: string[];
  }> {
    this.check(ctx, 'create');
    const source = await findDataset(this.db, id);
    if (!source) throw new NotFoundError('dataset', id);
    const crosswalk = await findCrosswalk(this.db, body.crosswalk);
    if (!crosswalk) throw new NotFoundError('crosswalk', body.crosswalk);
    const unmapped = (await unmappedIndustries(this.db, id, crosswalk.id)).map((i) => i.code);
    if (unmapped.length > 0 && body.unmapped === 'error') {
      throw new ValidationError(
        `The crosswalk ${crosswalk.name} does not map ${unmapped.length} industries of the dataset`,
        unmapped.map((code) => ({
          field: 'body.crosswalk',
          message: `industry ${code} has no link (use unmapped=keep or drop)`,
        })),
      );
    }
    const result = await this.db
      .transaction()
      .execute(async (tx) => {
        const created = await insertDataset(tx, {
          name: body.name,
          source: source.source,
          licence: source.licence,
          universe: source.universe,
          fillRule: source.fillRule,
          description: `Converted from dataset ${source.id} (${source.name}) by crosswalk ${crosswalk.id} (${crosswalk.name}).`,
          synthetic: source.synthetic,
        });
        const counts = await convertValues(
          tx,
          source.id,
          created.id,
          crosswalk.id,
          body.unmapped === 'keep',
        );
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'mapping-datasets', created.id, null, {
            ...created,
            convertedFrom: source.id,
            crosswalk: crosswalk.id,
            unmapped: body.unmapped,
            ...counts,
          }),
        ]);
        return { created, counts };
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return {
      dataset: await this.withCounts(result.created),
      crosswalk: crosswalk.id,
      ...result.counts,
      unmapped,
    };
  }

  async listClusters(ctx: RequestContext, all: boolean): Promise<ClusterDefinition[]> {
    this.check(ctx, 'read');
    return (await listClusters(this.db, !all)) as ClusterDefinition[];
  }

  private async industryIdsOf(input: ClusterInput): Promise<number[]> {
    if (input.industryCodes.length === 0) return input.industryIds;
    const maps = await codeMaps(this.db);
    const errors = input.industryCodes
      .filter((c) => !maps.industries.has(c))
      .map((c) => ({ field: 'body.industryCodes', message: `no industry with code ${c}` }));
    if (errors.length > 0) throw new ValidationError('Unknown industry codes', errors);
    return [...input.industryIds, ...input.industryCodes.map((c) => maps.industries.get(c)!.id)];
  }

  async createCluster(
    ctx: RequestContext,
    input: ClusterInput,
    synthetic = false,
  ): Promise<ClusterDefinition> {
    this.check(ctx, 'create');
    const industryIds = await this.industryIdsOf(input);
    const id = await this.db
      .transaction()
      .execute(async (tx) => {
        const newId = await insertCluster(
          tx,
          {
            name: input.name,
            version: 1,
            kind: input.kind,
            description: input.description ?? null,
            source: input.source ?? null,
            synthetic,
          },
          industryIds,
        );
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'mapping-clusters', newId, null, { ...input, industryIds }),
        ]);
        return newId;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return (await findCluster(this.db, id)) as ClusterDefinition;
  }

  /** An update writes the next version of the cluster; earlier versions stay as they were. */
  async updateCluster(
    ctx: RequestContext,
    id: number,
    input: ClusterInput,
  ): Promise<ClusterDefinition> {
    this.check(ctx, 'update');
    const before = await findCluster(this.db, id);
    if (!before) throw new NotFoundError('cluster definition', id);
    const industryIds = await this.industryIdsOf(input);
    const newId = await this.db
      .transaction()
      .execute(async (tx) => {
        const latest = (await listClusters(tx, false))
          .filter((c) => c.name === before.name)
          .reduce((m, c) => Math.max(m, c.version), 0);
        const created = await insertCluster(
          tx,
          {
            name: input.name,
            version: input.name === before.name ? latest + 1 : 1,
            kind: input.kind,
            description: input.description ?? null,
            source: input.source ?? null,
            synthetic: false,
          },
          industryIds,
        );
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'mapping-clusters', created, before, { ...input, industryIds }),
        ]);
        return created;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return (await findCluster(this.db, newId)) as ClusterDefinition;
  }

  async deleteCluster(ctx: RequestContext, id: number): Promise<void> {
    this.check(ctx, 'delete');
    await this.db.transaction().execute(async (tx) => {
      const before = await findCluster(tx, id);
      if (!before) throw new NotFoundError('cluster definition', id);
      await deleteCluster(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'mapping-clusters', id, before, null),
      ]);
    });
  }

  private async computeQuery(
    q: MeasuresQuery,
    years: number[] | null,
    baseYear: number | null,
    measure: string,
  ): Promise<{ dataset: DatasetRow; query: ComputeQuery }> {
    const dataset = await findDataset(this.db, q.dataset);
    if (!dataset) throw new NotFoundError('dataset', q.dataset);
    let level = q.industryLevel ?? null;
    if (level === null) {
      const levels = await datasetIndustryLevels(this.db, dataset.id);
      // Parents stored beside their children (e.g. for the parent_share rule) would count twice.
      level = levels.length > 1 ? levels[levels.length - 1]! : null;
    }
    return {
      dataset,
      query: {
        datasetId: dataset.id,
        measure,
        regionKind: q.regionKind,
        unit: q.unit,
        clusterIds: q.cluster ?? [],
        years,
        baseYear,
        denominator: q.denominator,
        universe: dataset.universe === 'national' ? 'national' : 'sum',
        industryLevel: level,
      },
    };
  }

  /** Names of regions and units for a set of SQL rows. */
  private async labels(rows: SqlRow[], unit: 'cluster' | 'industry') {
    const regions = new Map(
      (await regionsOf(this.db, [...new Set(rows.map((r) => r.regionId))])).map((r) => [r.id, r]),
    );
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    const units = new Map<
      number,
      { code: string; name: string; kind: 'traded' | 'local' | null }
    >();
    if (unit === 'industry') {
      for (const i of await industriesOf(this.db, unitIds))
        units.set(i.id, { code: i.code, name: i.name, kind: null });
    } else {
      for (const c of await listClusters(this.db, false))
        units.set(c.id, {
          code: c.name,
          name: `${c.name} v${c.version}`,
          kind: c.kind as 'traded',
        });
    }
    return { regions, units };
  }

  /** The region x cluster (or industry) table of one year with every measure and rating. */
  async measures(ctx: RequestContext, q: MeasuresQuery): Promise<MeasuresResponse> {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, q.dataset);
    if (!dataset) throw new NotFoundError('dataset', q.dataset);
    const { years } = await datasetCounts(this.db, dataset.id);
    const year = q.year ?? years[years.length - 1];
    if (year === undefined) {
      throw new ValidationError('The dataset holds no values yet', [
        { field: 'querystring.dataset', message: 'has no values' },
      ]);
    }
    const baseYear = q.baseYear ?? (years[0] !== undefined && years[0] < year ? years[0] : null);
    // Every year up to `year`: the life-cycle rule reads the trajectory, not two points.
    const { query } = await this.computeQuery(q, null, baseYear, q.measure);
    const all = (await this.computeAll(query)).filter((r) => r.year <= year);
    const allEstabs =
      q.measure === 'establishments'
        ? all
        : await this.computeAll({ ...query, measure: 'establishments', baseYear: null });
    const key = (r: { regionId: number; unitId: number }) => `${r.regionId}|${r.unitId}`;
    const estabs = new Map(allEstabs.map((r) => [`${key(r)}|${r.year}`, r.value]));
    // Each regional cluster's trajectory up to the year shown, in year order: the same
    // trajectory the profile assesses, so both give one stage for one year.
    const trajectories = new Map<string, ClusterYear[]>();
    for (const r of [...all].sort((a, b) => a.year - b.year)) {
      if (r.year > year) continue;
      const e = estabs.get(`${key(r)}|${r.year}`);
      let trajectory = trajectories.get(key(r));
      if (!trajectory) trajectories.set(key(r), (trajectory = []));
      trajectory.push({
        year: r.year,
        employment: r.value,
        ...(e === undefined ? {} : { establishments: e }),
        locationQuotient: r.lq,
      });
    }
    const sqlRows = all.filter((r) => r.year === year);
    const { regions, units } = await this.labels(sqlRows, q.unit);
    const withEstabs = sqlRows.map((r) => ({
      ...r,
      establishments: estabs.get(`${key(r)}|${year}`) ?? null,
    }));
    const observations = withEstabs.map((r) => ({
      region: r.regionId,
      cluster: r.unitId,
      regionType: q.regionKind,
      locationQuotient: r.lq,
      employment: r.value,
      // Without establishments in the dataset the establishments condition cannot bind.
      establishments: r.establishments ?? 0,
    }));
    const strong = identifyStrongClusters(observations);
    const top10 = identifyStrongClusters(observations, { topShare: 0.1 });
    const stars = rateClusterStars(
      withEstabs.map((r) => ({
        region: r.regionId,
        cluster: r.unitId,
        employment: r.value,
        locationQuotient: r.lq,
        regionEmployment: r.regionTotal ?? 0,
      })),
      {
        sizeTopShare: 1 - q.sizePercentile,
        specialisationMinimumLocationQuotient: q.specialisationLq,
        focusTopShare: 1 - q.focusPercentile,
      },
    );
    let rows: MeasureRow[] = withEstabs.map((r, i) => {
      const region = regions.get(r.regionId);
      const u = units.get(r.unitId);
      const stage = assessLifeCycleStage(trajectories.get(key(r)) ?? [], {
        growthRate: q.growthThreshold,
      });
      const star = stars[i]!;
      return {
        ...r,
        regionCode: region?.code ?? String(r.regionId),
        regionName: region?.name ?? '',
        unitCode: u?.code ?? String(r.unitId),
        unitName: u?.name ?? '',
        kind: u?.kind ?? null,
        strong: strong[i]!.strong,
        strongTop10: top10[i]!.strong,
        stars: {
          size: star.size,
          specialisation: star.specialisation,
          focus: star.focus,
          count: star.stars,
        },
        stage: stage.stage,
        stageReason: stage.explanation,
        stageReasons: stage.reasonCodes,
      };
    });
    if (q.region !== undefined) {
      const region = await findRegionByCodeOrId(this.db, q.region);
      rows = rows.filter((r) => r.regionId === region?.id);
    }
    rows.sort(
      (a, b) => a.regionCode.localeCompare(b.regionCode) || a.unitCode.localeCompare(b.unitCode),
    );
    return {
      dataset: { id: dataset.id, name: dataset.name, synthetic: dataset.synthetic },
      measure: q.measure,
      year,
      baseYear,
      regionKind: q.regionKind,
      unit: q.unit,
      restsOnFilled: rows.some((r) => r.restsOnFilled),
      rows,
    };
  }

  /** One number per region for the map: the named value of one cluster, or over all clusters the region total (value) or the highest (others). */
  async choropleth(
    ctx: RequestContext,
    q: MeasuresQuery & {
      value: 'lq' | 'value' | 'shareOfRegion' | 'shareOfNation' | 'cagr' | 'change';
    },
  ) {
    const table = await this.measures(ctx, { ...q, region: undefined });
    const byRegion = new Map<number, MeasureRow[]>();
    for (const r of table.rows) byRegion.set(r.regionId, [...(byRegion.get(r.regionId) ?? []), r]);
    const regions = [...byRegion.values()].map((rows) => {
      const first = rows[0]!;
      const values = rows.map((r) => r[q.value]).filter((v): v is number => v !== null);
      let value: number | null = null;
      if (rows.length === 1) value = first[q.value];
      else if (q.value === 'value' || q.value === 'change')
        value = values.reduce((a, b) => a + b, 0);
      else if (values.length > 0) value = Math.max(...values);
      return {
        regionId: first.regionId,
        regionCode: first.regionCode,
        regionName: first.regionName,
        value,
        restsOnFilled: rows.some((r) => r.restsOnFilled),
      };
    });
    return {
      dataset: table.dataset,
      measure: table.measure,
      value: q.value,
      year: table.year,
      regions,
    };
  }

  /** LQ against growth, bubble size the measure, per cluster of one region. */
  async portfolio(ctx: RequestContext, q: MeasuresQuery & { region: string }) {
    this.check(ctx, 'read');
    const region = await findRegionByCodeOrId(this.db, q.region);
    if (!region) throw new NotFoundError('region', q.region);
    const table = await this.measures(ctx, { ...q, region: undefined });
    return {
      region: { id: region.id, code: region.code, name: region.name },
      year: table.year,
      baseYear: table.baseYear,
      points: table.rows
        .filter((r) => r.regionId === region.id)
        .map((r) => ({
          unitId: r.unitId,
          unitCode: r.unitCode,
          unitName: r.unitName,
          lq: r.lq,
          cagr: r.cagr,
          size: r.value,
          strong: r.strong,
          stage: r.stage,
          restsOnFilled: r.restsOnFilled,
        })),
    };
  }

  /** One regional cluster's trajectory over every year, with the stage each year and now. */
  async profile(
    ctx: RequestContext,
    q: Omit<MeasuresQuery, 'year' | 'baseYear' | 'cluster'> & {
      region: string;
      cluster: number;
      window: number;
    },
  ) {
    this.check(ctx, 'read');
    const region = await findRegionByCodeOrId(this.db, q.region);
    if (!region) throw new NotFoundError('region', q.region);
    const full: MeasuresQuery = { ...q, cluster: q.unit === 'cluster' ? [q.cluster] : undefined };
    const { query } = await this.computeQuery(full, null, null, q.measure);
    const pick = (rows: SqlRow[]) =>
      rows
        .filter((r) => r.regionId === region.id && r.unitId === q.cluster)
        .sort((a, b) => a.year - b.year);
    const rows = pick(await this.computeAll(query));
    const estabs = new Map(
      pick(await this.computeAll({ ...query, measure: 'establishments' })).map((r) => [
        r.year,
        r.value,
      ]),
    );
    const { units } = await this.labels(rows, q.unit);
    const unit = units.get(q.cluster);
    if (!unit && rows.length === 0) throw new NotFoundError(q.unit, q.cluster);
    const trajectory: ClusterYear[] = rows.map((r) => {
      const e = estabs.get(r.year);
      return {
        year: r.year,
        employment: r.value,
        ...(e === undefined ? {} : { establishments: e }),
        locationQuotient: r.lq,
      };
    });
    const years = rows.map((r, i) => {
      const from = rows[Math.max(0, i - q.window)]!;
      const span = r.year - from.year;
      const growth =
        span > 0 && from.value > 0 ? Math.pow(r.value / from.value, 1 / span) - 1 : null;
      // The stage each year from the trajectory up to that year, over the same window.
      const s = assessLifeCycleStage(trajectory.slice(0, i + 1), {
        windowYears: q.window,
        growthRate: q.growthThreshold,
      });
      return {
        year: r.year,
        value: r.value,
        establishments: estabs.get(r.year) ?? null,
        lq: r.lq,
        shareOfRegion: r.shareOfRegion,
        shareOfNation: r.shareOfNation,
        growth,
        stage: s.stage,
        stageReason: s.explanation,
        stageReasons: s.reasonCodes,
        restsOnFilled: r.restsOnFilled,
      };
    });
    const last = years[years.length - 1];
    return {
      region: { id: region.id, code: region.code, name: region.name },
      unit: { id: q.cluster, code: unit?.code ?? String(q.cluster), name: unit?.name ?? '' },
      measure: q.measure,
      stage: (last?.stage ?? null) as LifeCycleStage | null,
      stageReason: last ? `${last.year}: ${last.stageReason}` : 'no values',
      stageYear: last?.year ?? null,
      stageReasons: last?.stageReasons ?? [],
      years,
    };
  }

  /**
   * Scores, ranks and rank intervals of candidate complexes on weighted criteria: the domain's
   * min-max normalised weighted sum, and its rank simulation with weights drawn within bounds.
   */
  selection(ctx: RequestContext, body: SelectionBody) {
    this.check(ctx, 'read');
    type Candidate = SelectionBody['candidates'][number];
    const errors = body.criteria
      .filter((k) => (k.minWeight ?? k.weight) > (k.maxWeight ?? k.weight))
      .map((k) => ({
        field: `body.criteria.${k.key}`,
        message: 'minWeight must not exceed maxWeight',
      }));
    if (errors.length > 0) throw new ValidationError('Invalid weight bounds', errors);
    const config: SelectionConfig<Candidate> = {
      id: (c) => c.id,
      criteria: body.criteria.map((k) => ({
        key: k.key,
        label: k.key,
        weight: k.weight,
        measure: (c: Candidate) => c.values[k.key] ?? null,
        direction: k.direction,
      })),
      eligibility: body.eligibility.map((f) => ({
        key: f.key,
        reason: `${f.key} outside ${f.min ?? '-∞'}..${f.max ?? '∞'}`,
        test: (c: Candidate) => {
          const v = c.values[f.key];
          return (
            v !== undefined &&
            (f.min === undefined || v >= f.min) &&
            (f.max === undefined || v <= f.max)
          );
        },
      })),
      normalisation: body.normalisation,
    };
    const scored = scoreCandidates(body.candidates, config);
    const uncertainty =
      body.draws > 0 && scored.ranked.length > 0
        ? simulateRankUncertainty(body.candidates, config, {
            iterations: body.draws,
            random: createSeededRandom(body.seed),
            weightBounds: Object.fromEntries(
              body.criteria.map((k) => [
                k.key,
                [k.minWeight ?? k.weight, k.maxWeight ?? k.weight] as const,
              ]),
            ),
          })
        : [];
    const byId = new Map(uncertainty.map((u) => [u.id, u]));
    const names = new Map(body.candidates.map((c) => [c.id, c.name]));
    const ranked = scored.ranked.map((c) => {
      const u = byId.get(c.id);
      return {
        id: c.id,
        name: names.get(c.id) ?? c.id,
        eligible: true,
        normalised: c.normalised,
        score: c.score,
        rank: c.rank,
        rankLow: Math.round(u?.rankP5 ?? c.rank),
        rankMedian: Math.round(u?.medianRank ?? c.rank),
        rankHigh: Math.round(u?.rankP95 ?? c.rank),
      };
    });
    const excluded = scored.excluded.map((c) => ({
      id: c.id,
      name: names.get(c.id) ?? c.id,
      eligible: false,
      normalised: {},
      score: null,
      rank: null,
      rankLow: null,
      rankMedian: null,
      rankHigh: null,
      reasons: c.reasons,
    }));
    return { results: [...ranked, ...excluded] };
  }

  /** The year (default: latest) and base year (default: first) of a dataset, validated. */
  private async yearsOf(
    datasetId: number,
    year: number | undefined,
    baseYear?: number,
  ): Promise<{ year: number; baseYear: number | undefined }> {
    const { years } = await datasetCounts(this.db, datasetId);
    if (years.length === 0) {
      throw new ValidationError('The dataset holds no values yet', [
        { field: 'querystring.dataset', message: 'has no values' },
      ]);
    }
    const errors = (
      [
        ['year', year],
        ['baseYear', baseYear],
      ] as const
    )
      .filter(([, y]) => y !== undefined && !years.includes(y))
      .map(([field, y]) => ({
        field: `querystring.${field}`,
        message: `${y} is not a year of the dataset (${years.join(', ')})`,
      }));
    if (errors.length > 0) throw new ValidationError('Year not in the dataset', errors);
    return { year: year ?? years[years.length - 1]!, baseYear };
  }

  /** SQL rows (value, totals, LQ) of some years, every unit and region of a kind. */
  private async unitRows(
    q: Pick<MeasuresQuery, 'dataset' | 'regionKind' | 'unit' | 'cluster' | 'industryLevel'>,
    years: number[],
    measure: string,
  ): Promise<{ dataset: DatasetRow; rows: SqlRow[] }> {
    const { dataset, query } = await this.computeQuery(
      { ...(q as MeasuresQuery), denominator: 'all' },
      years,
      null,
      measure,
    );
    return { dataset, rows: await this.computeAll(query) };
  }

  /**
   * Shift-share of one region's units (clusters or industries) between a base year and a year
   * (`decomposeShiftShare`, Dunn 1960): national growth, industry mix and regional shift, in the
   * measure's units, against the dataset's reference universe.
   */
  async shiftShare(ctx: RequestContext, q: ShiftShareQuery): Promise<ShiftShareResponse> {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, q.dataset);
    if (!dataset) throw new NotFoundError('dataset', q.dataset);
    const region = await findRegionByCodeOrId(this.db, q.region);
    if (!region) throw new NotFoundError('region', q.region);
    const { year, baseYear: base } = await this.yearsOf(dataset.id, q.year, q.baseYear);
    const baseYear = base ?? (await datasetCounts(this.db, dataset.id)).years[0]!;
    if (baseYear >= year) {
      throw new ValidationError('The base year must come before the year', [
        { field: 'querystring.baseYear', message: `${baseYear} is not before ${year}` },
      ]);
    }
    // The region's own kind defines the universe of regions it is compared with.
    const { rows } = await this.unitRows(
      { ...q, regionKind: region.kind as MeasuresQuery['regionKind'] },
      [baseYear, year],
      q.measure,
    );
    const nation = (y: number) => {
      const units = new Map<number, number>();
      let total = 0;
      for (const r of rows) {
        if (r.year !== y) continue;
        if (r.nationValue !== null) units.set(r.unitId, r.nationValue);
        if (r.nationTotal !== null) total = r.nationTotal;
      }
      return { units, total };
    };
    const n0 = nation(baseYear);
    const n1 = nation(year);
    const mine = rows.filter((r) => r.regionId === region.id);
    const at = (unitId: number, y: number) => mine.find((r) => r.unitId === unitId && r.year === y);
    const { units: labels } = await this.labels(mine, q.unit);
    const rate = (a: number, b: number) => (a > 0 ? b / a - 1 : null);
    const total = { nationalGrowth: 0, industryMix: 0, regionalShift: 0, totalChange: 0 };
    const units = [...new Set(mine.map((r) => r.unitId))].map((unitId) => {
      const start = at(unitId, baseYear);
      const end = at(unitId, year);
      const parts = decomposeShiftShare({
        regionIndustryStart: start?.value ?? 0,
        regionIndustryEnd: end?.value ?? 0,
        nationIndustryStart: n0.units.get(unitId) ?? 0,
        nationIndustryEnd: n1.units.get(unitId) ?? 0,
        nationStart: n0.total,
        nationEnd: n1.total,
      });
      const totalChange = (end?.value ?? 0) - (start?.value ?? 0);
      total.totalChange += totalChange;
      total.nationalGrowth += parts?.nationalGrowth ?? 0;
      total.industryMix += parts?.industryMix ?? 0;
      total.regionalShift += parts?.regionalShift ?? totalChange;
      const u = labels.get(unitId);
      return {
        unitId,
        unitCode: u?.code ?? String(unitId),
        unitName: u?.name ?? '',
        baseValue: start?.value ?? 0,
        value: end?.value ?? 0,
        industryGrowthRate: rate(n0.units.get(unitId) ?? 0, n1.units.get(unitId) ?? 0),
        nationalGrowth: parts?.nationalGrowth ?? null,
        industryMix: parts?.industryMix ?? null,
        regionalShift: parts?.regionalShift ?? null,
        totalChange,
        restsOnFilled: Boolean(start?.restsOnFilled) || Boolean(end?.restsOnFilled),
      };
    });
    units.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    return {
      dataset: { id: dataset.id, name: dataset.name, synthetic: dataset.synthetic },
      measure: q.measure,
      region: { id: region.id, code: region.code, name: region.name },
      regionKind: region.kind,
      year,
      baseYear,
      unit: q.unit,
      nationalGrowthRate: rate(n0.total, n1.total),
      method:
        'Classic shift-share (Dunn 1960): Δe = e·G + e·(g_i − G) + e·(r_i − g_i), regional shift as the residual; units whose base-year national total is 0 have null parts and count as regional shift in the total.',
      units,
      total,
    };
  }

  /**
   * Per region the Krugman and Hoover specialisation and the Herfindahl of its unit shares; per
   * unit the Hoover localisation, and the Ellison–Glaeser γ with its G and H when the dataset
   * holds plants of the year (`MappingPlants.agglomeration`); without them γ is null.
   */
  async specialisation(
    ctx: RequestContext,
    q: SpecialisationQuery,
  ): Promise<SpecialisationResponse> {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, q.dataset);
    if (!dataset) throw new NotFoundError('dataset', q.dataset);
    const { year } = await this.yearsOf(dataset.id, q.year);
    const { rows } = await this.unitRows(q, [year], q.measure);
    const reference = new Map<number, number>();
    let nationTotal = 0;
    for (const r of rows) {
      if (r.nationValue !== null) reference.set(r.unitId, r.nationValue);
      if (r.nationTotal !== null) nationTotal = r.nationTotal;
    }
    const table = createRegionIndustryTable(
      rows.map((r) => ({ region: r.regionId, industry: r.unitId, value: r.value })),
      { reference: { byIndustry: reference, total: nationTotal } },
    );
    const { regions: regionLabels, units: unitLabels } = await this.labels(rows, q.unit);
    const regionTotals = new Map(rows.map((r) => [r.regionId, r.regionTotal ?? 0]));
    const regions = table.regions.map((regionKey) => {
      const regionId = regionKey as number;
      const values = table.industries.map((i) => table.get(regionId, i));
      const region = regionLabels.get(regionId);
      return {
        regionId,
        regionCode: region?.code ?? String(regionId),
        regionName: region?.name ?? '',
        total: table.regionTotal(regionId),
        krugman: computeKrugmanSpecialisationIndex(table, regionId),
        hoover: computeRegionHooverSpecialisation(table, regionId),
        herfindahl: computeHerfindahlHirschmanIndex(values),
        herfindahlNormalised: computeNormalisedHerfindahlHirschmanIndex(values),
        restsOnFilled: rows.some((r) => r.regionId === regionId && r.restsOnFilled),
      };
    });
    regions.sort((a, b) => a.regionCode.localeCompare(b.regionCode));
    const eg = await this.plants.agglomeration({
      datasetId: dataset.id,
      year,
      regionKind: q.regionKind,
      unit: q.unit,
      unitIds: table.industries as number[],
      regionTotals,
    });
    const egNote = eg.note;
    const units = table.industries.map((unitKey) => {
      const unitId = unitKey as number;
      const u = unitLabels.get(unitId);
      const a = eg.byUnit.get(unitId);
      return {
        unitId,
        unitCode: u?.code ?? String(unitId),
        unitName: u?.name ?? '',
        hooverLocalisation: computeHooverCoefficient(
          table.regions.map((r) => table.get(r, unitId)),
          table.regions.map((r) => regionTotals.get(r as number) ?? 0),
        ),
        ellisonGlaeser: a?.gamma ?? null,
        ellisonGlaeserNote: a?.note ?? egNote,
        egRawConcentration: a?.rawConcentration ?? null,
        egPlantHerfindahl: a?.plantHerfindahl ?? null,
        egPlants: a?.plants ?? null,
      };
    });
    units.sort((a, b) => a.unitCode.localeCompare(b.unitCode));
    return {
      dataset: { id: dataset.id, name: dataset.name, synthetic: dataset.synthetic },
      measure: q.measure,
      year,
      regionKind: q.regionKind,
      unit: q.unit,
      regions,
      units,
      notes: [
        'Krugman, Hoover specialisation and Herfindahl compare each region’s shares over the units listed with the reference universe’s shares over the same units.',
        'Hoover localisation compares each unit’s spread over the loaded regions with the spread of all of the measure (the regions’ totals).',
        egNote,
      ],
    };
  }

  /**
   * Proximity between clusters (or industries) from co-located specialisation across regions,
   * LQ ≥ threshold (Hidalgo et al. 2007; `computeProximityMatrix`), with the LQs of the
   * measures table (all of the region’s measure as the denominator).
   */
  async relatedness(ctx: RequestContext, q: RelatednessQuery): Promise<RelatednessResponse> {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, q.dataset);
    if (!dataset) throw new NotFoundError('dataset', q.dataset);
    const { year } = await this.yearsOf(dataset.id, q.year);
    const { rows } = await this.unitRows(q, [year], q.measure);
    // Clusters cover part of the industries: the rest of each region (and of the nation) is one
    // more column, so that the table's LQs are those of the measures table; it is left out below.
    const rest = 'rest';
    const reference = new Map<number | string, number>();
    let nationTotal = 0;
    const regionTotals = new Map<number, number>();
    const regionSums = new Map<number, number>();
    for (const r of rows) {
      if (r.nationValue !== null) reference.set(r.unitId, r.nationValue);
      if (r.nationTotal !== null) nationTotal = r.nationTotal;
      regionTotals.set(r.regionId, r.regionTotal ?? 0);
      regionSums.set(r.regionId, (regionSums.get(r.regionId) ?? 0) + r.value);
    }
    const cells: { region: number; industry: number | string; value: number }[] = rows.map((r) => ({
      region: r.regionId,
      industry: r.unitId,
      value: r.value,
    }));
    if (q.unit === 'cluster') {
      for (const [regionId, total] of regionTotals)
        cells.push({
          region: regionId,
          industry: rest,
          value: Math.max(0, total - (regionSums.get(regionId) ?? 0)),
        });
      let covered = 0;
      for (const v of reference.values()) covered += v;
      reference.set(rest, Math.max(0, nationTotal - covered));
    }
    const table = createRegionIndustryTable(cells, {
      reference: { byIndustry: reference, total: nationTotal },
    });
    const proximity = computeProximityMatrix(table, { threshold: q.threshold });
    const keep = proximity.industries.map((k, i) => [k, i] as const).filter(([k]) => k !== rest);
    const { units: labels } = await this.labels(rows, q.unit);
    const units = keep.map(([k]) => {
      const unitId = k as number;
      const u = labels.get(unitId);
      return {
        unitId,
        unitCode: u?.code ?? String(unitId),
        unitName: u?.name ?? '',
        specialisedRegions: rows.filter(
          (r) => r.unitId === unitId && r.lq !== null && r.lq >= q.threshold,
        ).length,
      };
    });
    const order = units
      .map((u, i) => ({ u, i }))
      .sort((a, b) => a.u.unitCode.localeCompare(b.u.unitCode));
    const matrix = order.map(({ i }) =>
      order.map(({ i: j }) => proximity.values[keep[i]![1]]![keep[j]![1]]!),
    );
    return {
      dataset: { id: dataset.id, name: dataset.name, synthetic: dataset.synthetic },
      measure: q.measure,
      year,
      regionKind: q.regionKind,
      unit: q.unit,
      threshold: q.threshold,
      method:
        'Proximity φ_ab = |regions with LQ ≥ threshold in both| / max(|in a|, |in b|) (Hidalgo, Klinger, Barabási & Hausmann 2007); 0 when neither is specialised anywhere.',
      units: order.map(({ u }) => u),
      matrix,
    };
  }

  /**
   * Selection of registry complexes on the five criteria of the programme (OECD 2007, Korea
   * chapter) computed from the registry, the statistics and the declared strategic industries;
   * formulas, units and definitions in `selectionCriteriaDefinitions`. Entered values take
   * precedence; the merged values are scored and ranked as `selection`.
   */
  async selectionFromData(ctx: RequestContext, body: SelectionFromDataBody) {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, body.dataset);
    if (!dataset) throw new NotFoundError('dataset', body.dataset);
    const { year } = await this.yearsOf(dataset.id, body.year);
    const facts = await complexFacts(this.db, body.complexes ?? null);
    const known = new Set(facts.map((f) => String(f.complexId)));
    const errors = [
      ...(body.complexes ?? [])
        .filter((id) => !known.has(String(id)))
        .map((id) => ({ field: 'body.complexes', message: `no complex with id ${id}` })),
      ...Object.keys(body.values)
        .filter((id) => !known.has(id))
        .map((id) => ({ field: `body.values.${id}`, message: 'is not one of the complexes' })),
    ];
    if (errors.length > 0) throw new ValidationError('Unknown complexes', errors);
    if (facts.length === 0) {
      throw new ValidationError('No complexes to select from', [
        { field: 'body.complexes', message: 'the registry holds no complexes' },
      ]);
    }
    if (body.programme !== undefined && !(await programmeExists(this.db, body.programme)))
      throw new NotFoundError('programme', body.programme);
    const levels = await datasetIndustryLevels(this.db, dataset.id);
    const level = levels.length > 1 ? levels[levels.length - 1]! : null;
    const provinces = await regionTotals(this.db, dataset.id, body.measure, year, level);
    const mainIds = [
      ...new Set(facts.flatMap((f) => (f.mainIndustryId === null ? [] : [f.mainIndustryId]))),
    ];
    const lineages = await industryLineages(this.db, mainIds);
    // The LQs of the measures table, at every industry level of the dataset, so that a main
    // industry finer than the statistics is read at its nearest ancestor the dataset holds.
    const lqs = new Map<string, number>();
    for (const l of levels) {
      const table = await this.measures(
        ctx,
        measuresQuery.parse({
          dataset: dataset.id,
          measure: body.measure,
          year,
          unit: 'industry',
          industryLevel: l,
        }),
      );
      for (const r of table.rows) if (r.lq !== null) lqs.set(`${r.regionId}|${r.unitId}`, r.lq);
    }
    const innovation = await this.innovationIndices(dataset.id, year);
    const strategic = await strategicPairs(this.db, body.programme ?? null);
    const regional = new Set(strategic.map((x) => `${x.regionId ?? 'nation'}|${x.industryId}`));
    const firstOf = <T>(
      f: ComplexFacts,
      read: (key: string) => T | undefined,
    ): { value: T; industryId: number } | undefined => {
      for (const id of lineages.get(f.mainIndustryId ?? -1) ?? []) {
        const value = read(`${f.provinceId}|${id}`);
        if (value !== undefined) return { value, industryId: id };
      }
      return undefined;
    };
    const parts = { lq: 0, rdIntensity: 0, patentIntensity: 0 };
    const candidates = facts.map((f) => {
      const computed: Record<string, number> = {
        companies: f.companies,
        employees: f.employees,
        knowledgeInstitutions: f.knowledgeInstitutions,
      };
      if (f.employees > 0 && f.mainIndustryEmployees !== null)
        computed.concentration = f.mainIndustryEmployees / f.employees;
      const provinceTotal = provinces.get(f.provinceId);
      if (provinceTotal !== undefined && provinceTotal > 0)
        computed.influence = f.employees / provinceTotal;
      const lq = firstOf(f, (k) => lqs.get(k));
      const rd = firstOf(f, (k) => innovation.rdIntensity.get(k));
      const patents = firstOf(f, (k) => innovation.patentIntensity.get(k));
      const available: number[] = [];
      for (const [key, part] of [
        ['lq', lq],
        ['rdIntensity', rd],
        ['patentIntensity', patents],
      ] as const) {
        if (part === undefined) continue;
        computed[key] = part.value;
        available.push(part.value);
        parts[key] += 1;
      }
      if (available.length > 0)
        computed.competitiveness = available.reduce((a, b) => a + b, 0) / available.length;
      const lineage = lineages.get(f.mainIndustryId ?? -1) ?? [];
      if (strategic.length > 0 && lineage.length > 0) {
        computed.policyConsistency = lineage.some((id) => regional.has(`${f.provinceId}|${id}`))
          ? 1
          : lineage.some((id) => regional.has(`nation|${id}`))
            ? 0.5
            : 0;
      }
      // A complex without organisations in the registry has no evidence either way: no value.
      if (f.employees > 0 || f.companies > 0 || f.knowledgeInstitutions > 0) {
        computed.leadingCompanyShare =
          f.leadingCompanyEmployees !== null && f.employees > 0
            ? f.leadingCompanyEmployees / f.employees
            : 0;
        computed.investmentExpectancy =
          (computed.leadingCompanyShare + (f.knowledgeInstitutions > 0 ? 1 : 0)) / 2;
      }
      const entered = body.values[String(f.complexId)] ?? {};
      const sources: Record<string, 'data' | 'entered'> = {};
      for (const k of Object.keys(computed)) sources[k] = 'data';
      for (const k of Object.keys(entered)) sources[k] = 'entered';
      return {
        id: String(f.complexId),
        name: f.name,
        mainIndustry: f.mainIndustryCode,
        values: { ...computed, ...entered },
        sources,
      };
    });
    const result = this.selection(ctx, {
      criteria: body.criteria,
      eligibility: body.eligibility,
      draws: body.draws,
      seed: body.seed,
      normalisation: body.normalisation,
      candidates: candidates.map((c) => ({ id: c.id, name: c.name, values: c.values })),
    });
    const n = facts.length;
    const partNote = (key: keyof typeof parts, missing: string) =>
      `${key} for ${parts[key]} of ${n} complexes${parts[key] === 0 ? ` (${missing})` : ''}`;
    return {
      ...result,
      year,
      candidates,
      definitions: selectionCriteriaDefinitions,
      notes: [
        `Statistics: ${dataset.name}${dataset.synthetic ? ' (synthetic demo data)' : ''}, ${year}; influence and lq on ${body.measure}. Organisations, employees and size classes: the registry.`,
        `competitiveness: mean of the available parts, each 1 at the national average: ${partNote('lq', 'no LQ for the main industry in the province')}; ${partNote('rdIntensity', 'the dataset holds no rd_spending with employment')}; ${partNote('patentIntensity', 'the dataset holds no patents with employment')}.`,
        strategic.length > 0
          ? `policyConsistency: ${strategic.length} declared (region or nation, industry) pairs${body.programme === undefined ? ' for any programme' : ` for any programme or programme ${body.programme}`}; 1 = strategic for the province, 0.5 = nationally only, 0 = neither (an industry counts through its ancestors).`
          : 'policyConsistency: not computed, no strategic industries are declared (PUT /api/v1/mapping/strategic-industries).',
        'investmentExpectancy: mean of leadingCompanyShare (largest large company’s employees ÷ the complex’s employees) and knowledge infrastructure (1 with a university or research institute in the complex).',
        'Entered values take precedence over computed ones (see sources).',
      ],
    };
  }

  /**
   * R&D spending and patents per employee of each industry in each province, as a ratio to the
   * same over all the dataset's provinces (a relative intensity, 1 = national average; after
   * the "relative R&D intensity" of OECD science and technology indicators). Empty when the
   * dataset lacks the measure or employment.
   */
  private async innovationIndices(datasetId: number, year: number) {
    const out = {
      rdIntensity: new Map<string, number>(),
      patentIntensity: new Map<string, number>(),
    };
    const held = new Set(await measuresOfYear(this.db, datasetId, year));
    if (!held.has('employment')) return out;
    for (const [measure, target] of [
      ['rd_spending', out.rdIntensity],
      ['patents', out.patentIntensity],
    ] as const) {
      if (!held.has(measure)) continue;
      const cells = await cellValues(this.db, datasetId, year, [measure, 'employment']);
      const employment = new Map(
        cells
          .filter((c) => c.measure === 'employment')
          .map((c) => [`${c.regionId}|${c.industryId}`, c.value]),
      );
      const pairs = cells.flatMap((c) => {
        const e = employment.get(`${c.regionId}|${c.industryId}`);
        return c.measure === measure && e !== undefined && e > 0 ? [{ ...c, employment: e }] : [];
      });
      const nation = new Map<number, { x: number; e: number }>();
      for (const c of pairs) {
        const t = nation.get(c.industryId) ?? { x: 0, e: 0 };
        t.x += c.value;
        t.e += c.employment;
        nation.set(c.industryId, t);
      }
      for (const c of pairs) {
        const t = nation.get(c.industryId)!;
        if (t.x > 0)
          target.set(`${c.regionId}|${c.industryId}`, c.value / c.employment / (t.x / t.e));
      }
    }
    return out;
  }

  /** The measures table as CSV, XLSX or JSON. */
  async exportMeasures(
    ctx: RequestContext,
    q: MeasuresQuery,
    format: ExportFormat,
  ): Promise<{ body: Buffer; contentType: string; fileName: string }> {
    const table = await this.measures(ctx, q);
    const rows = table.rows.map((r) => ({
      ...r,
      stars: r.stars.count,
    })) as unknown as Record<string, unknown>[];
    const name = `innocluster-mapping-${table.dataset.id}-${table.measure}-${table.year}`;
    const body =
      format === 'json'
        ? Buffer.from(JSON.stringify(table, null, 2))
        : format === 'csv'
          ? Buffer.from(writeCsv(exportColumns, rows, { bom: true }))
          : await writeXlsx('measures', exportColumns, rows, new Set());
    return { body, contentType: contentTypes[format], fileName: `${name}.${format}` };
  }

  /**
   * Every table of an export: the measures table, shift-share of each region (or of `region`)
   * between the base year and the year, specialisation by region and localisation by unit, and
   * the relatedness matrix, with the method notes. Shift-share is left out (with a note) when
   * the dataset has a single year.
   */
  async exportTables(
    ctx: RequestContext,
    q: MeasuresQuery,
    options: { region?: string; threshold?: number } = {},
  ): Promise<{ name: string; tables: ExportTable[]; notes: string[] }> {
    const table = await this.measures(ctx, q);
    const measuresRows = table.rows.map((r) => ({ ...r, stars: r.stars.count }));
    const tables: ExportTable[] = [
      { name: 'measures', columns: exportColumns, rows: measuresRows },
    ];
    const notes: string[] = [
      `Dataset ${table.dataset.name} (id ${table.dataset.id})${table.dataset.synthetic ? ', synthetic demo data' : ''}; measure ${table.measure}, in its own units; year ${table.year}.`,
    ];
    const pick = { dataset: q.dataset, measure: q.measure, year: table.year };
    const regions = options.region
      ? [options.region]
      : [...new Set(table.rows.map((r) => r.regionCode))].sort();
    const baseYear = table.baseYear ?? undefined;
    if (baseYear !== undefined && baseYear < table.year) {
      const shifts: ShiftShareResponse[] = [];
      for (const region of regions) {
        shifts.push(
          await this.shiftShare(ctx, {
            ...pick,
            baseYear,
            unit: q.unit,
            cluster: q.cluster,
            industryLevel: q.industryLevel,
            region,
          }),
        );
      }
      tables.push(shiftShareTable(shifts));
      if (shifts[0]) notes.push(`shift-share: ${shifts[0].method}`);
    } else {
      notes.push('shift-share: not computed, the base year is not before the year.');
    }
    const spec = await this.specialisation(ctx, {
      ...pick,
      regionKind: q.regionKind,
      unit: q.unit,
      cluster: q.cluster,
      industryLevel: q.industryLevel,
    });
    const { regions: specRegions, units: specUnits } = specialisationTables(spec);
    tables.push(specRegions, specUnits);
    notes.push(...spec.notes.map((n) => `specialisation: ${n}`));
    const related = await this.relatedness(ctx, {
      ...pick,
      regionKind: q.regionKind,
      unit: q.unit,
      cluster: q.cluster,
      industryLevel: q.industryLevel,
      threshold: options.threshold ?? 1,
    });
    tables.push(relatednessTable(related));
    notes.push(`relatedness: ${related.method}`);
    return {
      name: `innocluster-mapping-${table.dataset.id}-${table.measure}-${table.year}`,
      tables,
      notes,
    };
  }
}
