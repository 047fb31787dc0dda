import type { RankingRow } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  reviewApi,
  useCallMeetings,
  useCallRanking,
  useCallReviews,
  type Normalisation,
} from '../../api/review-client.ts';
import './review.css';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { OverlapPanel } from '../overlap/OverlapPanel.tsx';
import { formatKrw, formatScore } from './review-format.ts';

type Decision = 'select' | 'revise' | 'reject';

/**
 * The committee view of one call: the proposals ranked by normalised mean score beside the
 * raw mean, the budget line (requested amounts summed down the ranking against the call
 * budget, with the cut-off drawn where the sum passes it), the suggested selection, notes per
 * proposal in the meeting, and decisions (select, revise, reject) each with a reason.
 */
export function CommitteePage() {
  const { t, language } = useI18n();
  const callId = Number(useParams().callId);
  useDocumentTitle(t('review.committee'));
  const queryClient = useQueryClient();
  const [normalisation, setNormalisation] = useState<Normalisation>('mean-centre');
  const ranking = useCallRanking(callId, normalisation);
  const meetings = useCallMeetings(callId);
  const reviews = useCallReviews(callId, normalisation);
  const [deciding, setDeciding] = useState<{ row: RankingRow; decision: Decision } | null>(null);
  const [reason, setReason] = useState('');
  const [noteFor, setNoteFor] = useState<number | null>(null);
  const [inspecting, setInspecting] = useState<RankingRow | null>(null);
  const [inspection, setInspection] = useState({
    inspectedOn: new Date().toISOString().slice(0, 10),
    inspectors: '',
    findings: '',
    recommendation: 'proceed',
  });
  const [note, setNote] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['review'] });
  const meeting = meetings.data?.[meetings.data.length - 1] ?? null;
  const send = useMutation({
    mutationFn: () => reviewApi.sendToCommittee(callId),
    onSuccess: refresh,
  });
  const decide = useMutation({
    mutationFn: () =>
      reviewApi.decide(deciding!.row.proposalId, {
        decision: deciding!.decision,
        reason,
        meetingId: meeting?.id ?? null,
      }),
    onSuccess: () => {
      setDeciding(null);
      setReason('');
      refresh();
    },
  });
  const createMeeting = useMutation({
    mutationFn: () =>
      reviewApi.createMeeting(callId, {
        heldOn: new Date().toISOString().slice(0, 10),
        title: t('review.meetingDefaultTitle'),
        members: null,
      }),
    onSuccess: refresh,
  });
  const addNote = useMutation({
    mutationFn: () => reviewApi.addNote(meeting!.id, noteFor!, note),
    onSuccess: () => {
      setNote('');
      setNoteFor(null);
      refresh();
    },
  });
  const inspect = useMutation({
    mutationFn: () => reviewApi.addInspection(inspecting!.proposalId, inspection),
    onSuccess: () => {
      setInspecting(null);
      setInspection({ ...inspection, inspectors: '', findings: '' });
      refresh();
    },
  });
  if (ranking.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (ranking.error)
    return (
      <div className="page">
        <ErrorMessage error={ranking.error} />
      </div>
    );
  const r = ranking.data;
  const cutIndex = r.rows.findIndex(
    (row) => row.rank !== null && !row.aboveCutoff && row.status !== 'rejected',
  );
  const inReview = r.rows.filter((row) => row.status === 'in_review').length;
  const onDecide = (e: FormEvent) => {
    e.preventDefault();
    decide.mutate();
  };
  return (
    <div className="page" data-testid="committee-page">
      <p className="small">
        <Link to="/review">← {t('review.title')}</Link> ·{' '}
        <Link to={`/review/calls/${callId}/assignments`}>{t('review.assignment')}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t('review.committee')}: {r.callTitle}
        </h1>
      </div>
      <section className="card" data-testid="budget-summary">
        <p>
          {t('review.budget')} <strong>{formatKrw(r.budgetKrw, language)}</strong> ·{' '}
          {t('review.approved')}{' '}
          <strong data-testid="committed">{formatKrw(r.committedKrw, language)}</strong> ·{' '}
          {t('review.remaining')}{' '}
          <strong data-testid="remaining">{formatKrw(r.remainingKrw, language)}</strong> ·{' '}
          {t('review.suggestedTotal')} {formatKrw(r.suggestedKrw, language)}
        </p>
        <label className="field">
          <span className="field-label">{t('review.normalisation')}</span>
          <select
            value={normalisation}
            onChange={(e) => setNormalisation(e.target.value as Normalisation)}
          >
            <option value="mean-centre">{t('review.norm.meanCentre')}</option>
            <option value="z-score">{t('review.norm.zScore')}</option>
            <option value="none">{t('review.norm.none')}</option>
          </select>
        </label>
        {inReview > 0 && (
          <div className="form-actions">
            <button
              type="button"
              className="button"
              onClick={() => send.mutate()}
              data-testid="send-to-committee"
            >
              {t('review.sendToCommittee')} ({inReview})
            </button>
          </div>
        )}
        {send.error && <ErrorMessage error={send.error} />}
        {meeting ? (
          <p className="muted small">
            {t('review.meeting')}: {meeting.title} ({meeting.heldOn})
          </p>
        ) : (
          <button
            type="button"
            className="button"
            onClick={() => createMeeting.mutate()}
            data-testid="create-meeting"
          >
            {t('review.createMeeting')}
          </button>
        )}
      </section>
      <OverlapPanel callId={callId} />
      <div className="table-wrap">
        <table className="table review-ranking" data-testid="ranking-table">
          <thead>
            <tr>
              <th>{t('review.rank')}</th>
              <th>{t('review.proposal')}</th>
              <th>{t('review.rawMean')}</th>
              <th>{t('review.normalisedMean')}</th>
              <th>{t('review.reviewsDone')}</th>
              <th>{t('review.requested')}</th>
              <th>{t('review.cumulative')}</th>
              <th>{t('review.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row, i) => (
              <Fragment key={row.proposalId}>
                {i === cutIndex && (
                  <tr className="budget-line" data-testid="budget-line">
                    <td colSpan={9}>
                      <strong>
                        ── {t('review.budgetLine')}: {formatKrw(r.budgetKrw, language)} ──
                      </strong>
                    </td>
                  </tr>
                )}
                <tr data-testid={`ranking-row-${row.proposalId}`} data-suggested={row.suggested}>
                  <td>{row.rank ?? '–'}</td>
                  <td>
                    {row.title}
                    <div className="muted small">{row.leadOrganisationName}</div>
                    {(() => {
                      const list =
                        reviews.data?.proposals.find((p) => p.proposalId === row.proposalId)
                          ?.reviews ?? [];
                      return list.length === 0 ? null : (
                        <details className="small" data-testid={`reviews-${row.proposalId}`}>
                          <summary>{t('review.reviewDetails')}</summary>
                          <table className="table">
                            <thead>
                              <tr>
                                <th>{t('review.evaluator')}</th>
                                <th>{t('review.rawTotal')}</th>
                                <th>{t('review.normalisedTotal')}</th>
                                <th>{t('review.commentToCommittee')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {list.map((rv) => (
                                <tr key={rv.assignmentId}>
                                  <td>{rv.evaluatorName}</td>
                                  <td>
                                    {rv.status === 'submitted'
                                      ? formatScore(rv.total)
                                      : t('review.draft')}
                                  </td>
                                  <td>
                                    {normalisation === 'z-score'
                                      ? (rv.normalised?.toFixed(2) ?? '–')
                                      : formatScore(rv.normalised)}
                                  </td>
                                  <td>{rv.commentToCommittee ?? '–'}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </details>
                      );
                    })()}
                    {meeting?.notes
                      .filter((n) => n.proposalId === row.proposalId)
                      .map((n) => (
                        <div key={n.id} className="small">
                          💬 {n.body}
                        </div>
                      ))}
                  </td>
                  <td>{formatScore(row.rawMean)}</td>
                  <td>
                    {normalisation === 'z-score'
                      ? (row.normalisedMean?.toFixed(2) ?? '–')
                      : formatScore(row.normalisedMean)}
                  </td>
                  <td>
                    {row.reviews}/{row.reviewsExpected}
                  </td>
                  <td>{formatKrw(row.requestedKrw, language)}</td>
                  <td className={row.aboveCutoff ? undefined : 'muted'}>
                    {formatKrw(row.cumulativeKrw, language)}
                  </td>
                  <td data-testid={`status-${row.proposalId}`}>
                    {row.status}
                    {row.suggested && <div className="small">★ {t('review.suggested')}</div>}
                    {row.decision && <div className="muted small">{row.decision.reason}</div>}
                    {row.inspection && (
                      <div
                        className="small"
                        title={row.inspection.findings}
                        data-testid={`inspection-${row.proposalId}`}
                      >
                        {t('review.inspection')} {row.inspection.inspectedOn}:{' '}
                        {row.inspection.recommendation
                          ? t(`review.recommendation.${row.inspection.recommendation}`)
                          : '–'}
                      </div>
                    )}
                  </td>
                  <td>
                    <div className="review-actions">
                      {row.status === 'committee' &&
                        (['select', 'revise', 'reject'] as const).map((d) => (
                          <button
                            key={d}
                            type="button"
                            className={d === 'select' ? 'button button-primary' : 'button'}
                            data-testid={`decide-${d}-${row.proposalId}`}
                            onClick={() => setDeciding({ row, decision: d })}
                          >
                            {t(`review.decide.${d}`)}
                          </button>
                        ))}
                      <button
                        type="button"
                        className="button"
                        data-testid={`inspect-${row.proposalId}`}
                        onClick={() => setInspecting(row)}
                      >
                        {t('review.inspection')}
                      </button>
                      {meeting && (
                        <button
                          type="button"
                          className="button"
                          onClick={() => setNoteFor(row.proposalId)}
                        >
                          {t('review.addNote')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {deciding && (
        <div className="dialog-backdrop">
          <form
            className="card form dialog"
            role="dialog"
            aria-modal="true"
            onSubmit={onDecide}
            data-testid="decision-dialog"
          >
            <h2>
              {t(`review.decide.${deciding.decision}`)}: {deciding.row.title}
            </h2>
            {deciding.decision === 'select' && (
              <p>
                {t('review.grant')}: {formatKrw(deciding.row.requestedKrw, language)}
              </p>
            )}
            <label className="field">
              <span className="field-label">{t('review.reasonToApplicant')}</span>
              <textarea
                rows={4}
                required
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="decision-reason"
              />
            </label>
            {decide.error && <ErrorMessage error={decide.error} />}
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setDeciding(null)}>
                {t('review.cancel')}
              </button>
              <button
                type="submit"
                className="button button-primary"
                disabled={decide.isPending || reason.trim() === ''}
                data-testid="decision-confirm"
              >
                {t('review.confirm')}
              </button>
            </div>
          </form>
        </div>
      )}
      {inspecting && (
        <div className="dialog-backdrop">
          <form
            className="card form dialog"
            role="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              inspect.mutate();
            }}
          >
            <h2>
              {t('review.inspection')}: {inspecting.title}
            </h2>
            <label className="field">
              <span className="field-label">{t('review.inspectedOn')}</span>
              <input
                type="date"
                required
                value={inspection.inspectedOn}
                onChange={(e) => setInspection({ ...inspection, inspectedOn: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('review.inspectors')}</span>
              <input
                required
                value={inspection.inspectors}
                onChange={(e) => setInspection({ ...inspection, inspectors: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('review.findings')}</span>
              <textarea
                rows={4}
                required
                value={inspection.findings}
                onChange={(e) => setInspection({ ...inspection, findings: e.target.value })}
              />
            </label>
            <label className="field">
              <span className="field-label">{t('review.recommendation')}</span>
              <select
                value={inspection.recommendation}
                onChange={(e) => setInspection({ ...inspection, recommendation: e.target.value })}
              >
                {(['proceed', 'proceed_with_conditions', 'do_not_proceed'] as const).map((r) => (
                  <option key={r} value={r}>
                    {t(`review.recommendation.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            {inspect.error && <ErrorMessage error={inspect.error} />}
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setInspecting(null)}>
                {t('review.cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('review.confirm')}
              </button>
            </div>
          </form>
        </div>
      )}
      {noteFor !== null && meeting && (
        <div className="dialog-backdrop">
          <form
            className="card form dialog"
            role="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              addNote.mutate();
            }}
          >
            <h2>{t('review.addNote')}</h2>
            <textarea rows={4} required value={note} onChange={(e) => setNote(e.target.value)} />
            {addNote.error && <ErrorMessage error={addNote.error} />}
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setNoteFor(null)}>
                {t('review.cancel')}
              </button>
              <button type="submit" className="button button-primary">
                {t('review.confirm')}
              </button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
