import type { AllocationSimulateRequest, UncertaintyResult } from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import {
  evaluationApi,
  useAllocationScenarios,
  useAllocationSimulation,
  useIndexRun,
  useIndexRuns,
  useUncertaintyRun,
} from '../../api/evaluation-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { JobProgress } from '../network/NetworkControls.tsx';
import {
  compareOutcomes,
  defaultScenarios,
  equalSplit,
  ScenarioInputError,
  toRule,
  type LastYear,
  type ScenarioState,
} from './allocation-scenarios.ts';
import { AllocationChart } from './EvaluationCharts.tsx';
import { EvaluationNav } from './EvaluationNav.tsx';
import { formatKrw, formatShare, localeOf, parseKrw } from './evaluation-format.ts';
import { ReportButtons } from './ReportButtons.tsx';
import { defaultUncertainty, toUncertaintyRequest } from './uncertainty-view.ts';

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** The value after it has stayed unchanged for `ms` (typing re-simulates once, at rest). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** A KRW amount typed with separators or unit words; empty means "none" when allowed. */
function KrwInput({
  value,
  onChange,
  testId,
  optional = false,
  label,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  testId: string;
  optional?: boolean;
  label: string;
}) {
  const { language } = useI18n();
  const locale = localeOf(language);
  const shown = value === null ? '' : value.toLocaleString(locale);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  return (
    <input
      type="text"
      inputMode="numeric"
      aria-label={label}
      data-testid={testId}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (optional && text.trim() === '') return onChange(null);
        const parsed = parseKrw(text);
        if (parsed === null) setText(shown);
        else onChange(parsed);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

/** A percentage input for a share in [0, 1] (empty = none when optional). */
function PercentInput({
  value,
  onChange,
  testId,
  label,
  optional = false,
}: {
  value: number | null;
  onChange: (v: number | null) => void;
  testId: string;
  label: string;
  optional?: boolean;
}) {
  return (
    <input
      type="number"
      min={0}
      max={100}
      step={5}
      aria-label={label}
      data-testid={testId}
      value={value === null ? '' : +(value * 100).toFixed(4)}
      onChange={(e) => {
        if (optional && e.target.value === '') return onChange(null);
        const v = Number(e.target.value);
        if (Number.isFinite(v)) onChange(Math.min(1, Math.max(0, v / 100)));
      }}
    />
  );
}

function ScenarioEditor({
  index,
  scenario,
  complexes,
  onChange,
  onRemove,
}: {
  index: number;
  scenario: ScenarioState;
  complexes: readonly { id: number; name: string }[];
  onChange: (s: ScenarioState) => void;
  onRemove: (() => void) | null;
}) {
  const { t } = useI18n();
  const set = <K extends keyof ScenarioState>(key: K, value: ScenarioState[K]) =>
    onChange({ ...scenario, [key]: value });
  const id = `scenario-${index}`;
  return (
    <div className="scenario-card" data-testid={id}>
      <label>
        {t('evaluation.allocation.name')}
        <input
          type="text"
          value={scenario.name}
          data-testid={`${id}-name`}
          onChange={(e) => set('name', e.target.value)}
        />
      </label>
      <label title={t('evaluation.allocation.poolDef')}>
        {t('evaluation.allocation.pool')} (KRW)
        <KrwInput
          value={scenario.pool}
          label={t('evaluation.allocation.pool')}
          testId={`${id}-pool`}
          onChange={(v) => set('pool', v ?? 0)}
        />
      </label>
      <label title={t('evaluation.allocation.baseShareDef')}>
        {t('evaluation.allocation.baseShare')} (%)
        <PercentInput
          value={scenario.baseShare}
          label={t('evaluation.allocation.baseShare')}
          testId={`${id}-base`}
          onChange={(v) => set('baseShare', v ?? 0)}
        />
      </label>
      <label
        title={t(
          scenario.base === 'equal'
            ? 'evaluation.allocation.baseEqualDef'
            : 'evaluation.allocation.baseBySizeDef',
        )}
      >
        {t('evaluation.allocation.baseSplit')}
        <select
          value={scenario.base}
          data-testid={`${id}-base-split`}
          onChange={(e) => set('base', e.target.value as ScenarioState['base'])}
        >
          <option value="equal">{t('evaluation.allocation.baseEqual')}</option>
          <option value="proportional">{t('evaluation.allocation.baseBySize')}</option>
        </select>
      </label>
      <p className="muted small" data-testid={`${id}-base-def`}>
        {t(
          scenario.base === 'equal'
            ? 'evaluation.allocation.baseEqualDef'
            : 'evaluation.allocation.baseBySizeDef',
        )}
      </p>
      {scenario.base === 'proportional' && (
        <details data-testid={`${id}-sizes`} open>
          <summary className="small">{t('evaluation.allocation.sizes')}</summary>
          {complexes.map((c) => (
            <label key={c.id} className="small">
              {c.name}
              <input
                type="number"
                min={0}
                step={1}
                style={{ width: '6rem' }}
                aria-label={`${t('evaluation.allocation.sizes')}: ${c.name}`}
                data-testid={`${id}-size-${c.id}`}
                value={scenario.sizes[c.id] ?? 1}
                onChange={(e) =>
                  set('sizes', {
                    ...scenario.sizes,
                    [c.id]: Math.max(0, Number(e.target.value) || 0),
                  })
                }
              />
            </label>
          ))}
        </details>
      )}
      <label>
        {t('evaluation.allocation.performance')}
        <select
          value={scenario.performance}
          data-testid={`${id}-performance`}
          onChange={(e) => set('performance', e.target.value as ScenarioState['performance'])}
        >
          <option value="proportional">{t('evaluation.allocation.byScore')}</option>
          <option value="tiers">{t('evaluation.allocation.byTiers')}</option>
        </select>
      </label>
      {scenario.performance === 'tiers' ? (
        <div data-testid={`${id}-tiers`}>
          <p className="muted small">{t('evaluation.allocation.tiersHint')}</p>
          {scenario.tiers.map((tier, k) => (
            <label key={k}>
              <span>
                {t('evaluation.allocation.tierUpTo')} (%)
                <input
                  type="number"
                  min={1}
                  max={100}
                  step={5}
                  style={{ width: '4.5rem' }}
                  value={+(tier.upTo * 100).toFixed(2)}
                  onChange={(e) => {
                    const tiers = [...scenario.tiers];
                    tiers[k] = {
                      ...tier,
                      upTo: Math.min(1, Math.max(0.01, Number(e.target.value) / 100)),
                    };
                    set('tiers', tiers);
                  }}
                />
              </span>
              <span>
                ×
                <input
                  type="number"
                  min={0}
                  step={0.1}
                  style={{ width: '4.5rem' }}
                  value={tier.multiplier}
                  onChange={(e) => {
                    const tiers = [...scenario.tiers];
                    tiers[k] = { ...tier, multiplier: Math.max(0, Number(e.target.value)) };
                    set('tiers', tiers);
                  }}
                />
              </span>
              <button
                type="button"
                className="link-button"
                aria-label={t('common.delete')}
                onClick={() =>
                  set(
                    'tiers',
                    scenario.tiers.filter((_, j) => j !== k),
                  )
                }
              >
                ✕
              </button>
            </label>
          ))}
          <label>
            {t('evaluation.allocation.otherMultiplier')} ×
            <input
              type="number"
              min={0}
              step={0.1}
              style={{ width: '4.5rem' }}
              value={scenario.otherMultiplier}
              onChange={(e) => set('otherMultiplier', Math.max(0, Number(e.target.value)))}
            />
          </label>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              set('tiers', [
                ...scenario.tiers,
                { upTo: Math.min(1, (scenario.tiers.at(-1)?.upTo ?? 0) + 0.2), multiplier: 1 },
              ])
            }
          >
            + {t('evaluation.allocation.addTier')}
          </button>
        </div>
      ) : (
        <label title={t('evaluation.allocation.thresholdDef')}>
          {t('evaluation.allocation.threshold')}
          <input
            type="number"
            step={0.05}
            value={scenario.threshold ?? ''}
            data-testid={`${id}-threshold`}
            onChange={(e) =>
              set('threshold', e.target.value === '' ? null : Number(e.target.value))
            }
          />
        </label>
      )}
      <label title={t('evaluation.allocation.floorDef')}>
        {t('evaluation.allocation.floor')} (KRW)
        <KrwInput
          value={scenario.floor}
          optional
          label={t('evaluation.allocation.floor')}
          testId={`${id}-floor`}
          onChange={(v) => set('floor', v)}
        />
      </label>
      <label title={t('evaluation.allocation.capDef')}>
        {t('evaluation.allocation.cap')} (KRW)
        <KrwInput
          value={scenario.cap}
          optional
          label={t('evaluation.allocation.cap')}
          testId={`${id}-cap`}
          onChange={(v) => set('cap', v)}
        />
      </label>
      <label title={t('evaluation.allocation.changeDef')}>
        {t('evaluation.allocation.changeRelative')} (%)
        <PercentInput
          value={scenario.changeRelative}
          optional
          label={t('evaluation.allocation.changeRelative')}
          testId={`${id}-change-relative`}
          onChange={(v) => set('changeRelative', v)}
        />
      </label>
      <label title={t('evaluation.allocation.changeDef')}>
        {t('evaluation.allocation.changeAbsolute')} (KRW)
        <KrwInput
          value={scenario.changeAbsolute}
          optional
          label={t('evaluation.allocation.changeAbsolute')}
          testId={`${id}-change-absolute`}
          onChange={(v) => set('changeAbsolute', v)}
        />
      </label>
      {onRemove && (
        <button type="button" className="button button-small" onClick={onRemove}>
          {t('evaluation.allocation.removeScenario')}
        </button>
      )}
    </div>
  );
}

/**
 * The allocation simulator: next year's pool split by evaluation results under several rules
 * side by side (table and chart), every total equal to the pool in whole KRW; saved scenarios
 * feed the money-follows-noise check, the share of Monte Carlo draws in which a complex's
 * allocation moves by more than a set amount.
 */
export function AllocationPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('evaluation.allocation.title'));
  const locale = localeOf(language);
  const auth = useAuth();
  const canSave = auth.can('evaluations', 'create');
  const { params, update } = useUrlParams();
  const queryClient = useQueryClient();
  const runs = useIndexRuns();
  const runList = useMemo(
    () => [...(runs.data?.items ?? [])].sort((a, b) => b.id - a.id),
    [runs.data],
  );
  const runId = numberParam(params.get('run')) ?? runList[0]?.id ?? null;
  const run = useIndexRun(runId);
  const [scenarios, setScenarios] = useState<ScenarioState[]>(defaultScenarios);
  const [lastYearFrom, setLastYearFrom] = useState<string>('none');
  const saved = useAllocationScenarios(runId);
  const allSaved = useQuery({
    queryKey: ['evaluation', 'allocation-scenarios', 'all'],
    queryFn: () => evaluationApi.scenarios(),
  });
  const lastYearScenario = lastYearFrom.startsWith('s:') ? Number(lastYearFrom.slice(2)) : null;
  const lastYearCompare = useQuery({
    queryKey: ['evaluation', 'allocation-compare', lastYearScenario],
    queryFn: () => evaluationApi.compareScenarios([lastYearScenario as number]),
    enabled: lastYearScenario !== null,
  });
  const complexIds = useMemo(() => (run.data?.complexes ?? []).map((c) => c.complexId), [run.data]);
  const sizeComplexes = useMemo(
    () => (run.data?.complexes ?? []).map((c) => ({ id: c.complexId, name: c.complexName })),
    [run.data],
  );
  const lastYear: LastYear = useMemo(() => {
    if (lastYearFrom === 'equal') return equalSplit(complexIds, scenarios[0]?.pool ?? 0);
    if (lastYearScenario !== null && lastYearCompare.data)
      return lastYearCompare.data.complexes
        .filter((c) => complexIds.includes(c.complexId) && c.amounts[0] !== null)
        .map((c) => ({ complexId: c.complexId, amount: c.amounts[0] as number }));
    return null;
  }, [lastYearFrom, lastYearScenario, lastYearCompare.data, complexIds, scenarios]);

  const settled = useDebounced(scenarios, 300);
  const built = useMemo(() => {
    if (runId === null) return { body: null, error: null };
    try {
      const body: AllocationSimulateRequest = {
        indexRunId: runId,
        scenarios: settled.map((s, k) => ({
          name: s.name.trim() || `#${k + 1}`,
          rule: toRule(s, lastYear, complexIds),
        })),
      };
      return { body, error: null };
    } catch (error) {
      if (error instanceof ScenarioInputError) return { body: null, error: error.message };
      throw error;
    }
  }, [runId, settled, lastYear, complexIds]);
  const simulation = useAllocationSimulation(built.body);
  const comparison = useMemo(
    () => (simulation.data ? compareOutcomes(simulation.data.outcomes) : null),
    [simulation.data],
  );

  const save = useMutation({
    mutationFn: async () => {
      const body = built.body;
      if (!body) throw new Error(built.error ?? 'nothing to save');
      const out = [];
      for (const s of body.scenarios)
        out.push(await evaluationApi.saveScenario({ ...s, indexRunId: body.indexRunId }));
      return out;
    },
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['evaluation', 'allocation-scenarios'] });
      setNoiseIds(created.map((c) => c.id));
    },
  });
  const [noiseIds, setNoiseIds] = useState<number[]>([]);
  const [moveAmount, setMoveAmount] = useState<number>(500_000_000);
  const [noiseDraws, setNoiseDraws] = useState<number>(500);
  const savedForRun = useMemo(
    () => [...(saved.data?.items ?? [])].sort((a, b) => b.id - a.id),
    [saved.data],
  );
  const chosenNoise = noiseIds.filter((id) => savedForRun.some((s) => s.id === id));
  const noise = useMutation({
    mutationFn: () =>
      evaluationApi.startUncertainty(
        toUncertaintyRequest(
          runId as number,
          { ...defaultUncertainty, draws: noiseDraws },
          { allocationScenarioIds: chosenNoise, moveAmount },
        ),
      ),
    onSuccess: (created) => {
      queryClient.setQueryData(['evaluation', 'uncertainty-run', created.id], created);
      update({ noise: created.id });
    },
  });
  const noiseJob = useUncertaintyRun(numberParam(params.get('noise')));
  const reportScenario = chosenNoise[0] ?? savedForRun[0]?.id ?? null;

  return (
    <div className="page evaluation-page" data-testid="evaluation-allocation-page">
      <EvaluationNav />
      <div className="page-head">
        <h1>{t('evaluation.allocation.title')}</h1>
      </div>
      <p className="muted">{t('evaluation.allocation.intro')}</p>
      <div className="filters">
        <label>
          {t('evaluation.index.runSelect')}{' '}
          <select
            data-testid="allocation-run"
            value={runId ?? ''}
            onChange={(e) => update({ run: e.target.value, noise: null })}
          >
            {runList.map((r) => (
              <option key={r.id} value={r.id}>
                #{r.id} · {r.frameworkCode} v{r.frameworkVersion} · {r.year}
                {r.name ? ` · ${r.name}` : ''}
              </option>
            ))}
          </select>
        </label>
        {run.data && (
          <Link to={`/evaluation/index?run=${run.data.id}`} className="small">
            {t('evaluation.allocation.seeIndex')}
          </Link>
        )}
        {run.data?.synthetic && <SyntheticBadge />}
        <label>
          {t('evaluation.allocation.lastYear')}{' '}
          <select
            data-testid="allocation-last-year"
            value={lastYearFrom}
            onChange={(e) => setLastYearFrom(e.target.value)}
          >
            <option value="none">{t('evaluation.allocation.lastYearNone')}</option>
            <option value="equal">{t('evaluation.allocation.lastYearEqual')}</option>
            {(allSaved.data?.items ?? []).map((s) => (
              <option key={s.id} value={`s:${s.id}`}>
                #{s.id} {s.name} (#{s.indexRunId})
              </option>
            ))}
          </select>
        </label>
      </div>
      {runs.data && runList.length === 0 && (
        <p className="muted" data-testid="allocation-no-run">
          {t('evaluation.index.noRun')}{' '}
          <Link to="/evaluation/index">{t('evaluation.index.title')}</Link>
        </p>
      )}

      <section className="card" aria-labelledby="scenarios-title">
        <h2 id="scenarios-title">{t('evaluation.allocation.scenarios')}</h2>
        <div className="scenario-grid">
          {scenarios.map((s, k) => (
            <ScenarioEditor
              key={k}
              index={k}
              scenario={s}
              complexes={sizeComplexes}
              onChange={(next) => setScenarios((all) => all.map((x, j) => (j === k ? next : x)))}
              onRemove={
                scenarios.length > 1
                  ? () => setScenarios((all) => all.filter((_, j) => j !== k))
                  : null
              }
            />
          ))}
        </div>
        <div className="actions">
          {scenarios.length < 4 && (
            <button
              type="button"
              className="button"
              data-testid="scenario-add"
              onClick={() =>
                setScenarios((all) => [
                  ...all,
                  { ...(all.at(-1) as ScenarioState), name: `Scenario ${all.length + 1}` },
                ])
              }
            >
              + {t('evaluation.allocation.addScenario')}
            </button>
          )}
          {canSave && (
            <button
              type="button"
              className="button"
              data-testid="scenario-save"
              disabled={!built.body || save.isPending}
              onClick={() => save.mutate()}
            >
              {t('evaluation.allocation.save')}
            </button>
          )}
          {save.isSuccess && (
            <span className="small muted" data-testid="scenario-saved">
              {t('common.saved')}
            </span>
          )}
        </div>
        {built.error && (
          <p className="state state-error" data-testid="scenario-input-error">
            {built.error}
          </p>
        )}
        {save.error && <ProblemDetails error={save.error} testId="scenario-save-error" />}
      </section>

      <section className="card" aria-labelledby="comparison-title">
        <h2 id="comparison-title">{t('evaluation.allocation.comparison')}</h2>
        {simulation.error ? (
          <ProblemDetails error={simulation.error} testId="allocation-error" />
        ) : !simulation.data || !comparison ? (
          runId === null ? null : (
            <Loading />
          )
        ) : (
          <>
            {simulation.data.outcomes.map((o) =>
              o.ok ? null : (
                <p key={o.name} className="state state-error" data-testid="allocation-infeasible">
                  <strong>{o.name}</strong>: {o.error} ({o.constraint})
                </p>
              ),
            )}
            <div className="table-wrap">
              <table
                className="table table-compact"
                data-testid="allocation-table"
                data-run={simulation.data.indexRunId}
              >
                <caption className="muted small">{t('evaluation.allocation.tableCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('evaluation.index.rank')}
                    </th>
                    <th scope="col">{t('evaluation.complex')}</th>
                    <th scope="col" className="num">
                      {t('evaluation.index.score')}
                    </th>
                    {lastYear && (
                      <th scope="col" className="num">
                        {t('evaluation.allocation.lastYear')} (KRW)
                      </th>
                    )}
                    {simulation.data.outcomes.map((o) => (
                      <th key={o.name} scope="col" className="num">
                        {o.name} (KRW)
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {comparison.rows.map((r) => (
                    <tr key={r.complexId} data-complex={r.complexName}>
                      <td className="num">{r.rank}</td>
                      <td>{r.complexName}</td>
                      <td className="num">
                        {r.score.toLocaleString(locale, {
                          minimumFractionDigits: 3,
                          maximumFractionDigits: 3,
                        })}
                      </td>
                      {lastYear && <td className="num">{formatKrw(r.lastYear, locale)}</td>}
                      {r.cells.map((c, k) => (
                        <td
                          key={k}
                          className="num"
                          data-scenario={k}
                          data-amount={c?.amount ?? ''}
                          title={
                            c?.change !== null && c?.change !== undefined
                              ? `${t('evaluation.allocation.change')}: ${formatKrw(c.change, locale)}`
                              : undefined
                          }
                        >
                          {c ? formatKrw(c.amount, locale) : '—'}
                          {c?.binding && (
                            <span
                              className="badge badge-muted"
                              title={t(`evaluation.allocation.binding.${c.binding}` as const)}
                            >
                              {t(`evaluation.allocation.bindingShort.${c.binding}` as const)}
                            </span>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={lastYear ? 4 : 3}>
                      {t('common.total')}
                    </th>
                    {comparison.totals.map((tot, k) => (
                      <td
                        key={k}
                        className={`num ${tot.ok ? 'total-ok' : 'total-bad'}`}
                        data-testid={`allocation-total-${k}`}
                        data-total={tot.total}
                        data-pool={tot.pool}
                      >
                        <strong>{formatKrw(tot.total, locale)}</strong>{' '}
                        {tot.ok
                          ? `= ${t('evaluation.allocation.pool')} ✓`
                          : `≠ ${formatKrw(tot.pool, locale)}`}
                      </td>
                    ))}
                  </tr>
                </tfoot>
              </table>
            </div>
            <AllocationChart
              units={comparison.rows.map((r) => r.complexName)}
              scenarios={simulation.data.outcomes.map((o, k) => ({
                name: o.name,
                amounts: comparison.rows.map((r) => {
                  const a = r.cells[k]?.amount;
                  return a === undefined ? null : a / 1e6;
                }),
              }))}
            />
            <p className="muted small">{t('evaluation.allocation.chartCaption')}</p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="noise-title" data-testid="allocation-noise">
        <h2 id="noise-title">{t('evaluation.allocation.noiseTitle')}</h2>
        <p className="muted small">{t('evaluation.allocation.noiseIntro')}</p>
        <fieldset>
          <legend className="small">{t('evaluation.allocation.savedScenarios')}</legend>
          {savedForRun.length === 0 && (
            <p className="muted small">{t('evaluation.allocation.noSaved')}</p>
          )}
          {savedForRun.slice(0, 10).map((s) => (
            <label key={s.id} className="field-boolean small">
              <input
                type="checkbox"
                data-testid={`noise-scenario-${s.id}`}
                checked={chosenNoise.includes(s.id)}
                onChange={(e) =>
                  setNoiseIds((ids) =>
                    e.target.checked ? [...ids, s.id] : ids.filter((x) => x !== s.id),
                  )
                }
              />{' '}
              #{s.id} {s.name} {s.synthetic && <SyntheticBadge />}
            </label>
          ))}
        </fieldset>
        <div className="method-grid">
          <label title={t('evaluation.allocation.moveDef')}>
            {t('evaluation.allocation.moveAmount')} (KRW)
            <KrwInput
              value={moveAmount}
              label={t('evaluation.allocation.moveAmount')}
              testId="noise-move"
              onChange={(v) => setMoveAmount(v ?? 0)}
            />
          </label>
          <label>
            {t('evaluation.index.draws')}
            <input
              type="number"
              min={10}
              max={5000}
              step={100}
              value={noiseDraws}
              data-testid="noise-draws"
              onChange={(e) =>
                setNoiseDraws(Math.min(5000, Math.max(10, Math.round(Number(e.target.value)))))
              }
            />
          </label>
        </div>
        <div className="actions">
          {canSave && (
            <button
              type="button"
              className="button button-primary"
              data-testid="noise-run"
              disabled={chosenNoise.length === 0 || noise.isPending || runId === null}
              onClick={() => noise.mutate()}
            >
              {t('evaluation.allocation.noiseRun')}
            </button>
          )}
          {runId !== null && (
            <ReportButtons
              indexRunId={runId}
              allocationScenarioId={reportScenario}
              uncertaintyRunId={noiseJob.data?.status === 'done' ? noiseJob.data.id : null}
            />
          )}
        </div>
        {noise.error && <ProblemDetails error={noise.error} testId="noise-error" />}
        {noiseJob.error && <ErrorMessage error={noiseJob.error} />}
        {noiseJob.data &&
          (noiseJob.data.status === 'failed' ? (
            <p className="state state-error">{noiseJob.data.error}</p>
          ) : noiseJob.data.status !== 'done' || !noiseJob.data.result ? (
            <JobProgress
              progress={noiseJob.data.progress}
              stage={noiseJob.data.stage}
              testId="noise-job"
            />
          ) : (
            <NoiseTable result={noiseJob.data.result} locale={locale} />
          ))}
      </section>
    </div>
  );
}

function NoiseTable({ result, locale }: { result: UncertaintyResult; locale: string }) {
  const { t } = useI18n();
  const names = new Map(result.complexes.map((c) => [c.complexId, c.complexName]));
  const ids = result.complexes
    .slice()
    .sort((a, b) => a.baseRank - b.baseRank)
    .map((c) => c.complexId);
  return (
    <div className="table-wrap" data-testid="noise-result">
      <table className="table table-compact" data-testid="noise-table">
        <caption className="muted small">
          {t('evaluation.allocation.noiseCaption')} {result.draws} {t('evaluation.index.drawsDone')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('evaluation.complex')}</th>
            {result.moneyFollowsNoise.map((m) => (
              <th key={m.allocationScenarioId} scope="col" className="num">
                {m.scenarioName}: {t('evaluation.allocation.shareMoved')} &gt;{' '}
                {formatKrw(m.moveAmount, locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <tr key={id} data-complex={names.get(id)}>
              <td>{names.get(id)}</td>
              {result.moneyFollowsNoise.map((m) => {
                const c = m.complexes.find((x) => x.complexId === id);
                return (
                  <td
                    key={m.allocationScenarioId}
                    className="num"
                    data-share={c?.shareMoved ?? ''}
                    title={
                      c
                        ? `${t('evaluation.allocation.deterministic')}: ${formatKrw(c.deterministic, locale)}; ${t(
                            'evaluation.allocation.largestMove',
                          )}: ${formatKrw(c.largestMove, locale)}`
                        : (m.error ?? undefined)
                    }
                  >
                    {c ? formatShare(c.shareMoved, locale) : (m.error ?? '—')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
