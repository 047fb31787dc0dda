import type { PlantImportResult, PlantSummary } from '@innocluster/contracts';
import { computeEllisonGlaeserIndex, type Action } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError, translateDbError } from '../errors.ts';
import { ImportError, type ImportIssue } from '../transfer/import.service.ts';
import { cellNumber, cellText, readUploadedTable, type Cell } from '../transfer/transfer-files.ts';
import {
  industryParents,
  plantsOfYear,
  plantSummary,
  upsertPlants,
  type PlantInsert,
  type PlantRow,
} from './mapping-plant.repository.ts';
import { codeMaps, findDataset, listClusters } from './mapping.repository.ts';

/** A plant file as uploaded: its name (.csv or .xlsx) and bytes. */
export interface PlantFile {
  fileName: string;
  content: Buffer;
}

/** One plant given as JSON instead of a file row. */
export interface PlantJsonRow {
  plant: string;
  region: string;
  industry: string;
  year: number;
  employment: number | null | undefined;
}

interface PlantRecord {
  row: number;
  plant: string;
  region: string;
  industry: string;
  year: string;
  employment: string;
}

/** Ellison–Glaeser of one unit (industry or cluster) from its plants. */
export interface UnitAgglomeration {
  gamma: number | null;
  rawConcentration: number | null;
  plantHerfindahl: number | null;
  plants: number | null;
  note: string;
}

/** The γ of every unit of a specialisation query, and the note that says where plants came from. */
export interface Agglomeration {
  hasPlants: boolean;
  byUnit: Map<number, UnitAgglomeration>;
  note: string;
}

/** The note of a unit when the dataset has no plants in the year. */
export function noPlantsNote(year: number): string {
  return `Ellison–Glaeser γ needs the employment of each plant (its Herfindahl H); the dataset has no plant-level data for ${year}. Import plants (columns plant, region, industry, year, employment: POST /api/v1/mapping/datasets/:id/plants or innocluster map import-plants) to compute it.`;
}

/**
 * Plant-level employment of a statistics dataset: its import (CSV or XLSX, or JSON rows; all or
 * nothing, a plant's row replaced by a new one of the same dataset, year and code), a summary
 * per year, and the Ellison–Glaeser agglomeration index of industries and clusters computed from
 * it. Checked with the `mapping` permission by the caller's check function; imports are audited.
 */
export class MappingPlants {
  constructor(
    private readonly db: Db,
    private readonly check: (ctx: RequestContext, action: Action) => void,
  ) {}

  /**
   * Imports plants into a dataset, all or nothing, in one transaction: columns plant, region,
   * industry, year, employment (region and industry by registry code). Every bad row is named by
   * row and column: unknown codes, a year that is not four digits, missing or negative
   * employment, a plant repeated in the file for the same year. A plant already stored for the
   * year is replaced. Plants carry the dataset's synthetic flag.
   */
  async importPlants(
    ctx: RequestContext,
    datasetId: number,
    input: { file: PlantFile } | { rows: PlantJsonRow[] },
  ): Promise<PlantImportResult> {
    this.check(ctx, 'create');
    const dataset = await findDataset(this.db, datasetId);
    if (!dataset) throw new NotFoundError('dataset', datasetId);
    const fileName = 'file' in input ? input.file.fileName : 'rows';
    const records =
      'file' in input ? await this.readPlantFile(input.file) : jsonRecords(input.rows);
    const maps = await codeMaps(this.db);
    const issues: ImportIssue[] = [];
    const plants: PlantInsert[] = [];
    const seen = new Map<string, number>();
    for (const r of records) {
      const rowIssues: ImportIssue[] = [];
      const bad = (column: string, value: string, message: string) =>
        rowIssues.push({ row: r.row, column, value, message });
      if (r.plant === '') bad('plant', '', 'is required');
      const region = maps.regions.get(r.region);
      if (!region)
        bad('region', r.region, r.region === '' ? 'is required' : 'is not a region code');
      const industry = maps.industries.get(r.industry);
      if (!industry)
        bad('industry', r.industry, r.industry === '' ? 'is required' : 'is not an industry code');
      const year = Number(r.year);
      if (!/^\d{4}$/.test(r.year) || year < 1900 || year > 2200)
        bad('year', r.year, r.year === '' ? 'is required' : 'is not a four-digit year');
      const employment = cellNumber(r.employment);
      if (employment === null) bad('employment', '', 'is required');
      else if (Number.isNaN(employment)) bad('employment', r.employment, 'is not a number');
      else if (employment < 0) bad('employment', r.employment, 'must not be negative');
      if (r.plant !== '' && rowIssues.every((i) => i.column !== 'year')) {
        const key = `${year}|${r.plant}`;
        const earlier = seen.get(key);
        if (earlier !== undefined)
          bad('plant', r.plant, `repeats row ${earlier} (same plant and year)`);
        else seen.set(key, r.row);
      }
      issues.push(...rowIssues);
      if (rowIssues.length > 0) continue;
      plants.push({
        datasetId,
        year,
        plant: r.plant,
        regionId: region!.id,
        industryId: industry!.id,
        employment: employment!,
        synthetic: dataset.synthetic,
      });
    }
    if (records.length === 0)
      issues.push({ row: 1, column: '', value: '', message: 'the file has no data rows' });
    if (issues.length > 0)
      throw new ImportError(
        fileName,
        issues.sort((a, b) => a.row - b.row),
      );
    const years = [...new Set(plants.map((p) => p.year))].sort((a, b) => a - b);
    const replaced = await this.db
      .transaction()
      .execute(async (tx) => {
        const stored = await tx
          .selectFrom('statPlant')
          .select(['year', 'plant'])
          .where('datasetId', '=', datasetId)
          .where('year', 'in', years)
          .execute();
        const storedKeys = new Set(stored.map((s) => `${s.year}|${s.plant}`));
        const count = plants.filter((p) => storedKeys.has(`${p.year}|${p.plant}`)).length;
        await upsertPlants(tx, plants);
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'mapping-datasets', datasetId, null, {
            importPlants: fileName,
            plants: plants.length,
            replaced: count,
            years,
          }),
        ]);
        return count;
      })
      .catch((e: unknown) => {
        throw translateDbError(e);
      });
    return { datasetId, inserted: plants.length, replaced, years };
  }

  /** Count and total employment of a dataset's plants per year (or in one year). */
  async summary(ctx: RequestContext, datasetId: number, year?: number): Promise<PlantSummary> {
    this.check(ctx, 'read');
    const dataset = await findDataset(this.db, datasetId);
    if (!dataset) throw new NotFoundError('dataset', datasetId);
    const years = await plantSummary(this.db, datasetId, year);
    return {
      datasetId,
      years,
      plants: years.reduce((a, y) => a + y.plants, 0),
      employment: years.reduce((a, y) => a + y.employment, 0),
    };
  }

  /**
   * The Ellison–Glaeser index (Ellison & Glaeser 1997, eq. 5; `computeEllisonGlaeserIndex`) of
   * each unit of a specialisation table from the dataset's plants of the year. A plant belongs to
   * an industry unit when its industry is the unit or lies below it, and to a cluster when its
   * industry (or one above it) is one of the cluster's industries. s_r is the unit's plant
   * employment per region, x_r each region's share of `regionTotals` (all of the measure per
   * region, the table's denominator), z the unit's plant employments. Only plants in the
   * table's regions count; the note says how many were left out.
   */
  async agglomeration(q: {
    datasetId: number;
    year: number;
    regionKind: string;
    unit: 'cluster' | 'industry';
    unitIds: number[];
    regionTotals: Map<number, number>;
  }): Promise<Agglomeration> {
    const all = await plantsOfYear(this.db, q.datasetId, q.year);
    const byUnit = new Map<number, UnitAgglomeration>();
    if (all.length === 0) {
      const note = noPlantsNote(q.year);
      for (const u of q.unitIds)
        byUnit.set(u, {
          gamma: null,
          rawConcentration: null,
          plantHerfindahl: null,
          plants: null,
          note,
        });
      return { hasPlants: false, byUnit, note };
    }
    const regionIds = [...q.regionTotals.keys()].sort((a, b) => a - b);
    const regionIndex = new Map(regionIds.map((r, i) => [r, i]));
    const x = regionIds.map((r) => q.regionTotals.get(r) ?? 0);
    const plants = all.filter((p) => regionIndex.has(p.regionId));
    const leftOut = all.length - plants.length;
    const parents = await industryParents(this.db);
    const lineage = new Map<number, Set<number>>();
    const lineageOf = (industryId: number): Set<number> => {
      let set = lineage.get(industryId);
      if (set) return set;
      set = new Set<number>();
      // The industry and every industry above it (a guard stops at a cycle in the registry).
      for (let i: number | null | undefined = industryId; i != null && !set.has(i);) {
        set.add(i);
        i = parents.get(i);
      }
      lineage.set(industryId, set);
      return set;
    };
    const members = new Map<number, number[]>();
    if (q.unit === 'cluster')
      for (const c of await listClusters(this.db, false)) members.set(c.id, c.industryIds);
    const synthetic = plants.filter((p) => p.synthetic).length;
    for (const unitId of q.unitIds) {
      const industries = q.unit === 'cluster' ? (members.get(unitId) ?? []) : [unitId];
      const mine: PlantRow[] = plants.filter((p) => {
        const line = lineageOf(p.industryId);
        return industries.some((i) => line.has(i));
      });
      byUnit.set(unitId, unitIndex(mine, regionIndex, x, q.year));
    }
    const parts = [
      `Ellison–Glaeser γ is computed from the ${plants.length} plants of ${q.year} imported into the dataset (plant-level employment${synthetic > 0 ? `; ${synthetic} flagged synthetic` : ''}): s_r is a unit’s plant employment per ${q.regionKind}, x_r each ${q.regionKind}’s share of all of the measure (the table’s region totals), H the Herfindahl of the unit’s plant employment shares (Ellison & Glaeser 1997).`,
    ];
    if (leftOut > 0)
      parts.push(
        `${leftOut} plants in regions that are not ${q.regionKind}s of the table are left out.`,
      );
    return { hasPlants: true, byUnit, note: parts.join(' ') };
  }

  private async readPlantFile(file: PlantFile): Promise<PlantRecord[]> {
    const { table, column: col } = await readUploadedTable(file);
    const at = {
      plant: col('plant', 'plant_id', 'plant_code', 'establishment'),
      region: col('region', 'region_code'),
      industry: col('industry', 'industry_code'),
      year: col('year'),
      employment: col('employment', 'employees'),
    };
    const missing = (Object.keys(at) as (keyof typeof at)[]).filter((k) => at[k] < 0);
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
    const get = (cells: Cell[], i: number) => cellText(cells[i]);
    return table.rows
      .filter((r) => r.cells.some((c) => cellText(c) !== ''))
      .map((r) => ({
        row: r.row,
        plant: get(r.cells, at.plant),
        region: get(r.cells, at.region),
        industry: get(r.cells, at.industry),
        year: get(r.cells, at.year),
        employment: get(r.cells, at.employment),
      }));
  }
}

function jsonRecords(rows: PlantJsonRow[]): PlantRecord[] {
  const s = (x: unknown) => (x === null || x === undefined ? '' : String(x).trim());
  // JSON rows are numbered as a file would be: the first row is row 2, after a header.
  return rows.map((r, i) => ({
    row: i + 2,
    plant: s(r.plant),
    region: s(r.region),
    industry: s(r.industry),
    year: s(r.year),
    employment: s(r.employment),
  }));
}

/** γ, G, H and the note of one unit from its plants (in the table's regions). */
function unitIndex(
  plants: PlantRow[],
  regionIndex: Map<number, number>,
  x: number[],
  year: number,
): UnitAgglomeration {
  const none = { gamma: null, rawConcentration: null, plantHerfindahl: null };
  if (plants.length === 0)
    return { ...none, plants: 0, note: `No plants of this unit in ${year}; γ is not computed.` };
  const s = x.map(() => 0);
  for (const p of plants) s[regionIndex.get(p.regionId)!]! += p.employment;
  const result = computeEllisonGlaeserIndex({
    industryEmploymentByRegion: s,
    regionEmployment: x,
    plantEmployment: plants.map((p) => p.employment),
  });
  if (!result)
    return {
      ...none,
      plants: plants.length,
      note: 'The unit’s plants (or the regions’ totals) sum to 0; γ is not computed.',
    };
  const base = {
    rawConcentration: result.rawConcentration,
    plantHerfindahl: result.plantHerfindahl,
    plants: plants.length,
  };
  if (result.gamma === null)
    return {
      ...base,
      gamma: null,
      note:
        plants.length === 1 || result.plantHerfindahl === 1
          ? 'One plant holds all of the unit’s employment (H = 1): γ is undefined.'
          : 'One region holds all of the measure (Σx_r² = 1): γ is undefined.',
    };
  return {
    ...base,
    gamma: result.gamma,
    note: `γ from ${plants.length} plants: G = ${result.rawConcentration.toFixed(4)}, H = ${result.plantHerfindahl.toFixed(4)}, Σx_r² = ${result.sumSquaredRegionShares.toFixed(4)}.`,
  };
}
