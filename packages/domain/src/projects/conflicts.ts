import { dayNumber } from '../network/network-demo.ts';

/**
 * Conflicts of interest between an evaluator and a proposal, typed as in the issue (same
 * organisation, business relation, same mini-cluster competitor, recent collaboration,
 * personal, declared) after the typed conflicts of conference review systems such as HotCRP
 * (institutional, collaborator, advisor, personal) and the Korean R&D evaluators' exclusion
 * rules (same institution, joint research within recent years, interested parties). Every
 * fact comes from the registry and is passed in; nothing is looked up here.
 */
export type ConflictType =
  | 'same_organisation'
  | 'business_relation'
  | 'same_mini_cluster_competitor'
  | 'recent_collaboration'
  | 'personal'
  | 'declared';

export type BusinessRelationKind = 'supplier' | 'customer' | 'shareholder';

/** An evaluator as the conflict rules see them. */
export interface ConflictEvaluator {
  readonly id: string;
  /** Organisations the evaluator works for or has worked for within the window. */
  readonly organisationIds: readonly string[];
}

/** A proposal's lead and partner organisations. */
export interface ConflictProposal {
  readonly id: string;
  readonly organisationIds: readonly string[];
}

/** Registry facts about an organisation. */
export interface ConflictOrganisation {
  readonly id: string;
  readonly name: string;
  readonly miniClusterIds: readonly string[];
  /** Industry codes (e.g. KSIC) of what the organisation makes or sells. */
  readonly industryCodes: readonly string[];
}

/** `fromId` is supplier / customer / shareholder of `toId`; treated as symmetric. */
export interface BusinessRelation {
  readonly fromId: string;
  readonly toId: string;
  readonly kind: BusinessRelationKind;
}

/** A collaboration (joint project, co-publication, patent) between parties on a date. */
export interface CollaborationTie {
  readonly organisationIds: readonly string[];
  /** Evaluators who took part in person. */
  readonly evaluatorIds: readonly string[];
  readonly date: string;
  readonly kind: string;
}

/** A personal tie (family, former advisor) of an evaluator to an organisation. */
export interface PersonalTie {
  readonly evaluatorId: string;
  readonly organisationId: string;
  readonly description: string;
}

/** A conflict an evaluator declared, for one proposal or for every proposal of an organisation. */
export interface DeclaredConflict {
  readonly evaluatorId: string;
  readonly proposalId?: string;
  readonly organisationId?: string;
  readonly reason: string;
}

export interface ConflictRegistry {
  readonly organisations: ReadonlyMap<string, ConflictOrganisation>;
  readonly businessRelations: readonly BusinessRelation[];
  readonly collaborations: readonly CollaborationTie[];
  readonly personalTies: readonly PersonalTie[];
  readonly declarations: readonly DeclaredConflict[];
}

export interface ConflictOptions {
  /** 'YYYY-MM-DD' against which "recent" is measured. */
  readonly asOf: string;
  /** Collaborations within this many years before `asOf` count (default 3). */
  readonly collaborationYears?: number;
}

/** One detected conflict, with the organisation concerned and a reason to show an officer. */
export interface Conflict {
  readonly type: ConflictType;
  readonly evaluatorId: string;
  readonly proposalId: string;
  readonly organisationId: string | null;
  readonly reason: string;
}

function nameOf(registry: ConflictRegistry, id: string): string {
  return registry.organisations.get(id)?.name ?? id;
}

/**
 * Every conflict between one evaluator and one proposal, in the order of the types above and
 * then of the proposal's organisations. Rules: same organisation — the evaluator works for a
 * proposal organisation; business relation — any supplier / customer / shareholder relation
 * between an evaluator organisation and a proposal organisation, either direction; same
 * mini-cluster competitor — distinct organisations sharing a mini-cluster and an industry code;
 * recent collaboration — a tie dated within `collaborationYears` years up to `asOf` joining the
 * evaluator (in person or through an organisation) with a proposal organisation; personal and
 * declared — as recorded.
 */
export function detectConflicts(
  evaluator: ConflictEvaluator,
  proposal: ConflictProposal,
  registry: ConflictRegistry,
  options: ConflictOptions,
): Conflict[] {
  const out: Conflict[] = [];
  const add = (type: ConflictType, organisationId: string | null, reason: string): void => {
    out.push({ type, evaluatorId: evaluator.id, proposalId: proposal.id, organisationId, reason });
  };
  const mine = new Set(evaluator.organisationIds);
  const theirs = [...new Set(proposal.organisationIds)];

  for (const org of theirs) {
    if (mine.has(org))
      add('same_organisation', org, `evaluator works for ${nameOf(registry, org)}`);
  }

  for (const org of theirs) {
    for (const rel of registry.businessRelations) {
      const own =
        rel.toId === org && mine.has(rel.fromId)
          ? rel.fromId
          : rel.fromId === org && mine.has(rel.toId)
            ? rel.toId
            : null;
      if (own === null || own === org) continue;
      add(
        'business_relation',
        org,
        `${nameOf(registry, rel.fromId)} is ${rel.kind} of ${nameOf(registry, rel.toId)}`,
      );
    }
  }

  for (const org of theirs) {
    const target = registry.organisations.get(org);
    if (target === undefined) continue;
    for (const ownId of mine) {
      if (ownId === org) continue;
      const own = registry.organisations.get(ownId);
      if (own === undefined) continue;
      const cluster = own.miniClusterIds.find((c) => target.miniClusterIds.includes(c));
      const industry = own.industryCodes.find((c) => target.industryCodes.includes(c));
      if (cluster !== undefined && industry !== undefined) {
        add(
          'same_mini_cluster_competitor',
          org,
          `${own.name} and ${target.name} are both in mini-cluster ${cluster} and industry ${industry}`,
        );
      }
    }
  }

  const years = options.collaborationYears ?? 3;
  const asOf = dayNumber(options.asOf);
  const [y, m, d] = options.asOf.split('-');
  const windowStart = dayNumber(
    `${String(Number(y) - years).padStart(4, '0')}-${m}-${d === '29' && m === '02' ? '28' : d}`,
  );
  for (const org of theirs) {
    const latest = new Map<string, string>();
    for (const tie of registry.collaborations) {
      if (!tie.organisationIds.includes(org)) continue;
      const day = dayNumber(tie.date);
      if (day < windowStart || day > asOf) continue;
      const viaPerson = tie.evaluatorIds.includes(evaluator.id);
      const viaOrg = tie.organisationIds.some((o) => o !== org && mine.has(o));
      if (!viaPerson && !viaOrg) continue;
      const key = `${tie.kind}|${viaPerson ? 'person' : 'organisation'}`;
      const seen = latest.get(key);
      if (seen === undefined || seen < tie.date) latest.set(key, tie.date);
    }
    for (const [key, date] of [...latest].sort()) {
      const [kind, via] = key.split('|');
      add(
        'recent_collaboration',
        org,
        `${via === 'person' ? 'evaluator' : "evaluator's organisation"} collaborated with ${nameOf(registry, org)} (${kind}, ${date}, within ${years} years)`,
      );
    }
  }

  for (const tie of registry.personalTies) {
    if (tie.evaluatorId === evaluator.id && theirs.includes(tie.organisationId)) {
      add(
        'personal',
        tie.organisationId,
        `personal tie to ${nameOf(registry, tie.organisationId)}: ${tie.description}`,
      );
    }
  }

  for (const dec of registry.declarations) {
    if (dec.evaluatorId !== evaluator.id) continue;
    if (dec.proposalId === proposal.id) add('declared', null, `declared: ${dec.reason}`);
    else if (
      dec.proposalId === undefined &&
      dec.organisationId !== undefined &&
      theirs.includes(dec.organisationId)
    ) {
      add(
        'declared',
        dec.organisationId,
        `declared for ${nameOf(registry, dec.organisationId)}: ${dec.reason}`,
      );
    }
  }
  return out;
}

/**
 * Conflicts for every evaluator × proposal pair, as a list of conflicted index pairs ready for
 * `assignReviewers` plus the conflicts themselves.
 */
export function detectAllConflicts(
  evaluators: readonly ConflictEvaluator[],
  proposals: readonly ConflictProposal[],
  registry: ConflictRegistry,
  options: ConflictOptions,
): { pairs: { proposal: number; evaluator: number }[]; conflicts: Conflict[] } {
  const pairs: { proposal: number; evaluator: number }[] = [];
  const conflicts: Conflict[] = [];
  proposals.forEach((proposal, p) => {
    evaluators.forEach((evaluator, e) => {
      const found = detectConflicts(evaluator, proposal, registry, options);
      if (found.length > 0) {
        pairs.push({ proposal: p, evaluator: e });
        conflicts.push(...found);
      }
    });
  });
  return { pairs, conflicts };
}
