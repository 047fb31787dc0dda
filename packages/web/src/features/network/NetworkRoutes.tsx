import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../../components/QueryState.tsx';

// The networking pages load on demand so sigma.js, graphology and ForceAtlas2 stay out of the
// bundle every other page downloads.
const ActivityLogPage = lazy(() =>
  import('./ActivityLogPage.tsx').then((m) => ({ default: m.ActivityLogPage })),
);
const NetworkExplorerPage = lazy(() =>
  import('./NetworkExplorerPage.tsx').then((m) => ({ default: m.NetworkExplorerPage })),
);
const NetworkDashboardPage = lazy(() =>
  import('./NetworkDashboardPage.tsx').then((m) => ({ default: m.NetworkDashboardPage })),
);

function Deferred({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

/** The activity log, loaded on demand. */
export function LazyActivityLogPage() {
  return (
    <Deferred>
      <ActivityLogPage />
    </Deferred>
  );
}

/** The network explorer (sigma.js), loaded on demand. */
export function LazyNetworkExplorerPage() {
  return (
    <Deferred>
      <NetworkExplorerPage />
    </Deferred>
  );
}

/** The measures dashboard, loaded on demand. */
export function LazyNetworkDashboardPage() {
  return (
    <Deferred>
      <NetworkDashboardPage />
    </Deferred>
  );
}
