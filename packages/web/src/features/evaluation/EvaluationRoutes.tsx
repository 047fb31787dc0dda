import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../../components/QueryState.tsx';

// The evaluation pages load on first visit, so other pages do not carry them.
const IndexPage = lazy(() => import('./IndexPage.tsx').then((m) => ({ default: m.IndexPage })));
const AllocationPage = lazy(() =>
  import('./AllocationPage.tsx').then((m) => ({ default: m.AllocationPage })),
);
const ScorecardsPage = lazy(() =>
  import('./ScorecardsPage.tsx').then((m) => ({ default: m.ScorecardsPage })),
);
const ValuesPage = lazy(() => import('./ValuesPage.tsx').then((m) => ({ default: m.ValuesPage })));
const FrameworksPage = lazy(() =>
  import('./FrameworksPage.tsx').then((m) => ({ default: m.FrameworksPage })),
);

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export function LazyEvaluationIndexPage() {
  return (
    <Lazy>
      <IndexPage />
    </Lazy>
  );
}

export function LazyEvaluationAllocationPage() {
  return (
    <Lazy>
      <AllocationPage />
    </Lazy>
  );
}

export function LazyEvaluationScorecardsPage() {
  return (
    <Lazy>
      <ScorecardsPage />
    </Lazy>
  );
}

export function LazyEvaluationValuesPage() {
  return (
    <Lazy>
      <ValuesPage />
    </Lazy>
  );
}

export function LazyEvaluationFrameworksPage() {
  return (
    <Lazy>
      <FrameworksPage />
    </Lazy>
  );
}
