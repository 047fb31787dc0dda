import type { ScopedGrant } from '@innocluster/domain';

/** The signed-in user (or nobody) with grants expanded to the rows they reach. */
export interface Principal {
  userId: number | null;
  email: string | null;
  grants: ScopedGrant[];
  /** Ids of rows assigned to the user, by entity key (e.g. organisations: [12, 40]). */
  assigned: Record<string, number[]>;
  /** Signed in with a one-time password not yet replaced: only the account routes answer. */
  mustChangePassword?: boolean;
}

/** Who made a change and through what; recorded by the audit trail. */
export interface RequestContext {
  via: 'web' | 'api' | 'cli' | 'system';
  principal: Principal;
  address?: string | null;
}

export const anonymous: Principal = { userId: null, email: null, grants: [], assigned: {} };

const adminGrant: ScopedGrant = {
  role: 'admin',
  programmeIds: [],
  complexIds: [],
  miniClusterIds: [],
  organisationIds: [],
};

/** The application itself (demo loading, migrations): acts as an administrator. */
export const systemContext: RequestContext = {
  via: 'system',
  principal: { userId: null, email: 'system', grants: [adminGrant], assigned: {} },
};
