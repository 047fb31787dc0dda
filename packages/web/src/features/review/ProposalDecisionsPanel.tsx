import type { ApplicantDecisions } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage } from '../../components/QueryState.tsx';
import { formatKrw } from './review-format.ts';

/**
 * The decisions sent to the applicant on a proposal, with reasons and the reviewers' comments
 * to the applicant, never who reviewed (GET /api/v1/proposals/:id/decisions). Renders nothing
 * until a decision has been sent. Meant for the proposal page.
 */
export function ProposalDecisionsPanel({ proposalId }: { proposalId: number }) {
  const { t, language } = useI18n();
  const query = useQuery({
    queryKey: ['review', 'decisions', proposalId],
    queryFn: () =>
      requestJson<ApplicantDecisions>('GET', `/api/v1/proposals/${proposalId}/decisions`),
  });
  if (query.error) return <ErrorMessage error={query.error} />;
  if (!query.data || query.data.decisions.length === 0) return null;
  return (
    <section className="card" data-testid="proposal-decisions">
      <h2>{t('review.decisions')}</h2>
      <ul>
        {query.data.decisions.map((d) => (
          <li key={d.id} data-testid={`decision-${d.decision}`}>
            <strong>{t(`review.decisionKind.${d.decision}`)}</strong>
            {d.approvedGrantKrw !== null && ` · ${formatKrw(d.approvedGrantKrw, language)}`}
            {d.notifiedAt && (
              <span className="muted small">
                {' '}
                · {t('review.sentOn')} {d.notifiedAt.slice(0, 10)}
              </span>
            )}
            <div>{d.reason}</div>
          </li>
        ))}
      </ul>
      {query.data.reviewerComments.length > 0 && (
        <>
          <h3>{t('review.reviewerComments')}</h3>
          <ul>
            {query.data.reviewerComments.map((c, i) => (
              <li key={i}>{c}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
