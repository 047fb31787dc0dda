import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  useSelectionFromData,
  type SelectionFromDataRequest,
} from '../../api/mapping-analysis-client.ts';
import { useMappingDatasets } from '../../api/use-mapping.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { RankIntervalChart } from './RankIntervalChart.tsx';
import {
  criteria,
  criterionText,
  dataCriteria,
  defaultSettings,
  exclusionReasons,
  fromDisplay,
  normalisations,
  orderResults,
  percentFields,
  toDisplay,
  toSelectionRequest,
  type Criterion,
  type EnteredValues,
  type SelectionCandidate,
  type SelectionSettings,
} from './selection-candidates.ts';

/** The value after it has stayed unchanged for `ms` (slider drags re-score once, at rest). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

const fields = ['companies', ...dataCriteria] as const;
type Field = (typeof fields)[number];
type Source = 'data' | 'entered' | 'missing';

/** A candidate's value of one field: the entered one over the computed one. */
function valueOf(
  candidate: SelectionCandidate,
  entered: EnteredValues,
  field: Field,
): { value: number | undefined; source: Source } {
  const own = entered[candidate.id]?.[field];
  if (own !== undefined) return { value: own, source: 'entered' };
  const computed = candidate.sources[field] === 'data' ? candidate.values[field] : undefined;
  return computed === undefined
    ? { value: undefined, source: 'missing' }
    : { value: computed, source: 'data' };
}

/**
 * Site selection: the registry's complexes scored on the five criteria, all computed by the
 * server from the registry, a statistics dataset and the declared strategic industries (any
 * value can be overridden on the page); editable weights, eligibility and values, and rank
 * intervals when the weights vary at random within bounds.
 */
export function SelectionPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('selection.title'));
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const datasets = useMappingDatasets();
  const [datasetId, setDatasetId] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const dataset = datasets.data?.find((d) => d.id === datasetId) ?? datasets.data?.[0];
  const shownYear = year !== null && dataset?.years.includes(year) ? year : dataset?.years.at(-1);
  const source = useMemo(
    () =>
      dataset
        ? { dataset: dataset.id, ...(shownYear !== undefined ? { year: shownYear } : {}) }
        : null,
    [dataset, shownYear],
  );
  // The complexes and their computed values, before any assessment is entered.
  const facts = useSelectionFromData(
    source
      ? ({
          ...source,
          criteria: [{ key: 'companies', weight: 1 }],
          draws: 0,
        } satisfies SelectionFromDataRequest)
      : null,
  );
  const [entered, setEntered] = useState<EnteredValues | null>(null);
  useEffect(() => {
    if (entered === null && facts.data) setEntered({});
  }, [entered, facts.data]);
  const [settings, setSettings] = useState<SelectionSettings>(defaultSettings);
  const settled = useDebounced(settings, 300);
  const settledEntered = useDebounced(entered, 300);
  const body = useMemo(
    () => (source && settledEntered ? toSelectionRequest(source, settledEntered, settled) : null),
    [source, settledEntered, settled],
  );
  const selection = useSelectionFromData(body);
  const weightSum = criteria.reduce((s, c) => s + settings.weights[c], 0);
  const results = useMemo(() => orderResults(selection.data?.results ?? []), [selection.data]);
  const candidates = facts.data?.candidates ?? [];
  const byId = useMemo(
    () => new Map((facts.data?.candidates ?? []).map((c) => [c.id, c])),
    [facts.data],
  );
  const setValue = (id: string, field: Field, typed: string) =>
    setEntered((all) => {
      const next = { ...(all ?? {}) };
      const own = { ...(next[id] ?? {}) };
      const v = Number(typed);
      // Clearing a cell drops the entry: the computed value (if any) shows again.
      if (typed.trim() === '') delete own[field];
      else if (Number.isFinite(v)) own[field] = fromDisplay(field, v);
      else return all;
      next[id] = own;
      return next;
    });
  const setWeight = (c: Criterion, w: number) =>
    setSettings((s) => ({ ...s, weights: { ...s.weights, [c]: w } }));
  const pct = (w: number) =>
    weightSum > 0
      ? `${((w / weightSum) * 100).toLocaleString(locale, { maximumFractionDigits: 0 })} %`
      : '—';
  const show = (field: Field, value: number | undefined) =>
    value === undefined
      ? '—'
      : toDisplay(field, value).toLocaleString(locale, {
          maximumFractionDigits: field === 'companies' ? 0 : percentFields.has(field) ? 1 : 2,
          minimumFractionDigits: field === 'companies' ? 0 : 1,
        });
  const sourceTag = (s: Source) =>
    s === 'missing' ? null : (
      <span
        className={`badge ${s === 'data' ? 'badge-ok' : 'badge-editable'} source-tag`}
        title={t(s === 'data' ? 'selection.source.dataHint' : 'selection.source.enteredHint')}
      >
        {t(s === 'data' ? 'selection.source.data' : 'selection.source.entered')}
      </span>
    );

  if (datasets.error)
    return (
      <div className="page">
        <h1>{t('selection.title')}</h1>
        <ErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />
      </div>
    );

  return (
    <div className="page selection-page">
      <div className="page-head">
        <h1>{t('selection.title')}</h1>
        <Link to="/mapping" className="button">
          {t('mapping.title')}
        </Link>
      </div>
      <p className="muted">{t('selection.intro')}</p>
      {datasets.data && !dataset ? (
        <p className="muted" data-testid="selection-empty">
          {t('mapping.noDatasets')}
        </p>
      ) : null}
      {dataset && (
        <div className="filters" data-testid="selection-source">
          <label>
            {t('mapping.dataset')}{' '}
            <select
              data-testid="selection-dataset"
              value={dataset.id}
              onChange={(e) => {
                setDatasetId(Number(e.target.value));
                setYear(null);
              }}
            >
              {(datasets.data ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mapping.year')}{' '}
            <select
              data-testid="selection-year"
              value={shownYear ?? ''}
              onChange={(e) => setYear(Number(e.target.value))}
            >
              {dataset.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          <span className="small muted">
            {dataset.synthetic && <SyntheticBadge />} {t('selection.dataNote')}
          </span>
        </div>
      )}
      <p className="small">
        <SyntheticBadge /> {t('selection.demoNote')}
      </p>

      <section className="card" aria-labelledby="criteria-title" data-testid="selection-criteria">
        <h2 id="criteria-title">{t('selection.criteriaTitle')}</h2>
        <div className="table-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('selection.criterion')}</th>
                <th scope="col">{t('selection.unitCol')}</th>
                <th scope="col">{t('selection.sourceCol')}</th>
                <th scope="col">{t('selection.definition')}</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f} data-criterion={f}>
                  <th scope="row">{t(criterionText[f].label)}</th>
                  <td>{t(criterionText[f].unit)}</td>
                  <td data-col="source">{sourceTag('data')}</td>
                  <td className="small wrap">{t(criterionText[f].definition)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">{t('selection.overrideHint')}</p>
        {facts.data && (
          <details data-testid="selection-notes">
            <summary className="small">{t('selection.computedNotes')}</summary>
            <ul className="small muted">
              {facts.data.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </details>
        )}
      </section>

      <div className="grid-2">
        <section className="card" aria-labelledby="weights-title">
          <h2 id="weights-title">{t('selection.weights')}</h2>
          <p className="muted small">{t('selection.weightsHint')}</p>
          <div className="weights" data-testid="selection-weights">
            {criteria.map((c) => (
              <label key={c} className="weight-row">
                <span className="weight-label" title={t(criterionText[c].definition)}>
                  {t(criterionText[c].label)}
                  <span className="muted small"> ({t(criterionText[c].unit)})</span>
                </span>
                <input
                  type="range"
                  min={0}
                  max={1}
                  step={0.05}
                  value={settings.weights[c]}
                  data-testid={`weight-${c}`}
                  aria-valuetext={pct(settings.weights[c])}
                  onChange={(e) => setWeight(c, Number(e.target.value))}
                />
                <output className="num" data-testid={`weight-${c}-value`}>
                  {settings.weights[c].toFixed(2)} · {pct(settings.weights[c])}
                </output>
              </label>
            ))}
          </div>
        </section>
        <section className="card" aria-labelledby="uncertainty-title">
          <h2 id="uncertainty-title">{t('selection.uncertainty')}</h2>
          <div className="filters">
            <label>
              {t('selection.bound')}{' '}
              <input
                type="number"
                min={0}
                max={1}
                step={0.05}
                data-testid="selection-bound"
                value={settings.bound}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, bound: Math.max(0, Number(e.target.value)) }))
                }
              />
            </label>
            <label>
              {t('selection.draws')}{' '}
              <input
                type="number"
                min={0}
                max={10000}
                step={100}
                data-testid="selection-draws"
                value={settings.draws}
                onChange={(e) =>
                  setSettings((s) => ({
                    ...s,
                    draws: Math.min(10000, Math.max(0, Math.round(Number(e.target.value)))),
                  }))
                }
              />
            </label>
            <label>
              {t('selection.seed')}{' '}
              <input
                type="number"
                step={1}
                data-testid="selection-seed"
                value={settings.seed}
                onChange={(e) =>
                  setSettings((s) => ({ ...s, seed: Math.round(Number(e.target.value)) }))
                }
              />
            </label>
          </div>
          <p className="muted small">{t('selection.boundHint')}</p>
          <h3>{t('selection.normalisation')}</h3>
          <label>
            {t('selection.normalisation')}{' '}
            <select
              data-testid="selection-normalisation"
              value={settings.normalisation}
              onChange={(e) =>
                setSettings((s) => ({
                  ...s,
                  normalisation: e.target.value as SelectionSettings['normalisation'],
                }))
              }
            >
              {normalisations.map((n) => (
                <option key={n} value={n}>
                  {t(`selection.norm.${n}` as const)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small" data-testid="selection-normalisation-definition">
            {t(`selection.normDef.${settings.normalisation}` as const)}
          </p>
          <h3>{t('selection.eligibility')}</h3>
          <label>
            {t('selection.minCompanies')}{' '}
            <input
              type="number"
              min={0}
              step={1}
              data-testid="selection-min-companies"
              value={settings.minCompanies}
              onChange={(e) =>
                setSettings((s) => ({
                  ...s,
                  minCompanies: Math.max(0, Math.round(Number(e.target.value))),
                }))
              }
            />
          </label>
          <p className="muted small" data-testid="selection-eligibility">
            {t('selection.eligibilityRule')} {settings.minCompanies} {t('selection.unit.companies')}
            . {t('selection.missingRule')}
          </p>
        </section>
      </div>

      <details className="card" data-testid="candidate-editor">
        <summary>
          <strong>{t('selection.editCandidates')}</strong>{' '}
          <span className="muted small">{t('selection.editCandidatesHint')}</span>
        </summary>
        {facts.error ? (
          <ErrorMessage error={facts.error} onRetry={() => void facts.refetch()} />
        ) : (
          <div className="table-wrap selection-ranking-wrap">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('selection.candidate')}</th>
                  {fields.map((f) => (
                    <th key={f} scope="col" className="num" title={t(criterionText[f].definition)}>
                      {t(criterionText[f].label)} ({t(criterionText[f].unit)})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {candidates.map((c) => (
                  <tr key={c.id} data-candidate-edit={c.name}>
                    <th scope="row">{c.name}</th>
                    {fields.map((f) => {
                      const { value, source: from } = valueOf(c, entered ?? {}, f);
                      return (
                        <td key={f} className="num" data-source={from}>
                          <input
                            type="number"
                            className="cell-input"
                            step="any"
                            aria-label={`${c.name}: ${t(criterionText[f].label)}`}
                            data-testid={`value-${c.id}-${f}`}
                            data-field={f}
                            value={
                              value === undefined
                                ? ''
                                : Number(toDisplay(f, value).toFixed(percentFields.has(f) ? 2 : 4))
                            }
                            onChange={(e) => setValue(c.id, f, e.target.value)}
                          />{' '}
                          {sourceTag(from)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <button
          type="button"
          className="button"
          data-testid="candidates-reset"
          onClick={() => setEntered({})}
        >
          {t('selection.resetCandidates')}
        </button>
      </details>

      <section className="card" aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t('selection.ranking')}</h2>
        {selection.error ? (
          <ErrorMessage error={selection.error} onRetry={() => void selection.refetch()} />
        ) : facts.error ? null : !selection.data ? (
          <Loading />
        ) : (
          <div>
            <p className="muted small" data-testid="selection-year-note">
              {t('selection.computedFor')} {dataset?.name}, {selection.data.year}
            </p>
            <div
              className={`table-wrap selection-ranking-wrap${selection.isFetching ? ' is-fetching' : ''}`}
            >
              <table
                className="table table-compact"
                data-testid="selection-ranking"
                aria-busy={selection.isFetching}
              >
                <caption className="muted small">{t('selection.rankingCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('selection.rank')}
                    </th>
                    <th scope="col">{t('selection.candidate')}</th>
                    <th scope="col" className="num">
                      {t('selection.score')}
                    </th>
                    <th scope="col" className="num">
                      {t('selection.interval')}
                    </th>
                    {(['companies', ...criteria] as const).map((c) => (
                      <th
                        key={c}
                        scope="col"
                        className="num"
                        title={t(criterionText[c].definition)}
                      >
                        {t(criterionText[c].label)} ({t(criterionText[c].unit)})
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {results.map((r) => {
                    const shown = selection.data?.candidates.find((c) => c.id === r.id);
                    const cand = shown ?? byId.get(r.id);
                    const reasons = cand ? exclusionReasons(cand.values, settled.minCompanies) : [];
                    return (
                      <tr
                        key={r.id}
                        data-candidate={r.name}
                        data-eligible={r.eligible}
                        className={r.eligible ? undefined : 'row-excluded'}
                      >
                        <td className="num" data-col="rank">
                          {r.rank ?? '—'}
                        </td>
                        <td className="candidate">
                          {r.name}{' '}
                          {!r.eligible && (
                            <>
                              <span className="badge badge-muted">{t('selection.excluded')}</span>
                              <span
                                className="small muted"
                                data-testid="excluded-reason"
                                title={r.reasons?.join('; ')}
                              >
                                {' '}
                                {reasons
                                  .map((x) =>
                                    x.kind === 'companies'
                                      ? `${t('selection.excludedFewCompanies')} (${x.companies ?? '—'} < ${settled.minCompanies})`
                                      : `${t('selection.excludedMissing')}: ${t(criterionText[x.field].label)}`,
                                  )
                                  .join('; ')}
                              </span>
                            </>
                          )}
                        </td>
                        <td className="num" data-col="score">
                          {r.score === null
                            ? '—'
                            : r.score.toLocaleString(locale, {
                                maximumFractionDigits: 3,
                                minimumFractionDigits: 3,
                              })}
                        </td>
                        <td className="num" data-col="interval">
                          {r.rankLow === null
                            ? '—'
                            : `${r.rankLow}–${r.rankHigh} (${r.rankMedian})`}
                        </td>
                        {(['companies', ...criteria] as const).map((c) => {
                          const v = cand?.values[c];
                          const from: Source =
                            v === undefined ? 'missing' : (cand?.sources[c] ?? 'missing');
                          return (
                            <td
                              key={c}
                              className="num"
                              data-col={c}
                              data-source={from}
                              data-value={v ?? ''}
                              title={
                                r.normalised[c] === undefined
                                  ? undefined
                                  : `${t('selection.normalised')}: ${r.normalised[c].toFixed(3)}`
                              }
                            >
                              {show(c, v)}
                              {c === 'influence' && v !== undefined && v > 1 && (
                                <span
                                  className="badge badge-warning"
                                  data-testid="influence-over-100"
                                  title={t('selection.influenceOver100')}
                                >
                                  ⚠
                                </span>
                              )}{' '}
                              {sourceTag(from)}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <RankIntervalChart results={results} />
          </div>
        )}
      </section>
    </div>
  );
}
