import { Navigate } from 'react-router-dom';
import { useAuth } from '../../app/AuthProvider.tsx';

export { CallsPage } from './CallsPage.tsx';
export { DemandsPage } from './DemandsPage.tsx';
export { PipelinePage, ProposalsPage } from './PipelinePage.tsx';
export { ProposalPage } from './ProposalPage.tsx';

/** `/intake`: the demands and ideas when the user reads them, else the proposals. */
export function IntakeHome() {
  const auth = useAuth();
  return (
    <Navigate to={auth.can('demands', 'read') ? '/intake/demands' : '/intake/proposals'} replace />
  );
}
