import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSelection } from '../../api/use-mapping.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { RankIntervalChart } from './RankIntervalChart.tsx';
import {
  criteria,
  criterionText,
  defaultSettings,
  demoCandidates,
  orderResults,
  toSelectionRequest,
  type Candidate,
  type Criterion,
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

/**
 * Site selection: candidate complexes scored on the five criteria with editable weights, an
 * eligibility filter, and rank intervals when the weights vary at random within bounds.
 */
export function SelectionPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('selection.title'));
  const locale = language === 'ko' ? 'ko-KR' : 'en-GB';
  const [settings, setSettings] = useState<SelectionSettings>(defaultSettings);
  const [candidates, setCandidates] = useState<Candidate[]>(demoCandidates);
  const settled = useDebounced(settings, 300);
  const settledCandidates = useDebounced(candidates, 300);
  const body = useMemo(
    () => toSelectionRequest(settledCandidates, settled),
    [settledCandidates, settled],
  );
  const selection = useSelection(body);
  const weightSum = criteria.reduce((s, c) => s + settings.weights[c], 0);
  const results = useMemo(() => orderResults(selection.data?.results ?? []), [selection.data]);
  const byId = useMemo(() => new Map(settledCandidates.map((c) => [c.id, c])), [settledCandidates]);
  const setValue = (id: string, field: Criterion | 'companies', value: number) =>
    setCandidates((list) =>
      list.map((c) => (c.id === id ? { ...c, values: { ...c.values, [field]: value } } : c)),
    );
  const setWeight = (c: Criterion, w: number) =>
    setSettings((s) => ({ ...s, weights: { ...s.weights, [c]: w } }));
  const pct = (w: number) =>
    weightSum > 0
      ? `${((w / weightSum) * 100).toLocaleString(locale, { maximumFractionDigits: 0 })} %`
      : '—';

  return (
    <div className="page selection-page">
      <div className="page-head">
        <h1>{t('selection.title')}</h1>
        <Link to="/mapping" className="button">
          {t('mapping.title')}
        </Link>
      </div>
      <p className="muted">{t('selection.intro')}</p>
      <p className="small">
        <SyntheticBadge /> {t('selection.demoNote')}
      </p>

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
                <span className="muted small weight-def">{t(criterionText[c].definition)}</span>
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
            .
          </p>
        </section>
      </div>

      <details className="card" data-testid="candidate-editor">
        <summary>
          <strong>{t('selection.editCandidates')}</strong>{' '}
          <span className="muted small">{t('selection.editCandidatesHint')}</span>
        </summary>
        <div className="table-wrap selection-ranking-wrap">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">{t('selection.candidate')}</th>
                {(['companies', ...criteria] as const).map((f) => (
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
                  {(['companies', ...criteria] as const).map((f) => (
                    <td key={f} className="num">
                      <input
                        type="number"
                        className="cell-input"
                        step="any"
                        aria-label={`${c.name}: ${t(criterionText[f].label)}`}
                        data-testid={`value-${c.id}-${f}`}
                        value={c.values[f]}
                        onChange={(e) => {
                          const v = Number(e.target.value);
                          if (e.target.value !== '' && Number.isFinite(v)) setValue(c.id, f, v);
                        }}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="button"
          className="button"
          data-testid="candidates-reset"
          onClick={() => setCandidates(demoCandidates)}
        >
          {t('selection.resetCandidates')}
        </button>
      </details>

      <section className="card" aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t('selection.ranking')}</h2>
        {selection.error ? (
          <ErrorMessage error={selection.error} onRetry={() => void selection.refetch()} />
        ) : !selection.data ? (
          <Loading />
        ) : (
          <div>
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
                    <th scope="col" className="num" title={t('selection.def.companies')}>
                      {t('selection.companies')}
                    </th>
                    {criteria.map((c) => (
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
                    const cand = byId.get(r.id);
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
                              <span className="small muted" data-testid="excluded-reason">
                                {' '}
                                {t('selection.excludedFewCompanies')} (
                                {cand?.values.companies ?? '—'} &lt; {settled.minCompanies})
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
                        <td className="num" data-col="companies">
                          {cand?.values.companies.toLocaleString(locale) ?? '—'}
                        </td>
                        {criteria.map((c) => (
                          <td
                            key={c}
                            className="num"
                            data-col={c}
                            title={
                              r.normalised[c] === undefined
                                ? undefined
                                : `${t('selection.normalised')}: ${r.normalised[c].toFixed(3)}`
                            }
                          >
                            {cand?.values[c].toLocaleString(locale, {
                              minimumFractionDigits:
                                criterionText[c].unit === 'selection.unit.percent' ? 0 : 1,
                            }) ?? '—'}
                          </td>
                        ))}
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
