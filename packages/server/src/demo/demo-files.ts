import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/** The demo's source files; see data/README.md for where each comes from. */
export const demoDataDir = join(dirname(fileURLToPath(import.meta.url)), 'data');
export const provincesGeoJsonPath = join(demoDataDir, 'korea-provinces.geojson');

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(demoDataDir, file), 'utf8'), {
    columns: true,
    comment: '#',
    skip_empty_lines: true,
    trim: true,
  }) as Record<string, string>[];
}

function need(row: Record<string, string>, field: string, file: string, index: number): string {
  const value = row[field];
  if (value === undefined || value === '')
    throw new Error(`${file}, row ${index + 2}: ${field} is missing`);
  return value;
}

function int(row: Record<string, string>, field: string, file: string, index: number): number {
  const text = need(row, field, file, index);
  const value = Number(text);
  if (!Number.isInteger(value))
    throw new Error(`${file}, row ${index + 2}: ${field} "${text}" is not a whole number`);
  return value;
}

export interface ComplexSourceRow {
  complex: string;
  joinedMonth: string;
  focus: string;
  province: string;
}

export function readComplexes(): ComplexSourceRow[] {
  const file = 'iccp-complexes.csv';
  return readCsv(file).map((r, i) => ({
    complex: need(r, 'complex', file, i),
    joinedMonth: need(r, 'joined_programme', file, i),
    focus: need(r, 'cluster_focus', file, i),
    province: need(r, 'province', file, i),
  }));
}

export interface ComplexLocationRow {
  complex: string;
  nameKo: string;
  kind: 'national' | 'general';
  latitude: number;
  longitude: number;
}

export function readComplexLocations(): ComplexLocationRow[] {
  const file = 'complex-locations.csv';
  return readCsv(file).map((r, i) => ({
    complex: need(r, 'complex', file, i),
    nameKo: need(r, 'name_ko', file, i),
    kind: need(r, 'kind', file, i) as 'national' | 'general',
    latitude: Number(need(r, 'latitude', file, i)),
    longitude: Number(need(r, 'longitude', file, i)),
  }));
}

export interface ParticipantSourceRow {
  complex: string;
  companies: number;
  universities: number;
  researchInstitutes: number;
  supportInstitutions: number;
  total: number;
}

/** OECD (2007) Table 14.6; checks each row's total against the sum of its columns. */
export function readParticipants(): ParticipantSourceRow[] {
  const file = 'iccp-participants-2006.csv';
  return readCsv(file).map((r, i) => {
    const row = {
      complex: need(r, 'complex', file, i),
      companies: int(r, 'companies', file, i),
      universities: int(r, 'universities', file, i),
      researchInstitutes: int(r, 'research_centres', file, i),
      supportInstitutions: int(r, 'supporting_institutions', file, i),
      total: int(r, 'total', file, i),
    };
    if (
      row.companies + row.universities + row.researchInstitutes + row.supportInstitutions !==
      row.total
    ) {
      throw new Error(`${file}, row ${i + 2}: total ${row.total} is not the sum of the columns`);
    }
    return row;
  });
}

export interface BudgetYearSourceRow {
  year: number;
  need: number | null;
  allotted: number | null;
  allottedIsEstimate: boolean;
}

export function readBudgetYears(): BudgetYearSourceRow[] {
  const file = 'iccp-budget-multiyear.csv';
  return readCsv(file).map((r, i) => ({
    year: int(r, 'year', file, i),
    need: r.total_estimated_need_krw_100m ? Number(r.total_estimated_need_krw_100m) : null,
    allotted: r.allotted_budget_krw_100m ? Number(r.allotted_budget_krw_100m) : null,
    allottedIsEstimate: r.allotted_is_estimate === 'true',
  }));
}

export interface BudgetItemSourceRow {
  group: string;
  item: string;
  amount: number;
}

export function readBudgetItems(): BudgetItemSourceRow[] {
  const file = 'iccp-budget-2005.csv';
  return readCsv(file).map((r, i) => ({
    group: need(r, 'group', file, i),
    item: need(r, 'item', file, i),
    amount: int(r, 'krw_million', file, i),
  }));
}

export interface ProvinceFeatureProps {
  code_kostat: string;
  iso_3166_2: string;
  name_ko: string;
  name_en: string;
  region_5p2: string;
}

/** The 17 provinces' properties from the GeoJSON (geometry is served to the map separately). */
export function readProvinces(): ProvinceFeatureProps[] {
  const json = JSON.parse(readFileSync(provincesGeoJsonPath, 'utf8')) as {
    features: { properties: ProvinceFeatureProps }[];
  };
  return json.features.map((f) => f.properties);
}
