import { useMemo, type ReactNode } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import {
  acceptableConsistencyRatio,
  formatJudgement,
  parseJudgement,
  saatyScale,
  setJudgement,
  summariseAhp,
} from './ahp-matrix.ts';
import { localeOf } from './evaluation-format.ts';
import {
  aggregationKinds,
  missingRules,
  normalisationKinds,
  weightingKinds,
  type MethodState,
} from './index-method.ts';

export interface MethodIndicator {
  code: string;
  name: string;
  unit: string;
  direction: 'higher' | 'lower';
  track: string;
}

/**
 * The pairwise comparison matrix: the user sets a judgement above the diagonal (Saaty's 1-9
 * scale, or a typed value such as 1/3); the cell below shows its reciprocal. The weights and the
 * consistency ratio update as the matrix changes.
 */
export function AhpMatrixEditor({
  indicators,
  matrix,
  onChange,
}: {
  indicators: MethodIndicator[];
  matrix: number[][];
  onChange: (matrix: number[][]) => void;
}) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const summary = useMemo(() => summariseAhp(matrix), [matrix]);
  return (
    <div className="ahp-matrix" data-testid="ahp-matrix">
      <p className="muted small">{t('evaluation.method.ahpHint')}</p>
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col" />
              {indicators.map((ind) => (
                <th key={ind.code} scope="col" title={ind.name}>
                  {ind.code}
                </th>
              ))}
              <th scope="col" className="num">
                {t('evaluation.method.ahpWeight')}
              </th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((row, i) => (
              <tr key={row.code}>
                <th scope="row" title={row.name}>
                  {row.code}
                </th>
                {indicators.map((col, j) => {
                  const v = matrix[i]?.[j] ?? 1;
                  if (i === j)
                    return (
                      <td key={col.code} className="num diagonal">
                        1
                      </td>
                    );
                  if (j < i)
                    return (
                      <td
                        key={col.code}
                        className="num derived"
                        data-testid={`ahp-${i}-${j}`}
                        title={t('evaluation.method.ahpDerived')}
                      >
                        {formatJudgement(v)}
                      </td>
                    );
                  return (
                    <td key={col.code} className="num">
                      <input
                        list="saaty-scale"
                        defaultValue={formatJudgement(v)}
                        key={formatJudgement(v)}
                        data-testid={`ahp-${i}-${j}`}
                        aria-label={`${row.code} : ${col.code}`}
                        onBlur={(e) => {
                          const parsed = parseJudgement(e.target.value);
                          if (parsed === null) e.target.value = formatJudgement(v);
                          else if (parsed !== v) onChange(setJudgement(matrix, i, j, parsed));
                        }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                        }}
                      />
                    </td>
                  );
                })}
                <td className="num" data-testid={`ahp-weight-${row.code}`}>
                  {summary.ok
                    ? `${((summary.result.weights[i] ?? 0) * 100).toLocaleString(locale, {
                        maximumFractionDigits: 1,
                      })} %`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <datalist id="saaty-scale">
        {saatyScale.map((v) => (
          <option key={v} value={formatJudgement(v)} />
        ))}
      </datalist>
      {summary.ok ? (
        <p
          data-testid="ahp-consistency"
          data-cr={summary.result.consistencyRatio ?? ''}
          className={
            summary.acceptable === null ? 'cr-unknown' : summary.acceptable ? 'cr-ok' : 'cr-bad'
          }
          title={t('evaluation.method.crDefinition')}
        >
          {t('evaluation.method.cr')}:{' '}
          {summary.result.consistencyRatio === null
            ? `— (${t('evaluation.method.crUndefined')})`
            : summary.result.consistencyRatio.toLocaleString(locale, {
                minimumFractionDigits: 3,
                maximumFractionDigits: 3,
              })}{' '}
          (λmax {summary.result.lambdaMax.toLocaleString(locale, { maximumFractionDigits: 3 })}) ·{' '}
          {summary.acceptable === null
            ? ''
            : summary.acceptable
              ? t('evaluation.method.crOk')
              : `${t('evaluation.method.crBad')} ${acceptableConsistencyRatio}`}
        </p>
      ) : (
        <p className="cr-bad" data-testid="ahp-consistency">
          {summary.error}
        </p>
      )}
    </div>
  );
}

/** Every method choice of the composite index, with the definitions as captions. */
export function MethodControls({
  indicators,
  state,
  onChange,
  targetDefaults,
  complexes,
}: {
  indicators: MethodIndicator[];
  state: MethodState;
  onChange: (next: MethodState) => void;
  /** Default targets per indicator (the best value in the year), for distance to target. */
  targetDefaults: readonly number[];
  /** The complexes that can be the reference of percent-of-reference. */
  complexes: readonly { id: number; name: string }[];
}) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const set = <K extends keyof MethodState>(key: K, value: MethodState[K]) =>
    onChange({ ...state, [key]: value });
  const fixedTotal = state.fixed.reduce((s, w) => s + w, 0);
  const pointsTotal = state.points.reduce((s, w) => s + w, 0);
  return (
    <div data-testid="method-controls">
      <div className="method-grid">
        <MethodSelect
          label={t('evaluation.method.missing')}
          testId="method-missing"
          value={state.missing}
          options={missingRules}
          optionLabel={(k) => t(`evaluation.missing.${k}` as const)}
          definition={t(`evaluation.missingDef.${state.missing}` as const)}
          onChange={(v) => set('missing', v)}
        />
        <MethodSelect
          label={t('evaluation.method.normalisation')}
          testId="method-normalisation"
          value={state.normalisation}
          options={normalisationKinds}
          optionLabel={(k) => t(`evaluation.norm.${k}` as const)}
          definition={t(`evaluation.normDef.${state.normalisation}` as const)}
          onChange={(v) =>
            onChange({
              ...state,
              normalisation: v,
              // Targets start from the year's best values; the reference from the first complex.
              ...(v === 'distance-to-target' && state.targets.length !== indicators.length
                ? { targets: [...targetDefaults] }
                : {}),
              ...(v === 'percent-of-reference' && state.referenceComplexId === null
                ? { referenceComplexId: complexes[0]?.id ?? null }
                : {}),
            })
          }
        >
          {state.normalisation === 'percent-of-reference' && (
            <select
              aria-label={t('evaluation.method.reference')}
              data-testid="method-reference"
              value={state.referenceComplexId ?? ''}
              onChange={(e) => set('referenceComplexId', Number(e.target.value))}
            >
              {complexes.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </MethodSelect>
        <MethodSelect
          label={t('evaluation.method.weighting')}
          testId="method-weighting"
          value={state.weighting}
          options={weightingKinds}
          optionLabel={(k) => t(`evaluation.weighting.${k}` as const)}
          definition={t(`evaluation.weightingDef.${state.weighting}` as const)}
          onChange={(v) => set('weighting', v)}
        />
        <MethodSelect
          label={t('evaluation.method.aggregation')}
          testId="method-aggregation"
          value={state.aggregation}
          options={aggregationKinds}
          optionLabel={(k) => t(`evaluation.aggregation.${k}` as const)}
          definition={t(`evaluation.aggregationDef.${state.aggregation}` as const)}
          onChange={(v) => set('aggregation', v)}
        >
          {state.aggregation === 'geometric-shift' && (
            <input
              type="number"
              min={0.0001}
              step={0.01}
              data-testid="method-offset"
              value={state.offset}
              aria-label={t('evaluation.method.offset')}
              onChange={(e) => set('offset', Math.max(0.0001, Number(e.target.value)))}
            />
          )}
        </MethodSelect>
      </div>

      {state.normalisation === 'distance-to-target' && (
        <div className="weights" data-testid="method-targets">
          <h3>{t('evaluation.method.targets')}</h3>
          <p className="muted small">{t('evaluation.method.targetsHint')}</p>
          {indicators.map((ind, i) => (
            <label key={ind.code} className="weight-row target-row">
              <span title={`${ind.name} (${ind.unit})`}>
                <code>{ind.code}</code> {ind.name}{' '}
                <span className="muted small">
                  ({t(`evaluation.direction.${ind.direction}` as const)})
                </span>
              </span>
              <input
                type="number"
                min={0}
                step="any"
                data-testid={`target-${ind.code}`}
                aria-label={`${t('evaluation.method.target')} ${ind.code} (${ind.unit})`}
                value={Number.isFinite(state.targets[i]) ? state.targets[i] : ''}
                onChange={(e) => {
                  const next = indicators.map((_, k) => state.targets[k] ?? targetDefaults[k] ?? 1);
                  next[i] = e.target.value === '' ? Number.NaN : Number(e.target.value);
                  set('targets', next);
                }}
              />
              <span className="muted small">{ind.unit}</span>
            </label>
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              data-testid="targets-reset"
              onClick={() => set('targets', [...targetDefaults])}
            >
              {t('evaluation.method.targetsReset')}
            </button>
          </div>
        </div>
      )}

      {state.weighting === 'fixed' && (
        <div className="weights" data-testid="method-weights">
          <h3>{t('evaluation.method.weights')}</h3>
          <p className="muted small">{t('evaluation.method.weightsHint')}</p>
          {indicators.map((ind, i) => {
            const w = state.fixed[i] ?? 0;
            return (
              <label key={ind.code} className="weight-row">
                <span title={`${ind.name} (${ind.unit})`}>
                  <code>{ind.code}</code> {ind.name}{' '}
                  <span className="muted small">
                    ({ind.unit}, {t(`evaluation.direction.${ind.direction}` as const)})
                  </span>
                </span>
                <input
                  type="range"
                  min={0}
                  max={0.5}
                  step={0.01}
                  value={w}
                  data-testid={`weight-${ind.code}`}
                  onChange={(e) => {
                    const next = [...state.fixed];
                    next[i] = Number(e.target.value);
                    set('fixed', next);
                  }}
                />
                <output className="num" data-testid={`weight-${ind.code}-value`}>
                  {fixedTotal > 0
                    ? `${((w / fixedTotal) * 100).toLocaleString(locale, {
                        maximumFractionDigits: 1,
                      })} %`
                    : '—'}
                </output>
              </label>
            );
          })}
        </div>
      )}

      {state.weighting === 'budget' && (
        <div className="weights" data-testid="method-points">
          <h3>{t('evaluation.method.points')}</h3>
          <p className="muted small">
            {t('evaluation.method.pointsHint')} {pointsTotal}
          </p>
          {indicators.map((ind, i) => (
            <label key={ind.code} className="weight-row">
              <span>
                <code>{ind.code}</code> {ind.name}
              </span>
              <input
                type="number"
                min={0}
                step={1}
                value={state.points[i] ?? 0}
                data-testid={`points-${ind.code}`}
                onChange={(e) => {
                  const next = [...state.points];
                  next[i] = Math.max(0, Number(e.target.value));
                  set('points', next);
                }}
              />
              <output className="num">
                {pointsTotal > 0
                  ? `${(((state.points[i] ?? 0) / pointsTotal) * 100).toLocaleString(locale, {
                      maximumFractionDigits: 1,
                    })} %`
                  : '—'}
              </output>
            </label>
          ))}
        </div>
      )}

      {state.weighting === 'ahp' && (
        <>
          <h3>{t('evaluation.method.ahp')}</h3>
          <AhpMatrixEditor
            indicators={indicators}
            matrix={state.matrix}
            onChange={(matrix) => set('matrix', matrix)}
          />
        </>
      )}

      {state.weighting === 'pca' && (
        <label className="field-boolean">
          <input
            type="checkbox"
            checked={state.rotate}
            onChange={(e) => set('rotate', e.target.checked)}
          />{' '}
          {t('evaluation.method.rotate')}
        </label>
      )}
    </div>
  );
}

/** One method choice: a select of the alternatives, with the chosen one's definition below. */
function MethodSelect<K extends string>({
  label,
  testId,
  value,
  options,
  optionLabel,
  definition,
  onChange,
  children,
}: {
  label: string;
  testId: string;
  value: K;
  options: readonly K[];
  optionLabel: (k: K) => string;
  definition: string;
  onChange: (k: K) => void;
  children?: ReactNode;
}) {
  return (
    <label>
      {label}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as K)}>
        {options.map((k) => (
          <option key={k} value={k}>
            {optionLabel(k)}
          </option>
        ))}
      </select>
      <span className="muted small">{definition}</span>
      {children}
    </label>
  );
}
