import type { PolicyHintsResponse, Scorecard } from '@innocluster/contracts';
import { useMemo, useState } from 'react';
import { useEntityList } from '../../api/use-api.ts';
import { usePolicyHints, useScorecard } from '../../api/evaluation-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { TrendChart } from './EvaluationCharts.tsx';
import { EvaluationNav } from './EvaluationNav.tsx';
import { formatValue, localeOf } from './evaluation-format.ts';

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/**
 * One complex's scorecard: the composite index over the years against the median and the best
 * complex, every indicator's trend and its peer comparison in the latest year (rank, median,
 * best), and the policy hints for its life-cycle stage with their sources.
 */
export function ScorecardsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('evaluation.scorecards.title'));
  const { params, update } = useUrlParams();
  const complexes = useEntityList('complexes', { pageSize: 100, sort: 'name' });
  const complexId = numberParam(params.get('complex')) ?? complexes.data?.items[0]?.id ?? null;
  const scorecard = useScorecard(complexId);
  const hints = usePolicyHints(complexId);
  const synthetic = complexes.data?.items.find((c) => c.id === complexId)?.synthetic ?? false;

  return (
    <div className="page evaluation-page" data-testid="evaluation-scorecards-page">
      <EvaluationNav />
      <div className="page-head">
        <h1>{t('evaluation.scorecards.title')}</h1>
      </div>
      <p className="muted">{t('evaluation.scorecards.intro')}</p>
      <div className="filters">
        <label>
          {t('evaluation.complex')}{' '}
          <select
            data-testid="scorecard-complex"
            value={complexId ?? ''}
            onChange={(e) => update({ complex: e.target.value })}
          >
            {(complexes.data?.items ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {String(c.name)}
              </option>
            ))}
          </select>
        </label>
        {synthetic && <SyntheticBadge />}
      </div>
      {scorecard.error ? (
        <ErrorMessage error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : !scorecard.data ? (
        complexId === null ? null : (
          <Loading />
        )
      ) : (
        <ScorecardView card={scorecard.data} />
      )}
      <section className="card" aria-labelledby="hints-title" data-testid="policy-hints">
        <h2 id="hints-title">{t('evaluation.scorecards.hintsTitle')}</h2>
        {hints.error ? (
          <ErrorMessage error={hints.error} onRetry={() => void hints.refetch()} />
        ) : !hints.data ? (
          complexId === null ? null : (
            <Loading />
          )
        ) : (
          <PolicyHintsView hints={hints.data} />
        )}
      </section>
    </div>
  );
}

function ScorecardView({ card }: { card: Scorecard }) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const [shown, setShown] = useState<string | null>(null);
  const indicator = card.indicators.find((i) => i.code === shown) ?? card.indicators[0];
  const years = card.years;
  const trendSeries = useMemo(() => {
    const at = (y: number) => card.trend.find((p) => p.year === y);
    return [
      { name: card.complex.name, values: years.map((y) => at(y)?.score ?? null) },
      {
        name: t('evaluation.scorecards.median'),
        values: years.map((y) => at(y)?.median ?? null),
        dashed: true,
      },
      {
        name: t('evaluation.scorecards.best'),
        values: years.map((y) => at(y)?.best ?? null),
        dashed: true,
      },
    ];
  }, [card, years, t]);
  const latest = [...card.trend].reverse().find((p) => p.score !== null);
  return (
    <>
      <section className="card" aria-labelledby="trend-title" data-testid="scorecard">
        <h2 id="trend-title">
          {card.complex.name}: {t('evaluation.scorecards.trend')}
        </h2>
        <p className="small muted">
          {card.framework.code} v{card.framework.version}
          {card.indexRunId !== null &&
            ` · ${t('evaluation.scorecards.methodOf')} #${card.indexRunId}`}
          {latest && (
            <>
              {' '}
              · {latest.year}: {t('evaluation.index.rank')}{' '}
              <strong data-testid="scorecard-rank">
                {latest.rank ?? '—'} / {latest.of}
              </strong>
            </>
          )}
        </p>
        <TrendChart
          years={years}
          series={trendSeries}
          unit={t('evaluation.scorecards.indexUnit')}
          testId="scorecard-trend"
        />
        <p className="muted small">{t('evaluation.scorecards.trendCaption')}</p>
      </section>
      <section className="card" aria-labelledby="indicators-title">
        <h2 id="indicators-title">{t('evaluation.scorecards.indicators')}</h2>
        <div>
          <div className="table-wrap">
            <table
              className="table table-compact table-clickable"
              data-testid="scorecard-indicators"
            >
              <caption className="muted small">{t('evaluation.scorecards.peerCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.indicator')}</th>
                  <th scope="col" className="num">
                    {t('evaluation.scorecards.latest')}
                  </th>
                  <th scope="col" className="num">
                    {t('evaluation.scorecards.peerRank')}
                  </th>
                  <th scope="col" className="num">
                    {t('evaluation.scorecards.median')}
                  </th>
                  <th scope="col" className="num">
                    {t('evaluation.scorecards.best')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {card.indicators.map((ind) => {
                  const value = ind.series.find((p) => p.year === ind.latestYear)?.value ?? null;
                  return (
                    <tr
                      key={ind.code}
                      data-indicator={ind.code}
                      className={ind.code === indicator?.code ? 'selected' : undefined}
                      onClick={() => setShown(ind.code)}
                      style={{ cursor: 'pointer' }}
                    >
                      <td
                        title={`${ind.name} (${ind.unit}); ${t(`evaluation.direction.${ind.direction}` as const)}`}
                      >
                        <code>{ind.code}</code> {ind.name}
                        {ind.code === indicator?.code && ' ▸'}
                      </td>
                      <td className="num">
                        {formatValue(value, ind.unit, locale)}
                        {ind.latestYear !== null && (
                          <span className="muted small"> ({ind.latestYear})</span>
                        )}
                      </td>
                      <td className="num" data-col="peer-rank">
                        {ind.peer.rank ?? '—'} / {ind.peer.of}
                      </td>
                      <td className="num">{formatValue(ind.peer.median, ind.unit, locale)}</td>
                      <td className="num">{formatValue(ind.peer.best, ind.unit, locale)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {indicator && (
            <div>
              <h3>
                <code>{indicator.code}</code> {indicator.name}
              </h3>
              <p className="small muted">
                {indicator.unit} · {t(`evaluation.direction.${indicator.direction}` as const)}
              </p>
              <TrendChart
                years={indicator.series.map((p) => p.year)}
                series={[{ name: indicator.name, values: indicator.series.map((p) => p.value) }]}
                unit={indicator.unit}
                testId="scorecard-indicator-trend"
              />
              <p className="muted small">
                {t('evaluation.scorecards.originNote')}{' '}
                {indicator.series
                  .filter((p) => p.origin !== null)
                  .map(
                    (p) => `${p.year}: ${t(`evaluation.origin.${p.origin ?? 'entered'}` as const)}`,
                  )
                  .join(', ')}
              </p>
            </div>
          )}
        </div>
      </section>
    </>
  );
}

function PolicyHintsView({ hints }: { hints: PolicyHintsResponse }) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  return (
    <div>
      <p data-testid="policy-stage">
        {t('evaluation.scorecards.stage')}:{' '}
        <strong>
          {hints.stage?.stage
            ? t(`evaluation.stage.${hints.stage.stage}` as const)
            : t('evaluation.scorecards.stageUnknown')}
        </strong>
        {hints.stage?.confidence && (
          <span className="muted small"> ({hints.stage.confidence})</span>
        )}
        {hints.stage && <span className="muted small"> · {hints.stage.source}</span>}
      </p>
      {hints.measures.length > 0 && (
        <table className="table table-compact" data-testid="policy-measures">
          <thead>
            <tr>
              <th scope="col">{t('evaluation.scorecards.measure')}</th>
              <th scope="col" className="num">
                {t('evaluation.scorecards.value')}
              </th>
              <th scope="col">{t('common.source')}</th>
            </tr>
          </thead>
          <tbody>
            {hints.measures.map((m) => (
              <tr key={m.measure}>
                <td>{m.measure}</td>
                <td className="num">{formatValue(m.value, m.unit, locale)}</td>
                <td className="small muted wrap">{m.source}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hints.hints.length === 0 && (
        <p className="muted" data-testid="policy-no-hints">
          {t('evaluation.scorecards.noHints')}
        </p>
      )}
      {hints.hints.map((h) => (
        <article key={h.id} className="hint-card" data-testid="policy-hint" data-hint={h.id}>
          <strong>{h.title}</strong>
          <p>{h.recommendation}</p>
          {h.measured.length > 0 && (
            <p className="small muted">
              {h.measured
                .map(
                  (m) =>
                    `${m.measure} = ${m.value.toLocaleString(locale, { maximumFractionDigits: 3 })}${
                      m.below !== undefined ? ` < ${m.below}` : ''
                    }${m.above !== undefined ? ` > ${m.above}` : ''}`,
                )
                .join('; ')}
            </p>
          )}
          {h.sources.map((s) => (
            <cite key={s}>{s}</cite>
          ))}
        </article>
      ))}
    </div>
  );
}
