import type { Me } from '@innocluster/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { authApi, onUnauthorized, setCsrfToken } from '../api/api-client.ts';
import { Loading, ErrorMessage } from '../components/QueryState.tsx';
import { canOnRow, type CapabilityAction } from './permissions.ts';

export interface Auth {
  me: Me;
  signedIn: boolean;
  /** Whether the user may do `action` on at least some rows of `resource`. */
  can(resource: string, action: CapabilityAction): boolean;
  /** Whether the user may do `action` on this row, as far as the browser can tell. */
  canRow(resource: string, action: CapabilityAction, row: Record<string, unknown>): boolean;
  /** Stores a fresh `me` answer (after sign-in) and reloads everything else. */
  accept(me: Me): Promise<void>;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);
export const meQueryKey = ['auth', 'me'] as const;

/** Where the sign-in page sends the user afterwards: the page asked for, else the overview. */
export function loginPath(location: { pathname: string; search: string }): string {
  const next = location.pathname + location.search;
  return next === '/' || next.startsWith('/login')
    ? '/login'
    : `/login?next=${encodeURIComponent(next)}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const meQuery = useQuery({ queryKey: meQueryKey, queryFn: authApi.me, staleTime: 60_000 });

  useEffect(() => {
    if (meQuery.data) setCsrfToken(meQuery.data.csrfToken);
  }, [meQuery.data]);

  // Any 401 (session ended) or "password change required" re-reads who we are; the route
  // guard then sends the user to the sign-in or change-password page.
  useEffect(
    () =>
      onUnauthorized(() => {
        void queryClient.invalidateQueries({ queryKey: meQueryKey });
      }),
    [queryClient],
  );

  const value = useMemo<Auth | null>(() => {
    const me = meQuery.data;
    if (!me) return null;
    const accept = async (next: Me) => {
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(meQueryKey, next);
      await queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] !== meQueryKey[0],
      });
    };
    return {
      me,
      signedIn: me.user !== null,
      can: (resource, action) => (me.capabilities[resource] ?? []).includes(action),
      canRow: (resource, action, row) => canOnRow(me, resource, action, row),
      accept,
      refresh: async () => {
        await queryClient.invalidateQueries();
      },
      signOut: async () => {
        try {
          await authApi.logout();
        } finally {
          setCsrfToken(null);
          queryClient.clear();
          void navigate('/login');
        }
      },
    };
  }, [meQuery.data, queryClient, navigate]);

  if (!value) {
    if (meQuery.error)
      return (
        <div className="page">
          <ErrorMessage error={meQuery.error} onRetry={() => void meQuery.refetch()} />
        </div>
      );
    return <Loading />;
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const context = useContext(AuthContext);
  if (!context) throw new Error('useAuth needs an AuthProvider');
  return context;
}
