import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../../components/QueryState.tsx';

// The delivery pages load on demand so the rest of the app does not download them.
const ProjectListPage = lazy(() =>
  import('./ProjectListPage.tsx').then((m) => ({ default: m.ProjectListPage })),
);
const ProjectPage = lazy(() =>
  import('./ProjectPage.tsx').then((m) => ({ default: m.ProjectPage })),
);
const PaymentsAgingPage = lazy(() =>
  import('./PaymentsAgingPage.tsx').then((m) => ({ default: m.PaymentsAgingPage })),
);
const BurdenDashboardPage = lazy(() =>
  import('./BurdenDashboardPage.tsx').then((m) => ({ default: m.BurdenDashboardPage })),
);

function Deferred({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The projects list, loaded on demand. */
export function LazyProjectListPage() {
  return (
    <Deferred>
      <ProjectListPage />
    </Deferred>
  );
}

/** One project's page, loaded on demand. */
export function LazyProjectPage() {
  return (
    <Deferred>
      <ProjectPage />
    </Deferred>
  );
}

/** The payments aging view, loaded on demand. */
export function LazyPaymentsAgingPage() {
  return (
    <Deferred>
      <PaymentsAgingPage />
    </Deferred>
  );
}

/** The burden dashboard (ECharts), loaded on demand. */
export function LazyBurdenDashboardPage() {
  return (
    <Deferred>
      <BurdenDashboardPage />
    </Deferred>
  );
}
