import type {
  AllocationCompareResponse,
  AllocationOutcome,
  AllocationRuleDto,
  AllocationScenario,
  AllocationScenarioCreate,
  AllocationSimulateRequest,
  AllocationSimulateResponse,
  EvaluationFramework,
  EvaluationFormula,
  FrameworkCreateRequest,
  FrameworkSummary,
  FrameworkVersionRequest,
  IndexMethodDto,
  IndexRun,
  IndexRunSummary,
  IndicatorDefinitionDto,
  IndicatorValueCell,
  PolicyHintsResponse,
  Scorecard,
  UncertaintyResult,
  UncertaintyRun,
  ValuesImportRequest,
  ValuesImportResponse,
  ValuesPutRequest,
  ValuesQuery,
  ValuesResponse,
  ValuesWriteResponse,
  indexRunRequest,
  uncertaintyRunRequest,
} from '@innocluster/contracts';
import {
  computeCompositeIndex,
  computeFrameworkWeights,
  decide,
  mayAtAll,
  selectPolicyHints,
  validateFramework,
  type Action,
  type AggregationMethod,
  type IndicatorFramework,
  type IndicatorNormalisation,
  type LifeCycleStage,
  type PolicyMeasure,
} from '@innocluster/domain';
import type { z } from 'zod';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import type { MappingService } from '../mapping/mapping.service.ts';
import type { NetworkService } from '../network/network.service.ts';
import { ImportError, type ImportIssue } from '../transfer/import.service.ts';
import { importFormatOf, readTable, type Cell } from '../transfer/transfer-files.ts';
import {
  allocate,
  complexRows,
  isMethodError,
  methodErrorField,
  recompute,
  type RecordedMethod,
  type ScoredComplex,
  type StoredIndexInput,
  toDomainMethod,
  type UncertaintyTask,
} from './evaluation-compute.ts';
import {
  computeFormulas,
  describeFormulas,
  evaluationFormulaNames,
} from './evaluation-formulas.ts';
import { UncertaintyJobs } from './evaluation-jobs.ts';
import { renderReportPdf, renderReportXlsx } from './evaluation-report.ts';
import {
  activityYears,
  complexFocus,
  deleteAllocationScenario,
  enteredYears,
  findAllocationScenarios,
  findFramework,
  findIndexRun,
  findUncertaintyRun,
  frameworkVersions,
  industrialDiversity,
  insertAllocationScenario,
  insertFramework,
  insertIndexRun,
  insertUncertaintyRun,
  latestEmploymentDataset,
  latestFrameworkVersion,
  latestIndexRunWithComplex,
  latestIndexRunOf,
  listAllocationScenarios,
  listComplexes,
  listEnteredValues,
  listFrameworks,
  listIndexRuns,
  listUncertaintyRuns,
  participatingComplexIds,
  updateUncertaintyRun,
  writeEnteredValues,
  type AllocationScenarioRow,
  type ComplexRef,
  type FrameworkRow,
  type IndexRunRow,
  type UncertaintyRunRow,
  type ValueWrite,
} from './evaluation.repository.ts';

type IndexRunBody = z.output<typeof indexRunRequest>;
type UncertaintyBody = z.output<typeof uncertaintyRunRequest>;

/** The stored definition of a framework version. */
interface FrameworkDefinition {
  tracks: IndicatorFramework['tracks'];
  indicators: IndicatorDefinitionDto[];
}

/** What an index run stores in its result column: the contract's parts plus its exact input. */
interface StoredRunResult {
  indicators: IndexRun['indicators'];
  complexes: IndexRun['complexes'];
  excluded: IndexRun['excluded'];
  weightDetails: IndexRun['weightDetails'];
  frameworkCode: string;
  frameworkVersion: number;
  input: StoredIndexInput;
  complexCount?: number;
}

const yearsBack = 10;

/**
 * The evaluation of complexes: versioned indicator frameworks, entered and computed indicator
 * values, composite index runs that record every choice, Monte Carlo uncertainty runs in
 * worker threads, allocation by rule with saved scenarios, scorecards, policy hints by life
 * cycle and the data behind the reports. Permissions: resource `evaluations` (task forces
 * enter their own complex's values); every write is audited.
 */
export class EvaluationService {
  constructor(
    private readonly db: Db,
    private readonly deps: { mapping: MappingService; networks: NetworkService },
    readonly jobs: UncertaintyJobs = new UncertaintyJobs(),
  ) {}

  /**
   * Runs `work` in a transaction, or inside the caller's when the service was built on one
   * (the demo loader builds it on its own transaction).
   */
  private inTx<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work);
  }

  private check(ctx: RequestContext, action: Action, complexIds?: readonly number[]): void {
    if (decide(ctx.principal.grants, 'evaluations', action, complexIds ? { complexIds } : {}))
      return;
    const anonymous = ctx.principal.userId === null && ctx.via !== 'system';
    throw new AppError(
      anonymous ? 401 : 403,
      anonymous ? 'Sign-in required' : 'Forbidden',
      action === 'read'
        ? 'The evaluation needs a role that reads evaluations.'
        : `Your role may not ${action} ${complexIds ? `evaluation values of complex ${complexIds.join(', ')}` : 'evaluations (frameworks, index runs, allocation)'}.`,
    );
  }

  // --- frameworks ----------------------------------------------------------------------------

  formulas(ctx: RequestContext): EvaluationFormula[] {
    this.check(ctx, 'read');
    return describeFormulas();
  }

  private toSummary(row: FrameworkRow): FrameworkSummary {
    const def = row.definition as FrameworkDefinition;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      version: row.version,
      latest: row.latest,
      trackCount: def.tracks.length,
      indicatorCount: def.indicators.length,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      synthetic: row.synthetic,
    };
  }

  private toFramework(row: FrameworkRow): EvaluationFramework {
    const def = row.definition as FrameworkDefinition;
    const weights = computeFrameworkWeights(this.domainFramework(row));
    return {
      ...this.toSummary(row),
      tracks: def.tracks,
      indicators: def.indicators,
      nestedWeights: def.indicators.map((i, k) => ({ code: i.code, weight: weights[k] ?? 0 })),
    };
  }

  private domainFramework(row: FrameworkRow): IndicatorFramework {
    const def = row.definition as FrameworkDefinition;
    return {
      code: row.code,
      name: row.name,
      version: row.version,
      tracks: def.tracks,
      indicators: def.indicators,
    };
  }

  private async frameworkRow(id: number): Promise<FrameworkRow> {
    const row = await findFramework(this.db, id);
    if (!row) throw new NotFoundError('evaluation framework', id);
    return row;
  }

  async listFrameworks(ctx: RequestContext): Promise<FrameworkSummary[]> {
    this.check(ctx, 'read');
    return (await listFrameworks(this.db)).map((r) => this.toSummary(r));
  }

  async getFramework(ctx: RequestContext, id: number): Promise<EvaluationFramework> {
    this.check(ctx, 'read');
    return this.toFramework(await this.frameworkRow(id));
  }

  async frameworkVersions(ctx: RequestContext, id: number): Promise<FrameworkSummary[]> {
    this.check(ctx, 'read');
    const row = await this.frameworkRow(id);
    return (await frameworkVersions(this.db, row.code)).map((r) => this.toSummary(r));
  }

  /** Validates with the domain (formulas from the registry); issues name indicator and field. */
  private validate(framework: IndicatorFramework): void {
    const issues = validateFramework(framework, { knownFormulas: evaluationFormulaNames });
    if (issues.length === 0) return;
    const position = (code: string | null, scope: string) => {
      if (code === null) return null;
      const list = scope === 'track' ? framework.tracks : framework.indicators;
      const k = list.findIndex((x) => x.code === code);
      return k < 0 ? null : `${scope === 'track' ? 'tracks' : 'indicators'}[${k}]`;
    };
    throw new ValidationError(
      `Invalid indicator framework: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`,
      issues.map((i) => {
        const at = position(i.item, i.scope);
        return {
          field: `body.${at ? `${at}.` : ''}${i.field}`,
          message: `${i.item ? `${i.scope} ${i.item}: ` : ''}${i.message}`,
        };
      }),
    );
  }

  private async storeFramework(
    ctx: RequestContext,
    code: string,
    body: FrameworkVersionRequest,
    action: 'create' | 'update',
    synthetic = false,
  ): Promise<EvaluationFramework> {
    return this.inTx(async (tx) => {
      const version = (await latestFrameworkVersion(tx, code)) + 1;
      const framework: IndicatorFramework = {
        code,
        name: body.name,
        version,
        tracks: body.tracks,
        indicators: body.indicators,
      };
      this.validate(framework);
      const id = await insertFramework(tx, {
        code,
        version,
        name: body.name,
        definition: { tracks: body.tracks, indicators: body.indicators },
        createdBy: ctx.principal.userId,
        synthetic,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'evaluation-framework', id, null, {
          how: action === 'create' ? 'new framework' : 'new version',
          code,
          version,
          name: body.name,
          indicators: body.indicators.map((i) => i.code),
        }),
      ]);
      const row = await findFramework(tx, id);
      return this.toFramework(row!);
    });
  }

  async createFramework(
    ctx: RequestContext,
    body: FrameworkCreateRequest,
    options: { synthetic?: boolean } = {},
  ): Promise<EvaluationFramework> {
    this.check(ctx, 'create');
    if ((await latestFrameworkVersion(this.db, body.code)) > 0) {
      throw new AppError(
        409,
        'Conflict',
        `A framework ${body.code} exists; add a version instead`,
        [{ field: 'body.code', message: `already used: ${body.code}` }],
      );
    }
    return this.storeFramework(ctx, body.code, body, 'create', options.synthetic ?? false);
  }

  /** A new version of the framework's code (the id may name any version). */
  async createVersion(
    ctx: RequestContext,
    id: number,
    body: FrameworkVersionRequest,
  ): Promise<EvaluationFramework> {
    this.check(ctx, 'update');
    const row = await this.frameworkRow(id);
    return this.storeFramework(ctx, row.code, body, 'update');
  }

  // --- values --------------------------------------------------------------------------------

  /**
   * The cells of a framework: entered values and, for computed indicators, the formula's value
   * beside them; `value` is what an index run uses.
   */
  async values(ctx: RequestContext, q: ValuesQuery): Promise<ValuesResponse> {
    this.check(ctx, 'read');
    const row = await this.frameworkRow(q.frameworkId);
    const def = row.definition as FrameworkDefinition;
    const entered = await listEnteredValues(this.db, row.code, {
      ...(q.year !== undefined ? { fromYear: q.year, toYear: q.year } : {}),
      ...(q.fromYear !== undefined ? { fromYear: q.fromYear } : {}),
      ...(q.toYear !== undefined ? { toYear: q.toYear } : {}),
      ...(q.complexId !== undefined ? { complexIds: [q.complexId] } : {}),
    });
    let years: number[];
    if (q.year !== undefined) years = [q.year];
    else {
      let all = await enteredYears(this.db, row.code);
      // A framework of computed indicators only: the years the platform recorded activities.
      if (all.length === 0) all = await activityYears(this.db);
      const from = q.fromYear ?? all[0];
      const to = q.toYear ?? all[all.length - 1];
      years = [];
      if (from !== undefined && to !== undefined) for (let y = from; y <= to; y += 1) years.push(y);
    }
    let complexIds: number[];
    if (q.complexId !== undefined) complexIds = [q.complexId];
    else {
      const set = new Set(entered.map((e) => e.complexId));
      for (const y of years.slice(-1))
        for (const c of await participatingComplexIds(this.db, y)) set.add(c);
      complexIds = [...set].sort((a, b) => a - b);
    }
    const complexes = await listComplexes(this.db, complexIds);
    if (q.complexId !== undefined && complexes.length === 0)
      throw new NotFoundError('complex', q.complexId);
    const cells = await this.cells(def, complexes, years, entered);
    return {
      framework: { id: row.id, code: row.code, version: row.version },
      complexes: complexes.map((c) => ({ id: c.id, name: c.name })),
      years,
      indicators: def.indicators,
      cells,
    };
  }

  private async cells(
    def: FrameworkDefinition,
    complexes: readonly ComplexRef[],
    years: readonly number[],
    entered: Awaited<ReturnType<typeof listEnteredValues>>,
  ): Promise<IndicatorValueCell[]> {
    if (years.length === 0 || complexes.length === 0) return [];
    const formulas = def.indicators.flatMap((i) =>
      i.source.kind === 'computed' ? [i.source.formula] : [],
    );
    const computed = await computeFormulas(
      this.db,
      formulas,
      complexes.map((c) => c.id),
      Math.min(...years),
      Math.max(...years),
    );
    const enteredAt = new Map(
      entered.map((e) => [`${e.indicatorCode}|${e.complexId}|${e.year}`, e] as const),
    );
    const cells: IndicatorValueCell[] = [];
    for (const c of complexes) {
      for (const year of years) {
        for (const ind of def.indicators) {
          const e = enteredAt.get(`${ind.code}|${c.id}|${year}`);
          const formula = ind.source.kind === 'computed' ? ind.source.formula : null;
          const comp =
            formula === null ? null : (computed.get(formula)?.get(`${c.id}:${year}`) ?? null);
          const value = formula === null ? (e?.value ?? null) : comp;
          cells.push({
            complexId: c.id,
            year,
            indicatorCode: ind.code,
            entered: e
              ? {
                  id: e.id,
                  value: e.value,
                  source: e.source,
                  enteredBy: e.enteredBy,
                  updatedAt: e.updatedAt,
                  synthetic: e.synthetic,
                }
              : null,
            computed: comp,
            value,
            origin: value === null ? null : formula === null ? 'entered' : 'computed',
          });
        }
      }
    }
    return cells;
  }

  /**
   * Checks a batch of entered values against the framework (known indicator code, entered
   * indicator, existing complex, finite value) and the caller's complexes; returns the writes or
   * the issues, each naming its row and field.
   */
  private async checkWrites(
    ctx: RequestContext,
    def: FrameworkDefinition,
    rows: {
      at: string;
      indicatorCode: string;
      complexId: number | null;
      year: number | null;
      value: number | null;
      source: string | null;
      raw: Record<string, string>;
    }[],
  ): Promise<{
    writes: ValueWrite[];
    issues: { at: string; field: string; value: string; message: string }[];
  }> {
    const byCode = new Map(def.indicators.map((i) => [i.code, i]));
    const ids = [...new Set(rows.flatMap((r) => (r.complexId === null ? [] : [r.complexId])))];
    const known = new Set((await listComplexes(this.db, ids)).map((c) => c.id));
    const issues: { at: string; field: string; value: string; message: string }[] = [];
    const writes: ValueWrite[] = [];
    const seen = new Map<string, string>();
    for (const r of rows) {
      const before = issues.length;
      const add = (field: string, message: string) =>
        issues.push({ at: r.at, field, value: r.raw[field] ?? '', message });
      const ind = byCode.get(r.indicatorCode);
      if (!ind) add('indicator', `is not an indicator of this framework`);
      else if (ind.source.kind === 'computed')
        add('indicator', `is computed by the formula ${ind.source.formula}; it cannot be entered`);
      if (r.complexId === null) add('complex', 'is not a complex');
      else if (!known.has(r.complexId)) add('complex', 'is not a complex');
      else if (
        !decide(ctx.principal.grants, 'evaluations', 'update', { complexIds: [r.complexId] })
      )
        add('complex', 'is not a complex your role may enter values for');
      if (r.year === null || !Number.isInteger(r.year) || r.year < 1990 || r.year > 2100)
        add('year', 'must be a year from 1990 to 2100');
      if (r.value !== null && !Number.isFinite(r.value)) add('value', 'must be a finite number');
      if (issues.length > before) continue;
      const key = `${r.indicatorCode}|${r.complexId}|${r.year}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        add('indicator', `repeats ${earlier} (same indicator, complex and year)`);
        continue;
      }
      seen.set(key, r.at);
      writes.push({
        indicatorCode: r.indicatorCode,
        complexId: r.complexId as number,
        year: r.year as number,
        value: r.value,
        source: r.source,
      });
    }
    return { writes, issues };
  }

  private async write(
    ctx: RequestContext,
    row: FrameworkRow,
    writes: ValueWrite[],
    how: string,
  ): Promise<ValuesWriteResponse> {
    return this.inTx(async (tx) => {
      const result = await writeEnteredValues(tx, row.code, writes, ctx.principal.userId);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'update', 'indicator-values', row.code, null, {
          frameworkCode: row.code,
          how,
          written: result.written,
          deleted: result.deleted,
          values: writes.slice(0, 200),
        }),
      ]);
      return result;
    });
  }

  /** Writes a batch of entered values, all or nothing; errors name body.values[i].field. */
  async putValues(ctx: RequestContext, body: ValuesPutRequest): Promise<ValuesWriteResponse> {
    const complexIds = [...new Set(body.values.map((v) => v.complexId))];
    if (
      !complexIds.every((c) =>
        decide(ctx.principal.grants, 'evaluations', 'update', { complexIds: [c] }),
      )
    )
      this.check(ctx, 'update', complexIds);
    const row = await this.frameworkRow(body.frameworkId);
    const { writes, issues } = await this.checkWrites(
      ctx,
      row.definition as FrameworkDefinition,
      body.values.map((v, i) => ({
        at: `body.values[${i}]`,
        indicatorCode: v.indicatorCode,
        complexId: v.complexId,
        year: v.year,
        value: v.value,
        source: v.source ?? null,
        raw: {},
      })),
    );
    if (issues.length > 0) {
      const fieldOf: Record<string, string> = {
        indicator: 'indicatorCode',
        complex: 'complexId',
        year: 'year',
        value: 'value',
      };
      throw new ValidationError(
        `${issues.length} invalid ${issues.length === 1 ? 'value' : 'values'}; nothing was written`,
        issues.map((i) => ({
          field: `${i.at}.${fieldOf[i.field] ?? i.field}`,
          message: i.message,
        })),
      );
    }
    return this.write(ctx, row, writes, 'entered');
  }

  /**
   * Imports a CSV or XLSX file of entered values (columns complex — id or name —, year,
   * indicator, value, source), all or nothing; every problem names the file row and column.
   */
  async importValues(
    ctx: RequestContext,
    body: ValuesImportRequest,
  ): Promise<ValuesImportResponse> {
    // Rows outside the caller's complexes are refused row by row below.
    if (!mayAtAll(ctx.principal.grants, 'evaluations', 'update')) this.check(ctx, 'update');
    const row = await this.frameworkRow(body.frameworkId);
    const format = importFormatOf(body.fileName);
    if (!format) {
      throw new ValidationError('Unsupported file', [
        { field: 'body.fileName', message: 'must end in .csv or .xlsx' },
      ]);
    }
    const table = await readTable(Buffer.from(body.contentBase64, 'base64'), format);
    const header = table.header.map((h) => h.trim().toLowerCase());
    const required = ['complex', 'year', 'indicator', 'value'];
    const missing = required.filter((c) => !header.includes(c));
    if (missing.length > 0) {
      throw new ImportError(
        body.fileName,
        missing.map((c) => ({
          row: table.headerRow,
          column: c,
          value: '',
          message: `the header has no column ${c} (columns: complex, year, indicator, value, source)`,
        })),
      );
    }
    const col = (name: string) => header.indexOf(name);
    const text = (c: Cell | undefined) =>
      c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c).trim();
    const complexes = await listComplexes(this.db);
    const byName = new Map(complexes.map((c) => [c.name.toLowerCase(), c.id]));
    const byId = new Set(complexes.map((c) => c.id));
    const issues: ImportIssue[] = [];
    const rows = table.rows
      .filter((r) => r.cells.some((c) => text(c) !== ''))
      .map((r) => {
        const raw = {
          complex: text(r.cells[col('complex')]),
          year: text(r.cells[col('year')]),
          indicator: text(r.cells[col('indicator')]),
          value: text(r.cells[col('value')]),
          source: col('source') >= 0 ? text(r.cells[col('source')]) : '',
        };
        const asId = /^\d+$/.test(raw.complex) ? Number(raw.complex) : null;
        const complexId =
          asId !== null && byId.has(asId) ? asId : (byName.get(raw.complex.toLowerCase()) ?? null);
        const year = /^\d{4}$/.test(raw.year) ? Number(raw.year) : null;
        const number = raw.value === '' ? Number.NaN : Number(raw.value.replace(/,/g, ''));
        if (raw.value === '') {
          issues.push({ row: r.row, column: 'value', value: '', message: 'is empty' });
        }
        return {
          at: String(r.row),
          indicatorCode: raw.indicator,
          complexId,
          year,
          value: raw.value === '' ? 0 : number,
          source: raw.source === '' ? body.fileName : raw.source,
          raw,
        };
      });
    const checked = await this.checkWrites(ctx, row.definition as FrameworkDefinition, rows);
    for (const i of checked.issues) {
      issues.push({ row: Number(i.at), column: i.field, value: i.value, message: i.message });
    }
    if (rows.length === 0) {
      issues.push({
        row: table.headerRow + 1,
        column: '',
        value: '',
        message: 'the file has no data rows',
      });
    }
    if (issues.length > 0) {
      issues.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
      throw new ImportError(body.fileName, issues);
    }
    const result = await this.write(ctx, row, checked.writes, `import ${body.fileName}`);
    return { ...result, rows: rows.length };
  }

  // --- index runs ----------------------------------------------------------------------------

  /**
   * The input table of a framework for complexes and a year, with earlier years as history
   * when the rule carries values forward.
   */
  private async buildInput(
    row: FrameworkRow,
    indicators: readonly IndicatorDefinitionDto[],
    complexes: readonly ComplexRef[],
    year: number,
    withHistory: boolean,
  ): Promise<{ input: StoredIndexInput; years: number[] }> {
    const from = withHistory ? year - yearsBack : year;
    const years: number[] = [];
    for (let y = from; y <= year; y += 1) years.push(y);
    const entered = await listEnteredValues(this.db, row.code, {
      fromYear: from,
      toYear: year,
      complexIds: complexes.map((c) => c.id),
    });
    const cells = await this.cells(
      { tracks: [], indicators: [...indicators] },
      complexes,
      years,
      entered,
    );
    const at = new Map(cells.map((c) => [`${c.complexId}|${c.year}|${c.indicatorCode}`, c.value]));
    const table = (y: number) =>
      complexes.map((c) => indicators.map((i) => at.get(`${c.id}|${y}|${i.code}`) ?? null));
    const history = years
      .filter((y) => y < year)
      .map((y) => ({ year: y, values: table(y) }))
      .filter((h) => h.values.some((r) => r.some((v) => v !== null)));
    return {
      input: {
        complexIds: complexes.map((c) => c.id),
        complexNames: complexes.map((c) => c.name),
        indicators: indicators.map((i) => ({ code: i.code, name: i.name, direction: i.direction })),
        values: table(year),
        history,
      },
      years: [...history.map((h) => h.year), year],
    };
  }

  /** Computes a composite index and stores it with every choice; returns the stored run. */
  async createIndexRun(
    ctx: RequestContext,
    body: IndexRunBody,
    options: { synthetic?: boolean } = {},
  ): Promise<IndexRun> {
    this.check(ctx, 'create');
    const row = await this.frameworkRow(body.frameworkId);
    const def = row.definition as FrameworkDefinition;
    let indicators = def.indicators;
    if (body.indicatorCodes) {
      const errors: FieldError[] = [];
      indicators = body.indicatorCodes.flatMap((code, i) => {
        const found = def.indicators.find((x) => x.code === code);
        if (!found)
          errors.push({
            field: `body.indicatorCodes[${i}]`,
            message: `${code} is not an indicator of ${row.code} v${row.version}`,
          });
        return found ? [found] : [];
      });
      if (errors.length > 0) throw new ValidationError('Unknown indicators', errors);
    }
    let complexIds = body.complexIds;
    if (!complexIds) {
      const entered = await listEnteredValues(this.db, row.code, {
        fromYear: body.year,
        toYear: body.year,
      });
      const codes = new Set(indicators.map((i) => i.code));
      const set = new Set(
        entered.filter((e) => codes.has(e.indicatorCode)).map((e) => e.complexId),
      );
      if (set.size === 0)
        for (const c of await participatingComplexIds(this.db, body.year)) set.add(c);
      complexIds = [...set].sort((a, b) => a - b);
    }
    const complexes = await listComplexes(this.db, complexIds);
    const unknown = complexIds.filter((id) => !complexes.some((c) => c.id === id));
    if (unknown.length > 0) {
      throw new ValidationError(
        'Unknown complexes',
        unknown.map((id) => ({ field: 'body.complexIds', message: `no complex ${id}` })),
      );
    }
    if (complexes.length < 2) {
      throw new ValidationError(`Fewer than two complexes to score in ${body.year}`, [
        {
          field: 'body.year',
          message: `no values of ${row.code} for at least two complexes in ${body.year}`,
        },
      ]);
    }
    let method = body.method as IndexMethodDto;
    const normalisation = method.normalisation;
    if (normalisation.kind === 'percent-of-reference' && normalisation.referenceComplexId) {
      // The table lists the complexes in ascending id order (listComplexes).
      const at = complexes.findIndex((c) => c.id === normalisation.referenceComplexId);
      if (at < 0) {
        throw new ValidationError('The reference complex is not scored', [
          {
            field: 'body.method.normalisation.referenceComplexId',
            message: `complex ${normalisation.referenceComplexId} is not among the complexes scored`,
          },
        ]);
      }
      method = { ...method, normalisation: { ...normalisation, referenceUnit: at } };
    }
    const { input, years } = await this.buildInput(
      row,
      indicators,
      complexes,
      body.year,
      method.missing === 'carry-forward',
    );
    if (method.missing === 'mean' || method.missing === 'median' || method.missing === 'listwise') {
      // An indicator with no value at all in the year leaves nothing to take a mean or median
      // of (and listwise would drop every complex): say which indicator and year, before the
      // method fails on its first empty cell.
      const empty = indicators.flatMap((ind, j) =>
        input.values.every((r) => r[j] === null || r[j] === undefined) ? [ind] : [],
      );
      if (empty.length > 0) {
        const codes = empty.map((ind) => ind.code).join(', ');
        throw new ValidationError(`No values in ${body.year} for ${codes}`, [
          ...empty.map((ind) => ({
            field: body.indicatorCodes
              ? `body.indicatorCodes[${body.indicatorCodes.indexOf(ind.code)}]`
              : 'body.year',
            message: `${ind.code} (${ind.name}) has no value for any complex in ${body.year}; the ${method.missing} rule cannot fill it: leave the indicator out, enter values, or choose another year`,
          })),
        ]);
      }
    }
    const framework = this.domainFramework(row);
    const nested = computeFrameworkWeights(framework);
    const subset = indicators.map((i) => nested[def.indicators.indexOf(i)] ?? 0);
    const total = subset.reduce((s, w) => s + w, 0);
    const frameworkWeights =
      total > 0 ? subset.map((w) => w / total) : subset.map(() => 1 / subset.length);
    if (
      method.normalisation.kind === 'distance-to-target' &&
      method.normalisation.targets.length !== indicators.length
    ) {
      throw new ValidationError('Targets do not match the indicators', [
        {
          field: 'body.method.normalisation.targets',
          message: `give ${indicators.length} targets, one per indicator in framework order; got ${method.normalisation.targets.length}`,
        },
      ]);
    }
    let result;
    try {
      result = recompute(input, {
        ...method,
        weights: frameworkWeights,
        indicatorCodes: input.indicators.map((i) => i.code),
      });
    } catch (error) {
      if (isMethodError(error)) {
        throw new ValidationError(error.message, [
          { field: methodErrorField(error), message: error.message },
        ]);
      }
      throw error;
    }
    const recorded: RecordedMethod = {
      ...method,
      weights: result.method.weights,
      indicatorCodes: result.method.indicatorCodes,
    };
    const details = result.weightDetails;
    const weightDetails: IndexRun['weightDetails'] = !details
      ? null
      : 'consistencyRatio' in details
        ? {
            kind: 'ahp',
            lambdaMax: details.lambdaMax,
            consistencyIndex: details.consistencyIndex,
            randomIndex: details.randomIndex,
            consistencyRatio: details.consistencyRatio,
            acceptable: details.consistencyRatio === null ? null : details.consistencyRatio <= 0.1,
            method: details.method,
          }
        : {
            kind: 'pca',
            eigenvalues: details.eigenvalues,
            retained: details.retained,
            cumulativeVariance: details.cumulativeVariance,
            loadings: details.loadings,
            rotated: details.rotated,
            factorOfIndicator: details.factorOfIndicator,
            notes: details.notes,
          };
    const stored: StoredRunResult = {
      frameworkCode: row.code,
      frameworkVersion: row.version,
      indicators: indicators.map((i, k) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        track: i.track,
        level: i.level,
        weight: recorded.weights[k] ?? 0,
      })),
      complexes: complexRows(input, result),
      excluded: result.excludedUnits.map((u) => {
        const k = input.complexIds.indexOf(Number(u));
        return { complexId: Number(u), complexName: input.complexNames[k] ?? u };
      }),
      weightDetails,
      input,
    };
    const id = await this.inTx(async (tx) => {
      const runId = await insertIndexRun(tx, {
        name: body.name ?? null,
        frameworkId: row.id,
        year: body.year,
        years,
        method: recorded,
        result: stored,
        createdBy: ctx.principal.userId,
        synthetic: options.synthetic ?? false,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'index-run', runId, null, {
          frameworkCode: row.code,
          frameworkVersion: row.version,
          year: body.year,
          method: recorded,
          complexes: complexIds,
        }),
      ]);
      return runId;
    });
    return this.getIndexRun(ctx, id);
  }

  private async indexRunRow(id: number): Promise<IndexRunRow> {
    const row = await findIndexRun(this.db, id);
    if (!row) throw new NotFoundError('index run', id);
    return row;
  }

  private toIndexRun(row: IndexRunRow): IndexRun {
    const r = row.result as StoredRunResult;
    return {
      ...this.toRunSummary(row),
      method: row.method as RecordedMethod,
      indicators: r.indicators,
      complexes: r.complexes,
      excluded: r.excluded,
      weightDetails: r.weightDetails,
    };
  }

  private toRunSummary(row: IndexRunRow): IndexRunSummary {
    const r = row.result as StoredRunResult;
    return {
      id: row.id,
      name: row.name,
      frameworkId: row.frameworkId,
      frameworkCode: r.frameworkCode,
      frameworkVersion: r.frameworkVersion,
      year: row.year,
      years: row.years,
      complexCount: r.complexCount ?? r.complexes.length,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      synthetic: row.synthetic,
    };
  }

  async getIndexRun(ctx: RequestContext, id: number): Promise<IndexRun> {
    this.check(ctx, 'read');
    return this.toIndexRun(await this.indexRunRow(id));
  }

  async listIndexRuns(ctx: RequestContext, frameworkId?: number): Promise<IndexRunSummary[]> {
    this.check(ctx, 'read');
    const rows = await listIndexRuns(this.db, frameworkId);
    const frameworks = new Map((await listFrameworks(this.db)).map((f) => [f.id, f]));
    return rows.map((row) => {
      const f = frameworks.get(row.frameworkId);
      const r = row.result as { complexCount: number };
      return {
        id: row.id,
        name: row.name,
        frameworkId: row.frameworkId,
        frameworkCode: f?.code ?? '',
        frameworkVersion: f?.version ?? 0,
        year: row.year,
        years: row.years,
        complexCount: r.complexCount,
        createdBy: row.createdBy,
        createdAt: row.createdAt,
        synthetic: row.synthetic,
      };
    });
  }

  // --- uncertainty ---------------------------------------------------------------------------

  private toUncertaintyRun(row: UncertaintyRunRow): UncertaintyRun {
    const interrupted =
      (row.status === 'queued' || row.status === 'running') && !this.jobs.isActive(row.id);
    return {
      id: row.id,
      indexRunId: row.indexRunId,
      status: interrupted ? 'failed' : row.status,
      progress: row.progress,
      stage: row.stage,
      request: row.request as UncertaintyBody,
      result: (row.result as UncertaintyResult | null) ?? null,
      error: interrupted
        ? 'interrupted: the server stopped before the run finished; start it again'
        : row.error,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      finishedAt: row.finishedAt,
    };
  }

  /**
   * Starts a seeded Monte Carlo run of an index run's uncertainty as a job in a worker thread;
   * returns the queued run at once. `wait` resolves when it has finished (for the CLI and tests).
   */
  async startUncertainty(
    ctx: RequestContext,
    body: UncertaintyBody,
  ): Promise<{ run: UncertaintyRun; finished: Promise<void> }> {
    this.check(ctx, 'create');
    const indexRow = await this.indexRunRow(body.indexRunId);
    const stored = indexRow.result as StoredRunResult;
    const scenarios = await findAllocationScenarios(this.db, body.allocationScenarioIds ?? []);
    const missingScenario = (body.allocationScenarioIds ?? []).find(
      (id) => !scenarios.some((s) => s.id === id),
    );
    if (missingScenario !== undefined)
      throw new NotFoundError('allocation scenario', missingScenario);
    if (stored.excluded.length > 0) {
      throw new ValidationError('The index run dropped complexes', [
        {
          field: 'body.indexRunId',
          message: `run ${indexRow.id} excluded ${stored.excluded.map((e) => e.complexName).join(', ')} (listwise); use a run with an imputation rule`,
        },
      ]);
    }
    const task: UncertaintyTask = {
      stored: stored.input,
      method: indexRow.method as RecordedMethod,
      draws: body.draws,
      seed: body.seed,
      weights: body.weights,
      normalisations: body.normalisations as IndicatorNormalisation[] | undefined,
      aggregations: body.aggregations as AggregationMethod[] | undefined,
      missingRules: body.missingRules,
      allocations: scenarios.map((s) => ({
        scenarioId: s.id,
        name: s.name,
        rule: s.rule as AllocationRuleDto,
      })),
      moveAmount: body.moveAmount,
    };
    const id = await this.inTx(async (tx) => {
      const runId = await insertUncertaintyRun(tx, {
        indexRunId: indexRow.id,
        request: body,
        seed: body.seed,
        draws: body.draws,
        createdBy: ctx.principal.userId,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'uncertainty-run', runId, null, body),
      ]);
      return runId;
    });
    const db = this.db;
    const finished = this.jobs.start(id, task, {
      progress: (progress, stage) =>
        updateUncertaintyRun(db, id, { status: 'running', progress, stage }),
      done: (result) =>
        updateUncertaintyRun(db, id, {
          status: 'done',
          progress: 1,
          stage: null,
          result,
          finished: true,
        }),
      failed: (message) =>
        updateUncertaintyRun(db, id, { status: 'failed', error: message, finished: true }),
    });
    const row = await findUncertaintyRun(this.db, id);
    return { run: this.toUncertaintyRun(row!), finished };
  }

  async getUncertainty(ctx: RequestContext, id: number): Promise<UncertaintyRun> {
    this.check(ctx, 'read');
    const row = await findUncertaintyRun(this.db, id);
    if (!row) throw new NotFoundError('uncertainty run', id);
    return this.toUncertaintyRun(row);
  }

  async listUncertainty(
    ctx: RequestContext,
    indexRunId?: number,
  ): Promise<Omit<UncertaintyRun, 'result'>[]> {
    this.check(ctx, 'read');
    return (await listUncertaintyRuns(this.db, indexRunId)).map((r) => {
      const { result: _result, ...rest } = this.toUncertaintyRun(r);
      return rest;
    });
  }

  // --- allocation ----------------------------------------------------------------------------

  private scored(row: IndexRunRow): ScoredComplex[] {
    return (row.result as StoredRunResult).complexes.map((c) => ({
      complexId: c.complexId,
      complexName: c.complexName,
      score: c.score,
      rank: c.rank,
    }));
  }

  /** Allocations of several rules over an index run's scores, side by side; nothing is stored. */
  async simulate(
    ctx: RequestContext,
    body: AllocationSimulateRequest,
  ): Promise<AllocationSimulateResponse> {
    this.check(ctx, 'read');
    const row = await this.indexRunRow(body.indexRunId);
    const scored = this.scored(row);
    return {
      indexRunId: row.id,
      outcomes: body.scenarios.map((s) => allocate(s.name, s.rule, scored)),
    };
  }

  private toScenario(row: AllocationScenarioRow): AllocationScenario {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      indexRunId: row.indexRunId,
      rule: row.rule as AllocationRuleDto,
      outcome: row.outcome as AllocationOutcome,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      synthetic: row.synthetic,
    };
  }

  /** Saves a named rule with its outcome; an infeasible rule is refused naming the constraint. */
  async createScenario(
    ctx: RequestContext,
    body: AllocationScenarioCreate,
    options: { synthetic?: boolean } = {},
  ): Promise<AllocationScenario> {
    this.check(ctx, 'create');
    const run = await this.indexRunRow(body.indexRunId);
    const outcome = allocate(body.name, body.rule, this.scored(run));
    if (!outcome.ok) {
      throw new ValidationError(`The rule cannot be met: ${outcome.error}`, [
        {
          field: `body.rule.${(outcome.constraint ?? 'pool').replace(/^rule\./, '')}`,
          message: outcome.error ?? '',
        },
      ]);
    }
    const id = await this.inTx(async (tx) => {
      const scenarioId = await insertAllocationScenario(tx, {
        name: body.name,
        description: body.description ?? null,
        indexRunId: run.id,
        rule: body.rule,
        outcome,
        createdBy: ctx.principal.userId,
        synthetic: options.synthetic ?? false,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'allocation-scenario', scenarioId, null, {
          name: body.name,
          indexRunId: run.id,
          rule: body.rule,
          amounts: outcome.lines.map((l) => [l.complexId, l.amount]),
        }),
      ]);
      return scenarioId;
    });
    return this.getScenario(ctx, id);
  }

  async getScenario(ctx: RequestContext, id: number): Promise<AllocationScenario> {
    this.check(ctx, 'read');
    const [row] = await findAllocationScenarios(this.db, [id]);
    if (!row) throw new NotFoundError('allocation scenario', id);
    return this.toScenario(row);
  }

  async listScenarios(
    ctx: RequestContext,
    indexRunId?: number,
  ): Promise<Omit<AllocationScenario, 'outcome'>[]> {
    this.check(ctx, 'read');
    return (await listAllocationScenarios(this.db, indexRunId)).map((r) => {
      const { outcome: _outcome, ...rest } = this.toScenario(r);
      return rest;
    });
  }

  async deleteScenario(ctx: RequestContext, id: number): Promise<void> {
    this.check(ctx, 'delete');
    await this.inTx(async (tx) => {
      const [row] = await findAllocationScenarios(tx, [id]);
      if (!row) throw new NotFoundError('allocation scenario', id);
      await deleteAllocationScenario(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'delete',
          'allocation-scenario',
          id,
          { name: row.name, rule: row.rule },
          null,
        ),
      ]);
    });
  }

  /** Saved scenarios side by side: one amount per scenario for every complex. */
  async compare(ctx: RequestContext, ids: readonly number[]): Promise<AllocationCompareResponse> {
    this.check(ctx, 'read');
    const rows = await findAllocationScenarios(this.db, ids);
    const missing = ids.find((id) => !rows.some((r) => r.id === id));
    if (missing !== undefined) throw new NotFoundError('allocation scenario', missing);
    const scenarios = ids.map((id) => this.toScenario(rows.find((r) => r.id === id)!));
    const names = new Map<number, string>();
    for (const s of scenarios)
      for (const l of s.outcome.lines) names.set(l.complexId, l.complexName);
    return {
      scenarios,
      complexes: [...names.entries()].map(([complexId, complexName]) => ({
        complexId,
        complexName,
        amounts: scenarios.map(
          (s) => s.outcome.lines.find((l) => l.complexId === complexId)?.amount ?? null,
        ),
      })),
    };
  }

  // --- scorecards ----------------------------------------------------------------------------

  /**
   * One complex's scorecard: each indicator's series over the years with a peer comparison
   * (rank, median, best) in its latest year, and the composite index per year computed with
   * an index run's recorded method over that run's complexes.
   */
  async scorecard(
    ctx: RequestContext,
    complexId: number,
    q: { frameworkId?: number | undefined; indexRunId?: number | undefined },
  ): Promise<Scorecard> {
    this.check(ctx, 'read');
    const [complex] = await listComplexes(this.db, [complexId]);
    if (!complex) throw new NotFoundError('complex', complexId);
    let run: IndexRunRow | undefined;
    if (q.indexRunId !== undefined) run = await this.indexRunRow(q.indexRunId);
    let frameworkRow: FrameworkRow;
    if (q.frameworkId !== undefined) frameworkRow = await this.frameworkRow(q.frameworkId);
    else if (run) frameworkRow = await this.frameworkRow(run.frameworkId);
    else {
      const latest = await latestIndexRunWithComplex(this.db, complexId);
      if (latest !== undefined) {
        run = await this.indexRunRow(latest);
        frameworkRow = await this.frameworkRow(run.frameworkId);
      } else {
        const all = await listFrameworks(this.db);
        const first = all.find((f) => f.latest);
        if (!first) throw new NotFoundError('evaluation framework', 'any');
        frameworkRow = first;
      }
    }
    if (!run) {
      const latest = await latestIndexRunOf(this.db, frameworkRow.code);
      if (latest !== undefined) run = await this.indexRunRow(latest);
    }
    const def = frameworkRow.definition as FrameworkDefinition;
    const years = await enteredYears(this.db, frameworkRow.code);
    if (run && !years.includes(run.year)) years.push(run.year);
    years.sort((a, b) => a - b);
    const peers = run
      ? (run.result as StoredRunResult).input.complexIds
      : await participatingComplexIds(this.db, years[years.length - 1] ?? new Date().getFullYear());
    const peerIds = [...new Set([...peers, complexId])];
    const complexes = await listComplexes(this.db, peerIds);
    const entered = await listEnteredValues(this.db, frameworkRow.code, { complexIds: peerIds });
    const cells = await this.cells(def, complexes, years, entered);
    const at = new Map(cells.map((c) => [`${c.complexId}|${c.year}|${c.indicatorCode}`, c]));
    const median = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const m = Math.floor(s.length / 2);
      return s.length === 0
        ? null
        : s.length % 2
          ? (s[m] as number)
          : ((s[m - 1] as number) + (s[m] as number)) / 2;
    };
    const indicators = def.indicators.map((ind) => {
      const series = years.map((year) => {
        const c = at.get(`${complexId}|${year}|${ind.code}`);
        return { year, value: c?.value ?? null, origin: c?.origin ?? null };
      });
      const latestYear = [...series].reverse().find((s) => s.value !== null)?.year ?? null;
      let peer: Scorecard['indicators'][number]['peer'] = {
        rank: null,
        of: 0,
        median: null,
        best: null,
        bestComplexId: null,
      };
      if (latestYear !== null) {
        const values = complexes.flatMap((c) => {
          const v = at.get(`${c.id}|${latestYear}|${ind.code}`)?.value;
          return v === null || v === undefined ? [] : [{ id: c.id, v }];
        });
        const better = (a: number, b: number) => (ind.direction === 'higher' ? a > b : a < b);
        const own = values.find((x) => x.id === complexId)!.v;
        const best = values.reduce((b, x) => (better(x.v, b.v) ? x : b), values[0]!);
        peer = {
          rank: 1 + values.filter((x) => better(x.v, own)).length,
          of: values.length,
          median: median(values.map((x) => x.v)),
          best: best.v,
          bestComplexId: best.id,
        };
      }
      return {
        code: ind.code,
        name: ind.name,
        unit: ind.unit,
        direction: ind.direction,
        track: ind.track,
        series,
        latestYear,
        peer,
      };
    });
    const trend: Scorecard['trend'] = [];
    if (run) {
      const method = run.method as RecordedMethod;
      const stored = run.result as StoredRunResult;
      const runComplexes = stored.input.complexIds.map((id, k) => ({
        id,
        name: stored.input.complexNames[k] as string,
        provinceId: 0,
      }));
      const codes = new Set(method.indicatorCodes);
      const runIndicators = def.indicators.filter((i) => codes.has(i.code));
      for (const year of years) {
        const table = (y: number) =>
          runComplexes.map((c) =>
            runIndicators.map((i) => at.get(`${c.id}|${y}|${i.code}`)?.value ?? null),
          );
        try {
          if (runIndicators.length !== method.indicatorCodes.length)
            throw new Error('indicators changed');
          const result = computeCompositeIndex(
            {
              units: runComplexes.map((c) => String(c.id)),
              indicators: runIndicators.map((i) => ({
                code: i.code,
                name: i.name,
                direction: i.direction,
              })),
              values: table(year),
              history: years.filter((y) => y < year).map((y) => ({ year: y, values: table(y) })),
            },
            toDomainMethod(method, method.weighting.kind === 'framework' ? method.weights : null),
          );
          const k = result.units.indexOf(String(complexId));
          trend.push({
            year,
            score: k < 0 ? null : (result.scores[k] as number),
            rank: k < 0 ? null : (result.ranks[k] as number),
            of: result.units.length,
            median: median(result.scores),
            best: Math.max(...result.scores),
          });
        } catch {
          trend.push({ year, score: null, rank: null, of: 0, median: null, best: null });
        }
      }
    }
    return {
      complex: { id: complex.id, name: complex.name },
      framework: { id: frameworkRow.id, code: frameworkRow.code, version: frameworkRow.version },
      indexRunId: run?.id ?? null,
      years,
      trend,
      indicators,
    };
  }

  // --- policy hints --------------------------------------------------------------------------

  /**
   * Policy hints for a complex: its life-cycle stage (the mapping profile of its focus industry
   * in its province, employment in the latest statistics dataset), network measures of its
   * organisations (the network service's graph of scope complex:<id>: density, largest
   * component, ties to other regions, triple-helix balance) and its industrial diversity, fed
   * to the domain's rules. Each measure and the stage name their source.
   */
  async policyHints(ctx: RequestContext, complexId: number): Promise<PolicyHintsResponse> {
    this.check(ctx, 'read');
    const [complex] = await listComplexes(this.db, [complexId]);
    if (!complex) throw new NotFoundError('complex', complexId);
    const focus = await complexFocus(this.db, complexId);
    let stage: PolicyHintsResponse['stage'];
    const measures: PolicyHintsResponse['measures'] = [];
    const dataset = await latestEmploymentDataset(this.db);
    let growth: number | null = null;
    if (dataset !== undefined && focus?.focusIndustryId) {
      try {
        const profile = await this.deps.mapping.profile(ctx, {
          dataset,
          measure: 'employment',
          regionKind: 'province',
          unit: 'industry',
          denominator: 'all',
          sizePercentile: 0.9,
          specialisationLq: 2,
          focusPercentile: 0.9,
          growthThreshold: 0.02,
          region: String(focus.provinceId),
          cluster: focus.focusIndustryId,
          window: 5,
        });
        const last = profile.years[profile.years.length - 1];
        growth = last?.growth ?? null;
        stage = {
          stage: profile.stage,
          confidence: profile.stageReason,
          source: `mapping profile: employment in ${profile.unit.name} (${profile.unit.code}), ${profile.region.name}, statistics dataset ${dataset}, year ${profile.stageYear ?? '-'}`,
        };
      } catch (error) {
        stage = {
          stage: null,
          confidence: null,
          source: `mapping profile unavailable: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    } else {
      stage = {
        stage: null,
        confidence: null,
        source:
          dataset === undefined
            ? 'no statistics dataset with employment'
            : 'the complex has no focus industry',
      };
    }
    const values: Partial<Record<PolicyMeasure, number | null>> = {};
    const put = (measure: PolicyMeasure, value: number | null, unit: string, source: string) => {
      values[measure] = value;
      measures.push({ measure, value, unit, source });
    };
    put(
      'employmentGrowthRate',
      growth,
      'share a year (0.02 = 2%)',
      'mapping profile: compound annual employment growth over 5 years',
    );
    put(
      'industrialDiversity',
      await industrialDiversity(this.db, complexId),
      'share (0 to 1)',
      'registry: 1 - Herfindahl index of company employees by industry in the complex',
    );
    try {
      const graph = await this.deps.networks.graph(ctx, {
        scope: `complex:${complexId}`,
        outside: true,
        communities: false,
        weighting: 'newman',
        maxAttendees: 50,
      });
      const source = `network: collaborations and co-attendance of scope complex:${complexId} (all dates)`;
      const inside = graph.nodes.map((n) => n[6]);
      const insideCount = inside.filter(Boolean).length;
      const insideEdges = graph.edges.filter(([a, b]) => inside[a] && inside[b]);
      const touching = graph.edges.filter(([a, b]) => inside[a] || inside[b]);
      put(
        'networkDensity',
        insideCount > 1 ? insideEdges.length / ((insideCount * (insideCount - 1)) / 2) : null,
        'share (0 to 1)',
        `${source}: ties among its organisations / possible ties`,
      );
      const parent = graph.nodes.map((_, i) => i);
      const find = (x: number): number => {
        while (parent[x] !== x) {
          parent[x] = parent[parent[x]!]!;
          x = parent[x]!;
        }
        return x;
      };
      for (const [a, b] of insideEdges) parent[find(a)] = find(b);
      const sizes = new Map<number, number>();
      graph.nodes.forEach((_, i) => {
        if (inside[i]) sizes.set(find(i), (sizes.get(find(i)) ?? 0) + 1);
      });
      put(
        'largestComponentShare',
        insideCount > 0 ? Math.max(...sizes.values()) / insideCount : null,
        'share (0 to 1)',
        `${source}: organisations in the largest connected group`,
      );
      const other = touching.filter(([a, b]) => {
        const outsider = inside[a] ? b : a;
        const region = graph.nodes[outsider]![3];
        return !(inside[a] && inside[b]) && region !== null && region !== complex.provinceId;
      });
      put(
        'interRegionalTieShare',
        touching.length > 0 ? other.length / touching.length : null,
        'share (0 to 1)',
        `${source}: ties to organisations in other provinces`,
      );
      const kinds = new Map<string, number>();
      for (const [a, b] of touching) {
        for (const end of [a, b]) {
          const kind = graph.nodes[end]![2];
          const k =
            kind === 'research_institute'
              ? 'institute'
              : kind === 'university'
                ? 'university'
                : kind === 'company'
                  ? 'firm'
                  : null;
          if (k) kinds.set(k, (kinds.get(k) ?? 0) + 1);
        }
      }
      const totalEnds = [...kinds.values()].reduce((s, v) => s + v, 0);
      const entropy =
        totalEnds === 0
          ? null
          : -[...kinds.values()].reduce(
              (s, v) => s + (v / totalEnds) * Math.log(v / totalEnds),
              0,
            ) / Math.log(3);
      put(
        'tripleHelixBalance',
        entropy,
        'share (0 to 1)',
        `${source}: normalised entropy of tie ends by firm / university / institute`,
      );
    } catch (error) {
      const why =
        error instanceof AppError
          ? error.message
          : error instanceof Error
            ? error.message
            : String(error);
      for (const m of [
        'networkDensity',
        'largestComponentShare',
        'interRegionalTieShare',
        'tripleHelixBalance',
      ] as const) {
        put(m, null, 'share (0 to 1)', `network unavailable: ${why}`);
      }
    }
    const hints = selectPolicyHints({
      stage: (stage?.stage ?? null) as LifeCycleStage | null,
      measures: values,
    });
    return {
      complex: { id: complex.id, name: complex.name },
      stage,
      measures,
      hints: hints.map((h) => ({
        id: h.rule.id,
        title: h.rule.title,
        recommendation: h.rule.recommendation,
        sources: [...h.rule.sources],
        measured: h.measured.map((m) => ({
          measure: m.measure,
          value: m.value,
          ...(m.condition.below === undefined ? {} : { below: m.condition.below }),
          ...(m.condition.above === undefined ? {} : { above: m.condition.above }),
        })),
      })),
    };
  }

  // --- reports -------------------------------------------------------------------------------

  /** Everything a programme report shows: the run, and optionally an allocation and an uncertainty run. */
  async reportData(
    ctx: RequestContext,
    indexRunId: number,
    q: { allocationScenarioId?: number | undefined; uncertaintyRunId?: number | undefined },
  ): Promise<{
    run: IndexRun;
    scenario: AllocationScenario | null;
    uncertainty: UncertaintyRun | null;
  }> {
    this.check(ctx, 'read');
    const run = await this.getIndexRun(ctx, indexRunId);
    const scenario =
      q.allocationScenarioId === undefined
        ? null
        : await this.getScenario(ctx, q.allocationScenarioId);
    const uncertainty =
      q.uncertaintyRunId === undefined ? null : await this.getUncertainty(ctx, q.uncertaintyRunId);
    const bad: FieldError[] = [];
    if (scenario && scenario.indexRunId !== run.id)
      bad.push({
        field: 'querystring.allocationScenarioId',
        message: `scenario ${scenario.id} allocates index run ${scenario.indexRunId}, not ${run.id}`,
      });
    if (uncertainty && uncertainty.indexRunId !== run.id)
      bad.push({
        field: 'querystring.uncertaintyRunId',
        message: `uncertainty run ${uncertainty.id} analyses index run ${uncertainty.indexRunId}, not ${run.id}`,
      });
    if (uncertainty && uncertainty.status !== 'done')
      bad.push({
        field: 'querystring.uncertaintyRunId',
        message: `uncertainty run ${uncertainty.id} is ${uncertainty.status}`,
      });
    if (bad.length > 0) throw new ValidationError('The report’s parts do not fit together', bad);
    return { run, scenario, uncertainty };
  }

  /** The programme report as PDF printed by Chromium (503 when Chromium is missing). */
  async reportPdf(
    ctx: RequestContext,
    indexRunId: number,
    q: { allocationScenarioId?: number | undefined; uncertaintyRunId?: number | undefined },
  ): Promise<Buffer> {
    return renderReportPdf(await this.reportData(ctx, indexRunId, q));
  }

  /** The programme report as XLSX (sheets Ranking, Indicators, Method, Uncertainty, Allocation). */
  async reportXlsx(
    ctx: RequestContext,
    indexRunId: number,
    q: { allocationScenarioId?: number | undefined; uncertaintyRunId?: number | undefined },
  ): Promise<Buffer> {
    return renderReportXlsx(await this.reportData(ctx, indexRunId, q));
  }
}
