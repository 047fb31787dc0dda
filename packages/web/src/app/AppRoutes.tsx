import type { ReactNode } from 'react';
import { Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import {
  CallsPage,
  DemandsPage,
  PipelinePage,
  IntakeHome,
  ProposalPage,
  ProposalsPage,
} from '../features/intake/IntakeRoutes.tsx';
import { ProfilePage } from '../features/auth/ProfilePage.tsx';
import { UsersPage } from '../features/admin/UsersPage.tsx';
import { ComplexListPage } from '../features/complexes/ComplexListPage.tsx';
import { ComplexPage } from '../features/complexes/ComplexPage.tsx';
import {
  LazyEvaluationAllocationPage,
  LazyEvaluationFrameworksPage,
  LazyEvaluationIndexPage,
  LazyEvaluationScorecardsPage,
  LazyEvaluationValuesPage,
} from '../features/evaluation/EvaluationRoutes.tsx';
import {
  LazyBurdenDashboardPage,
  LazyPaymentsAgingPage,
  LazyProjectListPage,
  LazyProjectPage,
} from '../features/delivery/DeliveryRoutes.tsx';
import { ClustersPage } from '../features/mapping/ClustersPage.tsx';
import { CrosswalksPage } from '../features/mapping/CrosswalksPage.tsx';
import { DatasetsPage } from '../features/mapping/DatasetsPage.tsx';
import { MappingPage } from '../features/mapping/MappingPage.tsx';
import { MappingAnalysisPage } from '../features/mapping/MappingAnalysisPage.tsx';
import {
  LazyActivityLogPage,
  LazyNetworkDashboardPage,
  LazyNetworkExplorerPage,
} from '../features/network/NetworkRoutes.tsx';
import { SelectionPage } from '../features/mapping/SelectionPage.tsx';
import { StrategicIndustriesPage } from '../features/mapping/StrategicIndustriesPage.tsx';
import { OrganisationDirectoryPage } from '../features/organisations/OrganisationDirectoryPage.tsx';
import { OrganisationPage } from '../features/organisations/OrganisationPage.tsx';
import { CallOverlapsPage } from '../features/overlap/CallOverlapsPage.tsx';
import { OverlapsIndexPage } from '../features/overlap/OverlapsIndexPage.tsx';
import { ProposalOverlapsPage } from '../features/overlap/ProposalOverlapsPage.tsx';
import { OverviewPage } from '../features/overview/OverviewPage.tsx';
import { RegistryEditPage } from '../features/registry/RegistryEditPage.tsx';
import { RegistryIndexPage } from '../features/registry/RegistryIndexPage.tsx';
import { RegistryListPage } from '../features/registry/RegistryListPage.tsx';
import { AssignmentPage } from '../features/review/AssignmentPage.tsx';
import { CommitteePage } from '../features/review/CommitteePage.tsx';
import { EvaluatorPoolPage } from '../features/review/EvaluatorPoolPage.tsx';
import { ReviewHomePage } from '../features/review/ReviewHomePage.tsx';
import { ScoringPage } from '../features/review/ScoringPage.tsx';
import { loginPath, useAuth } from './AuthProvider.tsx';
import { useI18n } from './I18nProvider.tsx';

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1>{t('common.notFound')}</h1>
      <Link to="/">{t('nav.overview')}</Link>
    </div>
  );
}

function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <div className="page">
      <h1 data-testid="forbidden">{t('auth.forbidden')}</h1>
      <p className="muted">{t('auth.forbiddenHint')}</p>
      <Link to="/">{t('nav.overview')}</Link>
    </div>
  );
}

/**
 * Signed-out visitors go to the sign-in page (keeping the page they asked for), except on the
 * overview when a programme publishes its aggregates; a one-time password must be replaced first.
 */
function SignedIn({ allowPublicOverview = false }: { allowPublicOverview?: boolean }) {
  const auth = useAuth();
  const location = useLocation();
  const user = auth.me.user;
  if (!user) {
    if (allowPublicOverview && auth.me.publicAggregates) return <Outlet />;
    return <Navigate to={loginPath(location)} replace />;
  }
  if (user.mustChangePassword) {
    const next = location.pathname + location.search;
    return <Navigate to={`/change-password?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Shows a page only with the capability; the server would answer 403 anyway. */
function Needs({ resource, children }: { resource: string; children: ReactNode }) {
  const auth = useAuth();
  return auth.can(resource, 'read') ? <>{children}</> : <ForbiddenPage />;
}

function PasswordChange() {
  const auth = useAuth();
  const location = useLocation();
  if (!auth.me.user) return <Navigate to={loginPath(location)} replace />;
  return <ChangePasswordPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/change-password" element={<PasswordChange />} />
      <Route element={<SignedIn allowPublicOverview />}>
        <Route path="/" element={<OverviewPage />} />
      </Route>
      <Route element={<SignedIn />}>
        <Route path="/profile" element={<ProfilePage />} />
        <Route
          path="/admin/users"
          element={
            <Needs resource="users">
              <UsersPage />
            </Needs>
          }
        />
        <Route
          path="/audit"
          element={
            <Needs resource="audit">
              <AuditPage />
            </Needs>
          }
        />
        <Route
          path="/mapping"
          element={
            <Needs resource="mapping">
              <MappingPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/selection"
          element={
            <Needs resource="mapping">
              <SelectionPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/analysis"
          element={
            <Needs resource="mapping">
              <MappingAnalysisPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/datasets"
          element={
            <Needs resource="mapping">
              <DatasetsPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/clusters"
          element={
            <Needs resource="mapping">
              <ClustersPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/crosswalks"
          element={
            <Needs resource="mapping">
              <CrosswalksPage />
            </Needs>
          }
        />
        <Route
          path="/mapping/strategic-industries"
          element={
            <Needs resource="mapping">
              <StrategicIndustriesPage />
            </Needs>
          }
        />
        <Route path="/network" element={<Navigate to="/network/explorer" replace />} />
        <Route
          path="/network/activities"
          element={
            <Needs resource="activities">
              <LazyActivityLogPage />
            </Needs>
          }
        />
        <Route
          path="/network/explorer"
          element={
            <Needs resource="networks">
              <LazyNetworkExplorerPage />
            </Needs>
          }
        />
        <Route
          path="/network/dashboard"
          element={
            <Needs resource="networks">
              <LazyNetworkDashboardPage />
            </Needs>
          }
        />
        {/* Project intake: demands and ideas, calls, proposals and the pipeline board. */}
        <Route path="/intake" element={<IntakeHome />} />
        {(
          [
            ['/intake/demands', 'demands', <DemandsPage key="demands" />],
            ['/intake/calls', 'calls', <CallsPage key="calls" />],
            ['/intake/calls/:callId/pipeline', 'proposals', <PipelinePage key="pipeline" />],
            ['/intake/proposals', 'proposals', <ProposalsPage key="proposals" />],
            ['/intake/proposals/:id', 'proposals', <ProposalPage key="proposal" />],
          ] as const
        ).map(([path, resource, element]) => (
          <Route key={path} path={path} element={<Needs resource={resource}>{element}</Needs>} />
        ))}
        {/* Proposal review: evaluators' queue and scoring, officers' assignment and committee. */}
        {(
          [
            ['/review', <ReviewHomePage key="home" />],
            ['/review/assignments/:assignmentId', <ScoringPage key="scoring" />],
            ['/review/calls/:callId/assignments', <AssignmentPage key="assign" />],
            ['/review/calls/:callId/committee', <CommitteePage key="committee" />],
            ['/review/pool', <EvaluatorPoolPage key="pool" />],
          ] as const
        ).map(([path, element]) => (
          <Route key={path} path={path} element={<Needs resource="reviews">{element}</Needs>} />
        ))}
        <Route path="/evaluation" element={<Navigate to="/evaluation/index" replace />} />
        <Route
          path="/evaluation/index"
          element={
            <Needs resource="evaluations">
              <LazyEvaluationIndexPage />
            </Needs>
          }
        />
        <Route
          path="/evaluation/allocation"
          element={
            <Needs resource="evaluations">
              <LazyEvaluationAllocationPage />
            </Needs>
          }
        />
        <Route
          path="/evaluation/scorecards"
          element={
            <Needs resource="evaluations">
              <LazyEvaluationScorecardsPage />
            </Needs>
          }
        />
        <Route
          path="/evaluation/values"
          element={
            <Needs resource="evaluations">
              <LazyEvaluationValuesPage />
            </Needs>
          }
        />
        <Route
          path="/evaluation/frameworks"
          element={
            <Needs resource="evaluations">
              <LazyEvaluationFrameworksPage />
            </Needs>
          }
        />
        {/* Project delivery: agreements, money, reports, outcomes, burden. */}
        <Route
          path="/projects"
          element={
            <Needs resource="projects">
              <LazyProjectListPage />
            </Needs>
          }
        />
        <Route
          path="/projects/aging"
          element={
            <Needs resource="projects">
              <LazyPaymentsAgingPage />
            </Needs>
          }
        />
        <Route
          path="/projects/burden"
          element={
            <Needs resource="projects">
              <LazyBurdenDashboardPage />
            </Needs>
          }
        />
        <Route
          path="/projects/:id"
          element={
            <Needs resource="projects">
              <LazyProjectPage />
            </Needs>
          }
        />
        {/* Overlap checks of calls' proposals across programmes, shown before selection. */}
        <Route
          path="/overlaps"
          element={
            <Needs resource="calls">
              <OverlapsIndexPage />
            </Needs>
          }
        />
        <Route
          path="/calls/:id/overlaps"
          element={
            <Needs resource="calls">
              <CallOverlapsPage />
            </Needs>
          }
        />
        <Route
          path="/proposals/:id/overlaps"
          element={
            <Needs resource="proposals">
              <ProposalOverlapsPage />
            </Needs>
          }
        />
        <Route path="/complexes" element={<ComplexListPage />} />
        <Route path="/complexes/:id" element={<ComplexPage />} />
        <Route path="/organisations" element={<OrganisationDirectoryPage />} />
        <Route path="/organisations/new" element={<OrganisationPage />} />
        <Route path="/organisations/:id" element={<OrganisationPage />} />
        <Route path="/registry" element={<RegistryIndexPage />} />
        <Route path="/registry/:key" element={<RegistryListPage />} />
        <Route path="/registry/:key/new" element={<RegistryEditPage />} />
        <Route path="/registry/:key/:id" element={<RegistryEditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
