import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { OverlapPanel } from './OverlapPanel.tsx';

/** `/proposals/:id/overlaps`: the overlap check of one proposal (a link target for other pages). */
export function ProposalOverlapsPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  useDocumentTitle(t('overlap.proposalTitle'));
  return (
    <div className="page" data-testid="proposal-overlaps-page">
      <p className="small">
        <Link to={`/intake/proposals/${id}`}>← {t('overlap.proposal')}</Link> ·{' '}
        <Link to="/overlaps">{t('overlap.backToCalls')}</Link>
      </p>
      <h1>{t('overlap.proposalTitle')}</h1>
      <OverlapPanel proposalId={id} />
    </div>
  );
}
