import type { AssignmentPlan } from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  reviewApi,
  useCallAssignments,
  useCallConflicts,
  useEvaluators,
} from '../../api/review-client.ts';
import './review.css';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { buildAssignmentMatrix } from './assignment-matrix.ts';

/**
 * An officer's assignment page for one call: run the optimal assignment (or preview it with
 * its total cost), the load of every evaluator against their bounds, the conflicts of
 * interest, the assignments with removal, and a manual override (refused on a conflict).
 */
export function AssignmentPage() {
  const { t } = useI18n();
  const callId = Number(useParams().callId);
  useDocumentTitle(t('review.assignment'));
  const queryClient = useQueryClient();
  const assignments = useCallAssignments(callId);
  const conflicts = useCallConflicts(callId);
  const evaluators = useEvaluators();
  const [preview, setPreview] = useState<AssignmentPlan | null>(null);
  const [proposalId, setProposalId] = useState('');
  const [evaluatorId, setEvaluatorId] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['review'] });
  const run = useMutation({
    mutationFn: (dryRun: boolean) => reviewApi.autoAssign(callId, dryRun),
    onSuccess: (plan) => {
      setPreview(plan);
      if (plan.saved) refresh();
    },
  });
  const add = useMutation({
    mutationFn: () => reviewApi.addAssignment(callId, Number(proposalId), Number(evaluatorId)),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: number) => reviewApi.removeAssignment(callId, id),
    onSuccess: refresh,
  });
  if (assignments.isPending || conflicts.isPending)
    return (
      <div className="page">
        <Loading />
      </div>
    );
  if (assignments.error)
    return (
      <div className="page">
        <ErrorMessage error={assignments.error} />
      </div>
    );
  const list = assignments.data.assignments;
  const conflictList = conflicts.data?.conflicts ?? [];
  const proposals = new Map<number, string>();
  for (const a of list) proposals.set(a.proposalId, a.proposalTitle);
  for (const c of conflictList) proposals.set(c.proposalId, c.proposalTitle);
  const matrix = buildAssignmentMatrix(list, conflictList, assignments.data.loads);
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <div className="page" data-testid="assignment-page">
      <p className="small">
        <Link to="/review">← {t('review.title')}</Link> ·{' '}
        <Link to={`/review/calls/${callId}/committee`}>{t('review.committee')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('review.assignment')}</h1>
      </div>
      <section className="card">
        <p className="muted small">
          {t('review.autoHint')} ({t('review.reviewsPerProposal')}:{' '}
          {assignments.data.reviewsPerProposal})
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={run.isPending}
            onClick={() => run.mutate(true)}
            data-testid="preview-assignment"
          >
            {t('review.preview')}
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={run.isPending}
            onClick={() => run.mutate(false)}
            data-testid="run-assignment"
          >
            {t('review.runAuto')}
          </button>
        </div>
        {run.error && <ErrorMessage error={run.error} />}
        {preview && (
          <p className="notice" data-testid="assignment-result">
            {preview.saved ? t('review.saved') : t('review.previewOnly')}: {preview.pairs.length}{' '}
            {t('review.pairs')}, {t('review.totalCost')} {preview.totalCost.toFixed(3)} (
            {t('review.costUnit')}), {preview.conflictedPairs} {t('review.conflictedExcluded')}
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('review.loads')}</h2>
        <table className="table" data-testid="load-table">
          <thead>
            <tr>
              <th>{t('review.evaluator')}</th>
              <th>{t('review.load')}</th>
              <th>{t('review.minLoad')}</th>
              <th>{t('review.maxLoad')}</th>
            </tr>
          </thead>
          <tbody>
            {assignments.data.loads.map((l) => (
              <tr
                key={l.evaluatorId}
                className={l.load < l.minLoad || l.load > l.maxLoad ? 'row-warning' : undefined}
              >
                <td>{l.name}</td>
                <td>{l.load}</td>
                <td>{l.minLoad}</td>
                <td>{l.maxLoad}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t('review.matrix')}</h2>
        <p className="muted small">{t('review.matrixHint')}</p>
        <div className="table-wrap">
          <table className="table review-matrix" data-testid="assignment-matrix">
            <thead>
              <tr>
                <th>{t('review.proposal')}</th>
                {matrix.evaluators.map((e) => (
                  <th key={e.id}>{e.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.proposals.map((p, pi) => (
                <tr key={p.id}>
                  <td>{p.title}</td>
                  {matrix.evaluators.map((e, ei) => {
                    const cell = matrix.cells[pi]?.[ei] ?? 'free';
                    const why = matrix.reasons.get(`${p.id}:${e.id}`) ?? [];
                    return (
                      <td
                        key={e.id}
                        className={`matrix-${cell}`}
                        title={why
                          .map((w) => t(`review.conflict.${w}` as 'review.conflict.declared'))
                          .join(', ')}
                        data-cell={cell}
                      >
                        {cell === 'assigned'
                          ? '●'
                          : cell === 'conflict'
                            ? '✕'
                            : cell === 'both'
                              ? '⚠'
                              : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2>
          {t('review.conflicts')} ({conflictList.length})
        </h2>
        {conflicts.error && <ErrorMessage error={conflicts.error} />}
        {conflictList.length === 0 ? (
          <p className="muted">{t('review.noConflicts')}</p>
        ) : (
          <table className="table" data-testid="conflict-table">
            <thead>
              <tr>
                <th>{t('review.proposal')}</th>
                <th>{t('review.evaluator')}</th>
                <th>{t('review.conflictType')}</th>
                <th>{t('review.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {conflictList.map((c, i) => (
                <tr key={i}>
                  <td>{c.proposalTitle}</td>
                  <td>{c.evaluatorName}</td>
                  <td>{t(`review.conflict.${c.type}` as 'review.conflict.declared')}</td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card">
        <h2>
          {t('review.assignments')} ({list.length})
        </h2>
        <table className="table" data-testid="assignment-table">
          <thead>
            <tr>
              <th>{t('review.proposal')}</th>
              <th>{t('review.evaluator')}</th>
              <th>{t('review.method')}</th>
              <th>{t('review.status')}</th>
              <th>{t('review.cost')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id}>
                <td>{a.proposalTitle}</td>
                <td>{a.evaluatorName}</td>
                <td>{a.method}</td>
                <td>
                  {t(
                    a.reviewStatus === 'submitted'
                      ? 'review.submitted'
                      : a.reviewStatus === 'draft'
                        ? 'review.draft'
                        : 'review.notStarted',
                  )}
                </td>
                <td>{a.cost === null ? '–' : a.cost.toFixed(3)}</td>
                <td>
                  {a.reviewStatus !== 'submitted' && (
                    <button type="button" className="button" onClick={() => remove.mutate(a.id)}>
                      {t('review.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {remove.error && <ErrorMessage error={remove.error} />}
        <form className="form-grid" onSubmit={onAdd} data-testid="manual-assignment">
          <label className="field">
            <span className="field-label">{t('review.proposal')}</span>
            <select value={proposalId} onChange={(e) => setProposalId(e.target.value)} required>
              <option value="" />
              {[...proposals].map(([id, title]) => (
                <option key={id} value={id}>
                  {title}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('review.evaluator')}</span>
            <select value={evaluatorId} onChange={(e) => setEvaluatorId(e.target.value)} required>
              <option value="" />
              {(evaluators.data ?? [])
                .filter((e) => e.active)
                .map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="button" disabled={add.isPending}>
              {t('review.assignByHand')}
            </button>
          </div>
        </form>
        {add.error && <ErrorMessage error={add.error} />}
      </section>
    </div>
  );
}
