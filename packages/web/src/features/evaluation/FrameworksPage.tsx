import type { EvaluationFramework } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/api-client.ts';
import {
  evaluationApi,
  useFormulas,
  useFramework,
  useFrameworks,
} from '../../api/evaluation-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { useUrlParams } from '../../app/use-url-params.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { EvaluationNav } from './EvaluationNav.tsx';
import { formatTimestamp, localeOf } from './evaluation-format.ts';
import {
  draftIssues,
  fromDraft,
  indicatorDirections,
  indicatorLevels,
  newIndicator,
  overallWeights,
  toDraft,
  type FrameworkDraft,
  type IndicatorDraft,
  type TrackDraft,
} from './framework-draft.ts';

function numberParam(value: string | null): number | null {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** The messages under one editor cell. */
function Issues({ list, testId }: { list: string[] | undefined; testId: string }) {
  if (!list || list.length === 0) return null;
  return (
    <span className="field-issue" data-testid={testId} role="alert">
      {list.join('; ')}
    </span>
  );
}

/**
 * Server field errors (`indicators.2.weight`, `tracks.0.code`, `name`) on the editor's cells,
 * keyed as {@link draftIssues} keys them.
 */
function serverIssues(error: unknown): Map<string, string[]> {
  const placed = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return placed;
  for (const e of error.problem.errors ?? []) {
    // The service writes `indicators[2].weight`, schema errors `indicators.2.weight`.
    const field = e.field.replace(/^body\./, '').replace(/\[(\d+)\]/g, '.$1');
    const m = /^(indicators|tracks)\.(\d+)\.(.+)$/.exec(field);
    const key = m ? `${m[1] === 'tracks' ? 't' : 'i'}:${m[2]}:${m[3]}` : `f:${field}`;
    placed.set(key, [...(placed.get(key) ?? []), e.message]);
  }
  return placed;
}

/**
 * Indicator frameworks: every version of every framework, and an editor of tracks and
 * indicators (code, name, unit, direction, level, track, computed formula or entered origin,
 * weight) that checks each field as it is typed; saving stores a new version (the old one stays,
 * so earlier index runs keep their definitions).
 */
export function FrameworksPage() {
  const { t, language } = useI18n();
  useDocumentTitle(t('evaluation.frameworks.title'));
  const auth = useAuth();
  const canEdit = auth.can('evaluations', 'create');
  const { params, update } = useUrlParams();
  const frameworks = useFrameworks();
  const id =
    numberParam(params.get('framework')) ??
    frameworks.data?.items.find((f) => f.latest)?.id ??
    null;
  const framework = useFramework(id);
  const items = useMemo(
    () =>
      [...(frameworks.data?.items ?? [])].sort(
        (a, b) => a.code.localeCompare(b.code) || b.version - a.version,
      ),
    [frameworks.data],
  );

  return (
    <div className="page evaluation-page" data-testid="evaluation-frameworks-page">
      <EvaluationNav />
      <div className="page-head">
        <h1>{t('evaluation.frameworks.title')}</h1>
      </div>
      <p className="muted">{t('evaluation.frameworks.intro')}</p>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t('evaluation.frameworks.versions')}</h2>
        {frameworks.error ? (
          <ErrorMessage error={frameworks.error} onRetry={() => void frameworks.refetch()} />
        ) : !frameworks.data ? (
          <Loading />
        ) : (
          <table className="table table-compact table-clickable" data-testid="framework-list">
            <thead>
              <tr>
                <th scope="col">{t('evaluation.frameworks.code')}</th>
                <th scope="col">{t('evaluation.frameworks.name')}</th>
                <th scope="col" className="num">
                  {t('evaluation.frameworks.version')}
                </th>
                <th scope="col" className="num">
                  {t('evaluation.frameworks.tracks')}
                </th>
                <th scope="col" className="num">
                  {t('evaluation.frameworks.indicators')}
                </th>
                <th scope="col">{t('evaluation.frameworks.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr
                  key={f.id}
                  data-framework={`${f.code}@${f.version}`}
                  className={f.id === id ? 'selected' : undefined}
                  onClick={() => update({ framework: f.id })}
                  style={{ cursor: 'pointer' }}
                >
                  <td>
                    <code>{f.code}</code>
                  </td>
                  <td>
                    {f.name} {f.synthetic && <SyntheticBadge />}
                  </td>
                  <td className="num">
                    v{f.version}
                    {f.latest && (
                      <span className="badge badge-ok">{t('evaluation.frameworks.latest')}</span>
                    )}
                  </td>
                  <td className="num">{f.trackCount}</td>
                  <td className="num">{f.indicatorCount}</td>
                  <td className="small">{formatTimestamp(f.createdAt, localeOf(language))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {framework.error ? (
        <ErrorMessage error={framework.error} />
      ) : framework.data ? (
        <FrameworkEditor
          key={framework.data.id}
          framework={framework.data}
          canEdit={canEdit}
          onSaved={(saved) => update({ framework: saved.id })}
        />
      ) : id !== null ? (
        <Loading />
      ) : null}
    </div>
  );
}

function FrameworkEditor({
  framework,
  canEdit,
  onSaved,
}: {
  framework: EvaluationFramework;
  canEdit: boolean;
  onSaved: (saved: EvaluationFramework) => void;
}) {
  const { t, language } = useI18n();
  const locale = localeOf(language);
  const queryClient = useQueryClient();
  const formulas = useFormulas();
  const [draft, setDraft] = useState<FrameworkDraft>(() => toDraft(framework));
  useEffect(() => setDraft(toDraft(framework)), [framework]);
  const knownFormulas = formulas.data?.items.map((f) => f.name);
  const issues = useMemo(() => draftIssues(draft, knownFormulas), [draft, knownFormulas]);
  const overall = useMemo(() => overallWeights(draft), [draft]);
  const dirty = JSON.stringify(fromDraft(draft)) !== JSON.stringify(fromDraft(toDraft(framework)));
  const asNew = draft.code.trim() !== framework.code;
  const save = useMutation({
    mutationFn: () => {
      const f = fromDraft(draft);
      const body = { name: f.name, tracks: f.tracks, indicators: f.indicators };
      return asNew
        ? evaluationApi.createFramework({ ...body, code: f.code })
        : evaluationApi.createVersion(framework.id, body);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['evaluation'] });
      onSaved(saved);
    },
  });
  const fromServer = useMemo(() => serverIssues(save.error), [save.error]);
  const cell = (key: string) => [...(issues.get(key) ?? []), ...(fromServer.get(key) ?? [])];
  const setTrack = (k: number, change: Partial<TrackDraft>) =>
    setDraft((d) => ({
      ...d,
      tracks: d.tracks.map((x, j) => (j === k ? { ...x, ...change } : x)),
      // Renaming a track's code moves its indicators with it.
      indicators:
        change.code !== undefined
          ? d.indicators.map((i) =>
              i.track === d.tracks[k]?.code ? { ...i, track: change.code as string } : i,
            )
          : d.indicators,
    }));
  const setIndicator = (k: number, change: Partial<IndicatorDraft>) =>
    setDraft((d) => ({
      ...d,
      indicators: d.indicators.map((x, j) => (j === k ? { ...x, ...change } : x)),
    }));
  const formulaOf = (name: string) => formulas.data?.items.find((f) => f.name === name);
  const readOnly = !canEdit;
  const issueCount = [...issues.values()].reduce((s, l) => s + l.length, 0);

  return (
    <section className="card" aria-labelledby="editor-title" data-testid="framework-editor">
      <h2 id="editor-title">
        {framework.name} <code>{framework.code}</code> v{framework.version}
      </h2>
      <div className="filters">
        <label>
          {t('evaluation.frameworks.code')}{' '}
          <input
            value={draft.code}
            readOnly={readOnly}
            data-testid="framework-code"
            onChange={(e) => setDraft((d) => ({ ...d, code: e.target.value }))}
          />
          <Issues list={cell('f:code')} testId="issue-framework-code" />
        </label>
        <label>
          {t('evaluation.frameworks.name')}{' '}
          <input
            value={draft.name}
            readOnly={readOnly}
            data-testid="framework-name"
            size={40}
            onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))}
          />
          <Issues list={cell('f:name')} testId="issue-framework-name" />
        </label>
      </div>
      {asNew && <p className="notice small">{t('evaluation.frameworks.asNewHint')}</p>}
      {['f:tracks', 'f:indicators', 'f:tracks.weight'].map((k) => (
        <Issues key={k} list={cell(k)} testId={`issue-${k}`} />
      ))}

      <h3>{t('evaluation.frameworks.tracks')}</h3>
      <table className="table table-compact framework-table" data-testid="track-table">
        <thead>
          <tr>
            <th scope="col">{t('evaluation.frameworks.code')}</th>
            <th scope="col">{t('evaluation.frameworks.name')}</th>
            <th scope="col" className="num" title={t('evaluation.frameworks.trackWeightDef')}>
              {t('evaluation.frameworks.weight')}
            </th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {draft.tracks.map((tr, k) => (
            <tr key={k} data-track={tr.code}>
              <td>
                <input
                  value={tr.code}
                  readOnly={readOnly}
                  onChange={(e) => setTrack(k, { code: e.target.value })}
                />
                <Issues list={cell(`t:${k}:code`)} testId={`issue-t-${k}-code`} />
              </td>
              <td>
                <input
                  value={tr.name}
                  readOnly={readOnly}
                  onChange={(e) => setTrack(k, { name: e.target.value })}
                />
                <Issues list={cell(`t:${k}:name`)} testId={`issue-t-${k}-name`} />
              </td>
              <td className="num">
                <input
                  className="narrow"
                  inputMode="decimal"
                  value={tr.weight}
                  readOnly={readOnly}
                  data-testid={`track-weight-${k}`}
                  onChange={(e) => setTrack(k, { weight: e.target.value })}
                />
                <Issues list={cell(`t:${k}:weight`)} testId={`issue-t-${k}-weight`} />
                <Issues
                  list={[...cell(`t:${k}:indicators`), ...cell(`t:${k}:indicators.weight`)]}
                  testId={`issue-t-${k}-indicators`}
                />
              </td>
              <td>
                {canEdit && draft.tracks.length > 1 && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setDraft((d) => ({ ...d, tracks: d.tracks.filter((_, j) => j !== k) }))
                    }
                  >
                    {t('common.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              tracks: [...d.tracks, { code: `T${d.tracks.length + 1}`, name: '', weight: '1' }],
            }))
          }
        >
          + {t('evaluation.frameworks.addTrack')}
        </button>
      )}

      <h3>{t('evaluation.frameworks.indicators')}</h3>
      <div className="table-wrap">
        <table className="table table-compact framework-table" data-testid="indicator-table">
          <thead>
            <tr>
              <th scope="col">{t('evaluation.frameworks.code')}</th>
              <th scope="col">{t('evaluation.frameworks.name')}</th>
              <th scope="col">{t('common.unit')}</th>
              <th scope="col" title={t('evaluation.frameworks.directionDef')}>
                {t('evaluation.frameworks.direction')}
              </th>
              <th scope="col" title={t('evaluation.frameworks.levelDef')}>
                {t('evaluation.frameworks.level')}
              </th>
              <th scope="col">{t('evaluation.frameworks.track')}</th>
              <th scope="col" title={t('evaluation.frameworks.sourceDef')}>
                {t('common.source')}
              </th>
              <th scope="col" className="num" title={t('evaluation.frameworks.weightDef')}>
                {t('evaluation.frameworks.weight')}
              </th>
              <th scope="col" className="num" title={t('evaluation.frameworks.overallDef')}>
                {t('evaluation.frameworks.overall')}
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {draft.indicators.map((ind, k) => {
              const formula = ind.sourceKind === 'computed' ? formulaOf(ind.formula) : undefined;
              return (
                <tr key={k} data-indicator={ind.code}>
                  <td>
                    <input
                      value={ind.code}
                      readOnly={readOnly}
                      data-testid={`ind-${k}-code`}
                      onChange={(e) => setIndicator(k, { code: e.target.value })}
                    />
                    <Issues list={cell(`i:${k}:code`)} testId={`issue-i-${k}-code`} />
                  </td>
                  <td>
                    <input
                      value={ind.name}
                      readOnly={readOnly}
                      data-testid={`ind-${k}-name`}
                      onChange={(e) => setIndicator(k, { name: e.target.value })}
                    />
                    <Issues list={cell(`i:${k}:name`)} testId={`issue-i-${k}-name`} />
                  </td>
                  <td>
                    <input
                      className="unit"
                      value={ind.unit}
                      readOnly={readOnly}
                      data-testid={`ind-${k}-unit`}
                      onChange={(e) => setIndicator(k, { unit: e.target.value })}
                    />
                    <Issues list={cell(`i:${k}:unit`)} testId={`issue-i-${k}-unit`} />
                  </td>
                  <td>
                    <select
                      value={ind.direction}
                      disabled={readOnly}
                      onChange={(e) =>
                        setIndicator(k, {
                          direction: e.target.value as IndicatorDraft['direction'],
                        })
                      }
                    >
                      {indicatorDirections.map((d) => (
                        <option key={d} value={d}>
                          {t(`evaluation.direction.${d}` as const)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      value={ind.level}
                      disabled={readOnly}
                      onChange={(e) =>
                        setIndicator(k, { level: e.target.value as IndicatorDraft['level'] })
                      }
                    >
                      {indicatorLevels.map((l) => (
                        <option key={l} value={l}>
                          {t(`evaluation.level.${l}` as const)}
                        </option>
                      ))}
                    </select>
                    <Issues list={cell(`i:${k}:level`)} testId={`issue-i-${k}-level`} />
                  </td>
                  <td>
                    <select
                      value={ind.track}
                      disabled={readOnly}
                      onChange={(e) => setIndicator(k, { track: e.target.value })}
                    >
                      {!draft.tracks.some((tr) => tr.code === ind.track) && (
                        <option value={ind.track}>{ind.track || '—'}</option>
                      )}
                      {draft.tracks.map((tr) => (
                        <option key={tr.code} value={tr.code}>
                          {tr.code}
                        </option>
                      ))}
                    </select>
                    <Issues list={cell(`i:${k}:track`)} testId={`issue-i-${k}-track`} />
                  </td>
                  <td>
                    <select
                      value={ind.sourceKind}
                      disabled={readOnly}
                      data-testid={`ind-${k}-source`}
                      onChange={(e) =>
                        setIndicator(k, {
                          sourceKind: e.target.value as IndicatorDraft['sourceKind'],
                        })
                      }
                    >
                      <option value="entered">{t('evaluation.origin.entered')}</option>
                      <option value="computed">{t('evaluation.origin.computed')}</option>
                    </select>{' '}
                    {ind.sourceKind === 'computed' ? (
                      <select
                        value={ind.formula}
                        disabled={readOnly}
                        data-testid={`ind-${k}-formula`}
                        title={formula ? `${formula.definition} (${formula.unit})` : undefined}
                        onChange={(e) => {
                          const f = formulaOf(e.target.value);
                          setIndicator(k, {
                            formula: e.target.value,
                            // A new formula brings its usual unit when none was typed.
                            ...(f && ind.unit.trim() === '' ? { unit: f.unit } : {}),
                          });
                        }}
                      >
                        <option value="">—</option>
                        {!formulaOf(ind.formula) && ind.formula && (
                          <option value={ind.formula}>{ind.formula}</option>
                        )}
                        {(formulas.data?.items ?? []).map((f) => (
                          <option key={f.name} value={f.name}>
                            {f.label}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        placeholder={t('evaluation.frameworks.originPlaceholder')}
                        value={ind.origin}
                        readOnly={readOnly}
                        onChange={(e) => setIndicator(k, { origin: e.target.value })}
                      />
                    )}
                    <Issues list={cell(`i:${k}:source.formula`)} testId={`issue-i-${k}-source`} />
                  </td>
                  <td className="num">
                    <input
                      className="narrow"
                      inputMode="decimal"
                      value={ind.weight}
                      readOnly={readOnly}
                      data-testid={`ind-${k}-weight`}
                      onChange={(e) => setIndicator(k, { weight: e.target.value })}
                    />
                    <Issues list={cell(`i:${k}:weight`)} testId={`issue-i-${k}-weight`} />
                  </td>
                  <td className="num small" data-col="overall">
                    {overall[k] === null || overall[k] === undefined
                      ? '—'
                      : `${overall[k].toLocaleString(locale, { maximumFractionDigits: 1 })} %`}
                  </td>
                  <td>
                    {canEdit && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          setDraft((d) => ({
                            ...d,
                            indicators: d.indicators.filter((_, j) => j !== k),
                          }))
                        }
                      >
                        {t('common.delete')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="actions">
          <button
            type="button"
            className="button button-small"
            data-testid="indicator-add"
            onClick={() =>
              setDraft((d) => ({ ...d, indicators: [...d.indicators, newIndicator(d)] }))
            }
          >
            + {t('evaluation.frameworks.addIndicator')}
          </button>
          <button
            type="button"
            className="button button-primary"
            data-testid="framework-save"
            disabled={!dirty || issueCount > 0 || save.isPending}
            onClick={() => save.mutate()}
          >
            {asNew ? t('evaluation.frameworks.saveNew') : t('evaluation.frameworks.saveVersion')}
          </button>
          <button
            type="button"
            className="button"
            disabled={!dirty}
            onClick={() => setDraft(toDraft(framework))}
          >
            {t('common.cancel')}
          </button>
          <span className="small muted" data-testid="framework-issue-count" data-count={issueCount}>
            {issueCount === 0
              ? t('evaluation.frameworks.valid')
              : `${issueCount} ${t('evaluation.frameworks.problems')}`}
          </span>
        </div>
      )}
      {save.error && <ProblemDetails error={save.error} testId="framework-save-error" />}
    </section>
  );
}
