import type { IndexMethodDto, IndexRun, UncertaintyRun } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  evaluationApi,
  useEvaluationValues,
  useFramework,
  useFrameworks,
  useIndexRun,
  useIndexRuns,
  useUncertaintyRun,
  useUncertaintyRuns,
} from '../../api/evaluation-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { JobProgress } from '../network/NetworkControls.tsx';
import { ContributionsChart, RankIntervalsChart, SensitivityChart } from './EvaluationCharts.tsx';
import { EvaluationNav } from './EvaluationNav.tsx';
import { formatScore, formatShare, formatTimestamp, localeOf } from './evaluation-format.ts';
import {
  aggregationKinds,
  defaultMethod,
  fromIndexMethod,
  missingRules,
  resizeMethod,
  plainNormalisationKinds,
  bestTargets,
  MethodInputError,
  toIndexMethod,
  type MethodState,
  type NormalisationKind,
} from './index-method.ts';
import { MethodControls, type MethodIndicator } from './MethodControls.tsx';
import { ReportButtons } from './ReportButtons.tsx';
import {
  defaultUncertainty,
  sensitivityRows,
  toUncertaintyRequest,
  type UncertaintySettings,
} from './uncertainty-view.ts';

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * The composite index of complexes: method choices (missing data, normalisation, weighting with
 * an AHP matrix and its consistency ratio, aggregation), editable weights, the ranking with each
 * indicator's contribution, and the Monte Carlo uncertainty analysis as a job: rank intervals
 * and first-order sensitivity per choice (OECD/JRC Handbook 2008, steps 3-7).
 */
export function IndexPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('evaluation.index.title'));
  const locale = localeOf(language);
  const auth = useAuth();
  const canRun = auth.can('evaluations', 'create');
  const { params, update } = useUrlParams();
  const queryClient = useQueryClient();

  const frameworks = useFrameworks();
  const latest = frameworks.data?.items.filter((f) => f.latest) ?? [];
  const runs = useIndexRuns();
  const allRuns = useMemo(
    () => [...(runs.data?.items ?? [])].sort((a, b) => b.id - a.id),
    [runs.data],
  );
  // The framework named in the address, else the shown run's, else the latest run's, else the
  // latest framework: opening the page shows the most recent evaluation.
  const urlRun = numberParam(params.get('run'));
  const frameworkId =
    numberParam(params.get('framework')) ??
    (runs.data
      ? (allRuns.find((r) => r.id === urlRun)?.frameworkId ??
        allRuns[0]?.frameworkId ??
        latest[0]?.id ??
        frameworks.data?.items[0]?.id ??
        null)
      : null);
  const framework = useFramework(frameworkId);
  const values = useEvaluationValues(frameworkId === null ? null : { frameworkId });
  const years = values.data?.years ?? [];
  const year = numberParam(params.get('year')) ?? years.at(-1) ?? null;
  const runList = useMemo(
    () => allRuns.filter((r) => r.frameworkId === frameworkId),
    [allRuns, frameworkId],
  );
  const runId = numberParam(params.get('run')) ?? runList[0]?.id ?? null;
  const run = useIndexRun(runId);

  const indicators: MethodIndicator[] = useMemo(
    () =>
      (framework.data?.indicators ?? []).map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        direction: i.direction,
        track: i.track,
      })),
    [framework.data],
  );
  const nestedOf = useMemo(() => {
    const map = new Map((framework.data?.nestedWeights ?? []).map((w) => [w.code, w.weight]));
    return (codes: readonly string[]) => codes.map((c) => map.get(c) ?? 0);
  }, [framework.data]);

  // The controls start from the shown run's method and indicators (or the framework's
  // defaults), once per run; the per-indicator fields follow the indicators included.
  const [method, setMethod] = useState<MethodState | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [methodFor, setMethodFor] = useState<string | null>(null);
  useEffect(() => {
    if (!framework.data) return;
    const key = `${framework.data.id}:${run.data?.id ?? 'none'}`;
    if (methodFor === key) return;
    if (runId !== null && !run.data && !run.error) return;
    const r = run.data;
    const all = indicators.map((i) => i.code);
    const codes =
      r && r.method.indicatorCodes.every((c) => all.includes(c)) ? r.method.indicatorCodes : all;
    setSelected(codes);
    setMethod(
      r && codes === r.method.indicatorCodes
        ? fromIndexMethod(r.method, r.method.weights, nestedOf(codes))
        : defaultMethod(nestedOf(codes)),
    );
    setMethodFor(key);
  }, [framework.data, run.data, run.error, runId, methodFor, indicators, nestedOf]);
  const active = useMemo(
    () => indicators.filter((i) => selected.includes(i.code)),
    [indicators, selected],
  );
  // Default targets: each included indicator's best value among the complexes in the year.
  const targetDefaults = useMemo(() => {
    const cells = (values.data?.cells ?? []).filter((c) => c.year === year);
    return bestTargets(
      active.map((ind) => ({
        direction: ind.direction,
        values: cells.filter((c) => c.indicatorCode === ind.code).map((c) => c.value),
      })),
    );
  }, [values.data, year, active]);
  const referenceComplexes = useMemo(() => {
    const inYear = new Set(
      (values.data?.cells ?? [])
        .filter((c) => c.year === year && c.value !== null)
        .map((c) => c.complexId),
    );
    return (values.data?.complexes ?? []).filter((c) => inYear.has(c.id));
  }, [values.data, year]);
  const methodBody = useMemo(() => {
    if (!method) return { body: null, error: null };
    try {
      return { body: toIndexMethod(method), error: null };
    } catch (error) {
      if (error instanceof MethodInputError) return { body: null, error: error.message };
      throw error;
    }
  }, [method]);
  const toggleIndicator = (code: string, on: boolean) => {
    const next = indicators
      .map((i) => i.code)
      .filter((c) => (c === code ? on : selected.includes(c)));
    if (method)
      setMethod(
        resizeMethod(
          method,
          active.map((i) => i.code),
          next,
        ),
      );
    setSelected(next);
  };

  const runIndex = useMutation({
    mutationFn: () =>
      evaluationApi.runIndex({
        frameworkId: frameworkId as number,
        year: year as number,
        ...(active.length < indicators.length ? { indicatorCodes: active.map((i) => i.code) } : {}),
        method: methodBody.body as IndexMethodDto,
      }),
    onSuccess: (created) => {
      queryClient.setQueryData(['evaluation', 'index-run', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['evaluation', 'index-runs'] });
      setMethodFor(`${created.frameworkId}:${created.id}`);
      update({ run: created.id, ur: null });
    },
  });

  if (frameworks.error)
    return (
      <div className="page evaluation-page">
        <EvaluationNav />
        <ErrorMessage error={frameworks.error} onRetry={() => void frameworks.refetch()} />
      </div>
    );

  return (
    <div className="page evaluation-page" data-testid="evaluation-index-page">
      <EvaluationNav />
      <div className="page-head">
        <h1>{t('evaluation.index.title')}</h1>
      </div>
      <p className="muted">{t('evaluation.index.intro')}</p>
      {frameworks.data && frameworks.data.items.length === 0 && (
        <p className="muted" data-testid="evaluation-empty">
          {t('evaluation.noFrameworks')}{' '}
          <Link to="/evaluation/frameworks">{t('evaluation.frameworks.title')}</Link>
        </p>
      )}

      <section className="card" aria-labelledby="method-title">
        <h2 id="method-title">{t('evaluation.index.methodTitle')}</h2>
        <div className="filters">
          <label>
            {t('evaluation.framework')}{' '}
            <select
              data-testid="index-framework"
              value={frameworkId ?? ''}
              onChange={(e) => update({ framework: e.target.value, run: null, ur: null })}
            >
              {(frameworks.data?.items ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} ({f.code} v{f.version})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('evaluation.year')}{' '}
            <select
              data-testid="index-year"
              value={year ?? ''}
              onChange={(e) => update({ year: e.target.value })}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          {framework.data?.synthetic && <SyntheticBadge />}
        </div>
        {indicators.length > 0 && (
          <details className="indicator-picker" data-testid="index-indicators">
            <summary className="small">
              {t('evaluation.index.indicatorsIncluded')} ({active.length} / {indicators.length})
            </summary>
            <p className="muted small">{t('evaluation.index.indicatorsHint')}</p>
            <div className="indicator-choices">
              {indicators.map((ind) => (
                <label key={ind.code} className="field-boolean small" title={ind.name}>
                  <input
                    type="checkbox"
                    data-testid={`include-${ind.code}`}
                    checked={selected.includes(ind.code)}
                    disabled={selected.includes(ind.code) && active.length <= 1}
                    onChange={(e) => toggleIndicator(ind.code, e.target.checked)}
                  />{' '}
                  <code>{ind.code}</code> {ind.name} <span className="muted">({ind.unit})</span>
                </label>
              ))}
            </div>
          </details>
        )}
        {method && active.length > 0 ? (
          <MethodControls
            indicators={active}
            state={method}
            onChange={setMethod}
            targetDefaults={targetDefaults}
            complexes={referenceComplexes}
          />
        ) : (
          <Loading />
        )}
        {canRun && (
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="index-run"
              disabled={
                !methodBody.body || year === null || frameworkId === null || runIndex.isPending
              }
              onClick={() => runIndex.mutate()}
            >
              {runIndex.isPending ? t('common.loading') : t('evaluation.index.run')}
            </button>
          </div>
        )}
        {methodBody.error && (
          <p className="cr-bad small" role="alert" data-testid="method-input-error">
            {methodBody.error}
          </p>
        )}
        {runIndex.error && <ProblemDetails error={runIndex.error} testId="index-run-error" />}
      </section>

      <section className="card" aria-labelledby="ranking-title">
        <div className="page-head">
          <h2 id="ranking-title">{t('evaluation.index.ranking')}</h2>
          {runList.length > 0 && (
            <label className="small">
              {t('evaluation.index.runSelect')}{' '}
              <select
                data-testid="index-run-select"
                value={runId ?? ''}
                onChange={(e) => update({ run: e.target.value, ur: null })}
              >
                {runList.map((r) => (
                  <option key={r.id} value={r.id}>
                    #{r.id} · {r.year} · {r.name ?? formatTimestamp(r.createdAt, locale)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {runId === null ? (
          <p className="muted" data-testid="index-no-run">
            {t('evaluation.index.noRun')}
          </p>
        ) : run.error ? (
          <ErrorMessage error={run.error} onRetry={() => void run.refetch()} />
        ) : !run.data ? (
          <Loading />
        ) : (
          <RankingTable run={run.data} />
        )}
      </section>

      {run.data && <UncertaintySection run={run.data} canRun={canRun} />}
    </div>
  );
}

/** The ranking with scores and each indicator's contribution, and the weights used. */
function RankingTable({ run }: { run: IndexRun }) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const geometric = run.method.aggregation.kind === 'geometric';
  const maxScore = Math.max(...run.complexes.map((c) => Math.abs(c.score)), 1e-12);
  const details = run.weightDetails;
  return (
    <div data-testid="index-ranking" data-run={run.id}>
      <p className="small muted">
        {run.synthetic && <SyntheticBadge />} {t('evaluation.index.runOf')} {run.frameworkCode} v
        {run.frameworkVersion}, {run.year} ·{' '}
        {t(`evaluation.missing.${run.method.missing}` as const)} · {run.method.normalisation.kind} ·{' '}
        {run.method.weighting.kind} · {run.method.aggregation.kind}
      </p>
      {details?.kind === 'ahp' && (
        <p
          data-testid="index-run-cr"
          className={
            details.acceptable === null ? 'cr-unknown' : details.acceptable ? 'cr-ok' : 'cr-bad'
          }
          title={t('evaluation.method.crDefinition')}
        >
          {t('evaluation.method.cr')}: {formatScore(details.consistencyRatio, locale)}
        </p>
      )}
      {details?.kind === 'pca' && (
        <p className="small muted" data-testid="index-run-pca">
          PCA: {details.retained} {t('evaluation.index.factors')},{' '}
          {formatShare(details.cumulativeVariance, locale)} {t('evaluation.index.variance')}.{' '}
          {details.notes.join(' ')}
        </p>
      )}
      <div className="table-wrap">
        <table className="table table-compact" data-testid="index-ranking-table">
          <caption className="muted small">
            {t(geometric ? 'evaluation.index.captionGeometric' : 'evaluation.index.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('evaluation.index.rank')}
              </th>
              <th scope="col">{t('evaluation.complex')}</th>
              <th scope="col" className="num" title={t('evaluation.index.scoreDef')}>
                {t('evaluation.index.score')}
              </th>
              {run.indicators.map((ind) => (
                <th
                  key={ind.code}
                  scope="col"
                  className="num"
                  title={`${ind.name} (${ind.unit}); ${t('evaluation.index.weightUsed')} ${formatShare(
                    ind.weight,
                    locale,
                  )}`}
                >
                  {ind.code}
                  <span className="th-sub">{formatShare(ind.weight, locale, 1)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {run.complexes.map((c) => (
              <tr key={c.complexId} data-complex={c.complexName} data-rank={c.rank}>
                <td className="num" data-col="rank">
                  {c.rank}
                </td>
                <td>
                  <Link to={`/evaluation/scorecards?complex=${c.complexId}`}>{c.complexName}</Link>
                  {c.imputed.length > 0 && (
                    <span
                      className="badge badge-estimate"
                      title={c.imputed
                        .map(
                          (m) =>
                            `${m.indicatorCode}: ${m.value.toLocaleString(locale, {
                              maximumFractionDigits: 2,
                            })} (${m.rule}${m.fromYear ? ` ${m.fromYear}` : ''})`,
                        )
                        .join('; ')}
                    >
                      {t('evaluation.index.imputed')} {c.imputed.length}
                    </span>
                  )}
                </td>
                <td className="num" data-col="score">
                  <span
                    className="contribution-bar"
                    style={{ width: `${(Math.abs(c.score) / maxScore) * 3}rem` }}
                  />
                  {formatScore(c.score, locale)}
                </td>
                {run.indicators.map((ind, i) => {
                  const part = c.contributions[i] ?? null;
                  const raw = c.raw[i];
                  return (
                    <td
                      key={ind.code}
                      className="num small"
                      data-col={ind.code}
                      title={`${ind.name}: ${
                        raw === null || raw === undefined
                          ? t('evaluation.index.missingValue')
                          : `${raw.toLocaleString(locale, { maximumFractionDigits: 2 })} ${ind.unit}`
                      }; ${t('evaluation.index.normalised')} ${formatScore(c.normalised[i], locale)}`}
                    >
                      {part === null
                        ? '—'
                        : geometric
                          ? formatShare(part, locale, 0)
                          : formatScore(part, locale)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!geometric && (
        <ContributionsChart
          complexes={run.complexes.map((c) => ({
            name: c.complexName,
            contributions: c.contributions,
          }))}
          indicators={run.indicators}
        />
      )}
      {run.excluded.length > 0 && (
        <p className="small muted" data-testid="index-excluded">
          {t('evaluation.index.excluded')}: {run.excluded.map((e) => e.complexName).join(', ')}
        </p>
      )}
    </div>
  );
}

/** Starts and shows the Monte Carlo uncertainty analysis of one index run. */
function UncertaintySection({ run, canRun }: { run: IndexRun; canRun: boolean }) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const { params, update } = useUrlParams();
  const queryClient = useQueryClient();
  const [settings, setSettings] = useState<UncertaintySettings>(defaultUncertainty);
  const list = useUncertaintyRuns(run.id);
  const latestDone = useMemo(
    () =>
      [...(list.data?.items ?? [])]
        .filter((r) => r.status === 'done')
        .sort((a, b) => b.id - a.id)[0]?.id ?? null,
    [list.data],
  );
  const shownId = numberParam(params.get('ur')) ?? latestDone;
  const job = useUncertaintyRun(shownId);
  const start = useMutation({
    mutationFn: () =>
      evaluationApi.startUncertainty(toUncertaintyRequest(run.id, settings, {}, runTargets)),
    onSuccess: (created) => {
      queryClient.setQueryData(['evaluation', 'uncertainty-run', created.id], created);
      update({ ur: created.id });
    },
  });
  // Distance to target is an alternative only with the run's own targets (one per indicator).
  const runTargets =
    run.method.normalisation.kind === 'distance-to-target'
      ? run.method.normalisation.targets
      : undefined;
  const mcNormalisations: NormalisationKind[] = runTargets
    ? [...plainNormalisationKinds, 'distance-to-target']
    : [...plainNormalisationKinds];
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: ['evaluation', 'uncertainty-runs', run.id] });
  }, [status, queryClient, run.id]);
  const toggle = <T extends string>(list: T[], value: T, on: boolean): T[] =>
    on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

  return (
    <section className="card" aria-labelledby="uncertainty-title" data-testid="uncertainty">
      <h2 id="uncertainty-title">{t('evaluation.index.uncertaintyTitle')}</h2>
      <p className="muted small">{t('evaluation.index.uncertaintyIntro')}</p>
      <div className="method-grid">
        <label>
          {t('evaluation.index.draws')}
          <input
            type="number"
            min={10}
            max={50000}
            step={100}
            data-testid="uncertainty-draws"
            value={settings.draws}
            onChange={(e) =>
              setSettings((s) => ({
                ...s,
                draws: Math.min(50000, Math.max(10, Math.round(Number(e.target.value)))),
              }))
            }
          />
        </label>
        <label>
          {t('evaluation.index.seed')}
          <input
            type="number"
            min={0}
            step={1}
            data-testid="uncertainty-seed"
            value={settings.seed}
            onChange={(e) =>
              setSettings((s) => ({ ...s, seed: Math.max(0, Math.round(Number(e.target.value))) }))
            }
          />
          <span className="muted small">{t('evaluation.index.seedHint')}</span>
        </label>
        <label>
          {t('evaluation.index.weightModel')}
          <select
            data-testid="uncertainty-weight-model"
            value={settings.weightModel}
            onChange={(e) =>
              setSettings((s) => ({
                ...s,
                weightModel: e.target.value as UncertaintySettings['weightModel'],
              }))
            }
          >
            <option value="uniform">{t('evaluation.index.weightUniform')}</option>
            <option value="dirichlet">{t('evaluation.index.weightDirichlet')}</option>
            <option value="none">{t('evaluation.index.weightNone')}</option>
          </select>
          {settings.weightModel === 'uniform' && (
            <input
              type="number"
              min={0}
              max={0.95}
              step={0.05}
              aria-label={t('evaluation.index.bound')}
              data-testid="uncertainty-bound"
              value={settings.bound}
              onChange={(e) =>
                setSettings((s) => ({
                  ...s,
                  bound: Math.min(0.95, Math.max(0, Number(e.target.value))),
                }))
              }
            />
          )}
          {settings.weightModel === 'dirichlet' && (
            <input
              type="number"
              min={1}
              step={10}
              aria-label={t('evaluation.index.concentration')}
              value={settings.concentration}
              onChange={(e) =>
                setSettings((s) => ({ ...s, concentration: Math.max(1, Number(e.target.value)) }))
              }
            />
          )}
          <span className="muted small">
            {t(`evaluation.index.weightDef.${settings.weightModel}` as const)}
          </span>
        </label>
      </div>
      <div className="method-grid">
        <fieldset>
          <legend className="small">{t('evaluation.index.altMissing')}</legend>
          {missingRules
            .filter((r) => r !== 'listwise')
            .map((r) => (
              <label key={r} className="field-boolean small">
                <input
                  type="checkbox"
                  checked={settings.missingRules.includes(r)}
                  onChange={(e) =>
                    setSettings((s) => ({
                      ...s,
                      missingRules: toggle(s.missingRules, r, e.target.checked),
                    }))
                  }
                />{' '}
                {t(`evaluation.missing.${r}` as const)}
              </label>
            ))}
        </fieldset>
        <fieldset>
          <legend className="small">{t('evaluation.index.altNormalisation')}</legend>
          {mcNormalisations.map((k) => (
            <label key={k} className="field-boolean small">
              <input
                type="checkbox"
                checked={settings.normalisations.includes(k)}
                onChange={(e) =>
                  setSettings((s) => ({
                    ...s,
                    normalisations: toggle(s.normalisations, k, e.target.checked),
                  }))
                }
              />{' '}
              {t(`evaluation.norm.${k}` as const)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="small">{t('evaluation.index.altAggregation')}</legend>
          {aggregationKinds.map((k) => (
            <label key={k} className="field-boolean small">
              <input
                type="checkbox"
                checked={settings.aggregations.includes(k)}
                onChange={(e) =>
                  setSettings((s) => ({
                    ...s,
                    aggregations: toggle(s.aggregations, k, e.target.checked),
                  }))
                }
              />{' '}
              {t(`evaluation.aggregation.${k}` as const)}
            </label>
          ))}
        </fieldset>
      </div>
      <p className="muted small">{t('evaluation.index.altHint')}</p>
      <div className="actions">
        {canRun && (
          <button
            type="button"
            className="button button-primary"
            data-testid="uncertainty-run"
            disabled={start.isPending || status === 'running' || status === 'queued'}
            onClick={() => start.mutate()}
          >
            {t('evaluation.index.runUncertainty')}
          </button>
        )}
        <ReportButtons indexRunId={run.id} uncertaintyRunId={status === 'done' ? shownId : null} />
      </div>
      {start.error && <ProblemDetails error={start.error} testId="uncertainty-error" />}
      {job.error && <ErrorMessage error={job.error} onRetry={() => void job.refetch()} />}
      {job.data && <UncertaintyResultView job={job.data} run={run} locale={locale} />}
      {!job.data && shownId === null && (
        <p className="muted small" data-testid="uncertainty-none">
          {t('evaluation.index.noUncertainty')}
        </p>
      )}
    </section>
  );
}

function UncertaintyResultView({
  job,
  run,
  locale,
}: {
  job: UncertaintyRun;
  run: IndexRun;
  locale: string;
}) {
  const { t } = useI18n();
  if (job.status === 'failed')
    return (
      <div className="state state-error" role="alert" data-testid="uncertainty-failed">
        {job.error}
      </div>
    );
  if (job.status !== 'done' || !job.result)
    return <JobProgress progress={job.progress} stage={job.stage} testId="uncertainty-job" />;
  const result = job.result;
  const bars = sensitivityRows(result).map((s) => ({
    label:
      s.factor === 'weight'
        ? `${t('evaluation.index.factor.weight')}: ${s.indicatorCode ?? ''}`
        : t(`evaluation.index.factor.${s.factor}` as const),
    value: s.mean,
  }));
  const alternatives = (list: string[]) => list.join(', ');
  return (
    <div data-testid="uncertainty-result" data-uncertainty-run={job.id}>
      <p className="small muted" data-testid="uncertainty-job" data-progress={1}>
        #{job.id} · {result.draws.toLocaleString(locale)} {t('evaluation.index.drawsDone')} ·{' '}
        {t('evaluation.index.seed')} {result.seed} ·{' '}
        {result.seconds.toLocaleString(locale, { maximumFractionDigits: 1 })} s ·{' '}
        {t('evaluation.index.averageShift')}{' '}
        {result.averageShift.mean.toLocaleString(locale, { maximumFractionDigits: 2 })} (95%:{' '}
        {result.averageShift.p95.toLocaleString(locale, { maximumFractionDigits: 2 })}){' '}
        {t('evaluation.index.ranksUnit')}
      </p>
      <p className="small muted">
        {t('evaluation.index.altMissing')}: {alternatives(result.alternatives.missing)} ·{' '}
        {t('evaluation.index.altNormalisation')}: {alternatives(result.alternatives.normalisation)}{' '}
        · {t('evaluation.index.altAggregation')}: {alternatives(result.alternatives.aggregation)}
      </p>
      <div className="grid-2">
        <div>
          <h3>{t('evaluation.index.intervalsTitle')}</h3>
          <RankIntervalsChart
            rows={result.complexes.map((c) => ({ ...c, name: c.complexName }))}
            draws={result.draws}
          />
        </div>
        <div>
          <h3>{t('evaluation.index.sensitivityTitle')}</h3>
          <SensitivityChart bars={bars} />
          <p className="muted small">{t('evaluation.index.sensitivityCaption')}</p>
        </div>
      </div>
      <details>
        <summary className="small">{t('evaluation.index.intervalsTable')}</summary>
        <table className="table table-compact" data-testid="uncertainty-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluation.complex')}</th>
              <th scope="col" className="num">
                {t('evaluation.index.baseRank')}
              </th>
              <th scope="col" className="num">
                {t('evaluation.index.medianRank')}
              </th>
              <th scope="col" className="num">
                {t('evaluation.index.interval')}
              </th>
              <th scope="col" className="num">
                {t('evaluation.index.meanRank')}
              </th>
            </tr>
          </thead>
          <tbody>
            {[...result.complexes]
              .sort((a, b) => a.baseRank - b.baseRank)
              .map((c) => (
                <tr key={c.complexId} data-complex={c.complexName}>
                  <td>{c.complexName}</td>
                  <td className="num">{c.baseRank}</td>
                  <td className="num" data-col="median">
                    {c.medianRank}
                  </td>
                  <td className="num" data-col="interval">
                    {c.lowRank}–{c.highRank}
                  </td>
                  <td className="num">
                    {c.meanRank.toLocaleString(locale, { maximumFractionDigits: 2 })}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
      {run.id !== job.indexRunId && <p className="muted small">#{job.indexRunId}</p>}
    </div>
  );
}
