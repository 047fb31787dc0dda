import type { EvaluatorRow } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestJson } from '../../api/api-client.ts';
import { useEvaluators } from '../../api/review-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import './review.css';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ConflictSourcesSection } from './ConflictSourcesSection.tsx';

const keywords = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The evaluator pool for officers: every evaluator with expertise keywords, load bounds per
 * call and affiliations; add one from the registry's people, change keywords and bounds, and
 * deactivate (an evaluator with assignments is kept, so their reviews stay on record); below,
 * the business relations and conflict declarations the conflict check reads.
 */
export function EvaluatorPoolPage() {
  const { t } = useI18n();
  useDocumentTitle(t('review.pool'));
  const queryClient = useQueryClient();
  const evaluators = useEvaluators();
  const people = useEntityList('people', { pageSize: 1000, sort: 'name' });
  const [personId, setPersonId] = useState('');
  const [userId, setUserId] = useState('');
  const [expertise, setExpertise] = useState('');
  const [minLoad, setMinLoad] = useState('0');
  const [maxLoad, setMaxLoad] = useState('10');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['review'] });
  const create = useMutation({
    mutationFn: () =>
      requestJson<EvaluatorRow>('POST', '/api/v1/evaluators', {
        personId: Number(personId),
        userId: userId.trim() === '' ? null : Number(userId),
        expertise: keywords(expertise),
        minLoad: Number(minLoad),
        maxLoad: Number(maxLoad),
      }),
    onSuccess: () => {
      setPersonId('');
      setUserId('');
      setExpertise('');
      refresh();
    },
  });
  const patch = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Record<string, unknown> }) =>
      requestJson<EvaluatorRow>('PATCH', `/api/v1/evaluators/${id}`, body),
    onSuccess: refresh,
  });
  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <div className="page" data-testid="evaluator-pool">
      <p className="small">
        <Link to="/review">← {t('review.title')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('review.pool')}</h1>
      </div>
      <p className="muted">{t('review.poolHint')}</p>
      {evaluators.isPending ? (
        <Loading />
      ) : evaluators.error ? (
        <ErrorMessage error={evaluators.error} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('review.evaluator')}</th>
                <th>{t('review.expertise')}</th>
                <th>{t('review.minLoad')}</th>
                <th>{t('review.maxLoad')}</th>
                <th>{t('review.affiliations')}</th>
                <th>{t('review.active')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluators.data.map((e) => (
                <tr key={e.id}>
                  <td>
                    {e.name} {e.synthetic && <SyntheticBadge />}
                    <div className="muted small">{e.email ?? ''}</div>
                  </td>
                  <td>
                    <input
                      defaultValue={e.expertise.join(', ')}
                      aria-label={`${t('review.expertise')} ${e.name}`}
                      onBlur={(ev) => {
                        const next = keywords(ev.target.value);
                        if (next.join('|') !== e.expertise.join('|'))
                          patch.mutate({ id: e.id, body: { expertise: next } });
                      }}
                    />
                  </td>
                  <td>{e.minLoad}</td>
                  <td>{e.maxLoad}</td>
                  <td className="small">
                    {e.affiliations.map((a) => a.organisationName).join(', ') || '–'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      onClick={() => patch.mutate({ id: e.id, body: { active: !e.active } })}
                    >
                      {e.active ? t('review.deactivate') : t('review.activate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {patch.error && <ErrorMessage error={patch.error} />}
      <form className="card form-grid" onSubmit={onCreate} data-testid="evaluator-create">
        <h2>{t('review.addEvaluator')}</h2>
        <label className="field">
          <span className="field-label">{t('review.evaluator')}</span>
          <select required value={personId} onChange={(e) => setPersonId(e.target.value)}>
            <option value="" />
            {(people.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {String((p as { name?: string }).name ?? p.id)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('review.userId')}</span>
          <input inputMode="numeric" value={userId} onChange={(e) => setUserId(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('review.expertise')}</span>
          <input
            value={expertise}
            onChange={(e) => setExpertise(e.target.value)}
            placeholder="gear machining, sensors"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('review.minLoad')}</span>
          <input
            type="number"
            min={0}
            value={minLoad}
            onChange={(e) => setMinLoad(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('review.maxLoad')}</span>
          <input
            type="number"
            min={0}
            value={maxLoad}
            onChange={(e) => setMaxLoad(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('review.addEvaluator')}
          </button>
        </div>
        {create.error && <ErrorMessage error={create.error} />}
      </form>
      <ConflictSourcesSection evaluators={evaluators.data ?? []} />
    </div>
  );
}
