import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { reviewApi, useReviewAssignment } from '../../api/review-client.ts';
import './review.css';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { formatKrw, formatScore, previewTotal } from './review-format.ts';

/**
 * The blind scoring form of one assigned proposal: its content, the call's weighted rubric
 * (0..maxScore per criterion), comments to the applicant and to the committee; save as a
 * draft or submit (final). The total shown is computed again by the server when saved.
 */
export function ScoringPage() {
  const { t, language } = useI18n();
  const id = Number(useParams().assignmentId);
  const item = useReviewAssignment(id);
  const queryClient = useQueryClient();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [toApplicant, setToApplicant] = useState('');
  const [toCommittee, setToCommittee] = useState('');
  useDocumentTitle(item.data?.title ?? t('review.scoring'));
  useEffect(() => {
    const review = item.data?.review;
    if (!review) return;
    setScores(Object.fromEntries(Object.entries(review.scores).map(([k, v]) => [k, String(v)])));
    setToApplicant(review.commentToApplicant ?? '');
    setToCommittee(review.commentToCommittee ?? '');
  }, [item.data?.review]);
  const save = useMutation({
    mutationFn: (submit: boolean) =>
      reviewApi.saveReview(id, {
        scores: Object.fromEntries(
          Object.entries(scores)
            .filter(([, v]) => v.trim() !== '')
            .map(([k, v]) => [k, Number(v)]),
        ),
        commentToApplicant: toApplicant.trim() || null,
        commentToCommittee: toCommittee.trim() || null,
        submit,
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['review', 'assignment', id], data);
      void queryClient.invalidateQueries({ queryKey: ['review', 'queue'] });
    },
  });
  if (item.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (item.error)
    return (
      <div className="page">
        <ErrorMessage error={item.error} />
        <Link to="/review">{t('review.backToQueue')}</Link>
      </div>
    );
  const data = item.data;
  const submitted = data.review?.status === 'submitted';
  const numeric = Object.fromEntries(
    Object.entries(scores).map(([k, v]) => [k, v.trim() === '' ? undefined : Number(v)]),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(true);
  };
  return (
    <div className="page" data-testid="scoring-page">
      <p className="small">
        <Link to="/review">← {t('review.backToQueue')}</Link>
      </p>
      <h1>{data.title}</h1>
      <p className="muted">
        {data.callTitle} · {data.leadOrganisationName}
        {data.partnerNames.length > 0 && ` + ${data.partnerNames.join(', ')}`}
      </p>
      <section className="card">
        <dl>
          <dt>{t('review.requested')}</dt>
          <dd>
            {formatKrw(data.requestedGrantKrw, language)} ({t('review.totalBudget')}{' '}
            {formatKrw(data.totalBudgetKrw, language)})
          </dd>
          <dt>{t('review.period')}</dt>
          <dd>
            {data.startOn ?? '–'} – {data.endOn ?? '–'}
          </dd>
        </dl>
        <h2>{t('review.abstract')}</h2>
        <p>{data.abstract ?? '–'}</p>
        {data.plan && (
          <>
            <h2>{t('review.plan')}</h2>
            <p>{data.plan}</p>
          </>
        )}
      </section>
      <form className="card form" onSubmit={onSubmit} data-testid="scoring-form">
        <h2>{t('review.rubric')}</h2>
        <p className="muted small">{t('review.blindHint')}</p>
        <table className="table">
          <thead>
            <tr>
              <th>{t('review.criterion')}</th>
              <th>{t('review.weight')}</th>
              <th>{t('review.score')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rubric.map((c) => (
              <tr key={c.code}>
                <td>{c.name}</td>
                <td>{c.weight}</td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={c.maxScore}
                    step="any"
                    disabled={submitted}
                    value={scores[c.code] ?? ''}
                    aria-label={c.name}
                    data-testid={`score-${c.code}`}
                    onChange={(e) => setScores({ ...scores, [c.code]: e.target.value })}
                  />{' '}
                  / {c.maxScore}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="score-total">
          {t('review.total')}:{' '}
          <strong>
            {formatScore(submitted ? data.review?.total : previewTotal(data.rubric, numeric))}
          </strong>{' '}
          / 100
        </p>
        <label className="field">
          <span className="field-label">{t('review.commentToApplicant')}</span>
          <textarea
            rows={3}
            value={toApplicant}
            disabled={submitted}
            onChange={(e) => setToApplicant(e.target.value)}
            data-testid="comment-applicant"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('review.commentToCommittee')}</span>
          <textarea
            rows={3}
            value={toCommittee}
            disabled={submitted}
            onChange={(e) => setToCommittee(e.target.value)}
          />
        </label>
        {save.error && <ErrorMessage error={save.error} />}
        {submitted ? (
          <p className="notice" data-testid="review-submitted">
            {t('review.submittedNotice')}
          </p>
        ) : (
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={save.isPending}
              onClick={() => save.mutate(false)}
              data-testid="save-draft"
            >
              {t('review.saveDraft')}
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={save.isPending}
              data-testid="submit-review"
            >
              {t('review.submit')}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
