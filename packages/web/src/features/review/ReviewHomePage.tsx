import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { requestJson } from '../../api/api-client.ts';
import { useReviewCalls, useReviewQueue } from '../../api/review-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import './review.css';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { formatKrw } from './review-format.ts';

/**
 * The review's start page: an evaluator's queue of assigned proposals (blind: nothing about
 * other reviewers), and for officers the calls with links to assignment and committee.
 */
export function ReviewHomePage() {
  const { t, language } = useI18n();
  const auth = useAuth();
  useDocumentTitle(t('review.title'));
  const isEvaluator = auth.me.user?.grants.some((g) => g.role === 'evaluator') ?? false;
  // The permission table gives evaluators 'create' on their own reviews; officers are the
  // roles that run calls.
  const isOfficer =
    auth.me.user?.grants.some((g) => g.role === 'admin' || g.role === 'programme_officer') ?? false;
  const queue = useReviewQueue(isEvaluator);
  const queryClient = useQueryClient();
  const [declaring, setDeclaring] = useState<{ proposalId: number; title: string } | null>(null);
  const [reason, setReason] = useState('');
  const declare = useMutation({
    mutationFn: () =>
      requestJson('POST', '/api/v1/conflict-declarations', {
        proposalId: declaring!.proposalId,
        reason,
      }),
    onSuccess: () => {
      setDeclaring(null);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['review'] });
    },
  });
  const onDeclare = (e: FormEvent) => {
    e.preventDefault();
    declare.mutate();
  };
  const calls = useReviewCalls(isOfficer);
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('review.title')}</h1>
      </div>
      {isEvaluator && (
        <section className="card" data-testid="review-queue">
          <h2>{t('review.queue')}</h2>
          <p className="muted small">{t('review.queueHint')}</p>
          {queue.isPending ? (
            <Loading />
          ) : queue.error ? (
            <ErrorMessage error={queue.error} onRetry={() => void queue.refetch()} />
          ) : queue.data.length === 0 ? (
            <p className="muted">{t('review.queueEmpty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('review.proposal')}</th>
                    <th>{t('review.call')}</th>
                    <th>{t('review.requested')}</th>
                    <th>{t('review.status')}</th>
                    <th>{t('review.total')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {queue.data.map((item) => (
                    <tr key={item.assignmentId} data-testid={`queue-item-${item.proposalId}`}>
                      <td>
                        <Link to={`/review/assignments/${item.assignmentId}`}>{item.title}</Link>
                      </td>
                      <td>{item.callTitle}</td>
                      <td>{formatKrw(item.requestedGrantKrw, language)}</td>
                      <td>
                        {t(
                          item.review?.status === 'submitted'
                            ? 'review.submitted'
                            : item.review
                              ? 'review.draft'
                              : 'review.notStarted',
                        )}
                      </td>
                      <td>{item.review?.total?.toFixed(1) ?? '–'}</td>
                      <td>
                        {item.review?.status !== 'submitted' && (
                          <button
                            type="button"
                            className="button"
                            data-testid={`declare-${item.proposalId}`}
                            onClick={() =>
                              setDeclaring({ proposalId: item.proposalId, title: item.title })
                            }
                          >
                            {t('review.declare')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {isOfficer && (
        <section className="card" data-testid="review-calls">
          <h2>{t('review.calls')}</h2>
          <p className="small">
            <Link to="/review/pool" data-testid="pool-link">
              {t('review.pool')}
            </Link>
          </p>
          {calls.isPending ? (
            <Loading />
          ) : calls.error ? (
            <ErrorMessage error={calls.error} onRetry={() => void calls.refetch()} />
          ) : calls.data.items.length === 0 ? (
            <p className="muted">{t('review.noCalls')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('review.call')}</th>
                    <th>{t('review.status')}</th>
                    <th>{t('review.budget')}</th>
                    <th>{t('review.proposals')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {calls.data.items.map((c) => (
                    <tr key={c.id} data-testid={`review-call-${c.id}`}>
                      <td>
                        {c.code} · {c.title} {c.synthetic && <SyntheticBadge />}
                      </td>
                      <td>{c.status}</td>
                      <td>{formatKrw(c.budgetKrw, language)}</td>
                      <td>{c.proposalCount}</td>
                      <td className="actions">
                        <Link
                          to={`/review/calls/${c.id}/assignments`}
                          data-testid={`assignments-link-${c.id}`}
                        >
                          {t('review.assignment')}
                        </Link>{' '}
                        ·{' '}
                        <Link
                          to={`/review/calls/${c.id}/committee`}
                          data-testid={`committee-link-${c.id}`}
                        >
                          {t('review.committee')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {!isEvaluator && !isOfficer && <p className="muted">{t('review.nothing')}</p>}
      {declaring && (
        <div className="dialog-backdrop">
          <form className="card form dialog" role="dialog" aria-modal="true" onSubmit={onDeclare}>
            <h2>
              {t('review.declare')}: {declaring.title}
            </h2>
            <p className="muted small">{t('review.declareHint')}</p>
            <label className="field">
              <span className="field-label">{t('review.reason')}</span>
              <textarea
                rows={3}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            {declare.error && <ErrorMessage error={declare.error} />}
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setDeclaring(null)}>
                {t('review.cancel')}
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={reason.trim() === ''}
              >
                {t('review.confirm')}
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
