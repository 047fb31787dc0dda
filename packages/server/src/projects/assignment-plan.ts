import {
  assignReviewers,
  detectConflicts,
  expertiseCost,
  keywordVector,
  type AssignmentIssue,
  type BusinessRelation,
  type CollaborationTie,
  type Conflict,
  type ConflictOrganisation,
  type ConflictRegistry,
  type DeclaredConflict,
  type PersonalTie,
  type ReviewerPair,
} from '@innocluster/domain';

/**
 * The pure part of reviewer assignment, with plain (structured-clone friendly) input so it can
 * run in a worker thread for large calls: conflicts of every evaluator x proposal pair by the
 * domain rules, the expertise cost of every pair, and the domain's min-cost-flow assignment.
 */

export interface PlanEvaluator {
  id: number;
  name: string;
  organisationIds: number[];
  expertise: string[];
  minLoad: number;
  maxLoad: number;
}

export interface PlanProposal {
  id: number;
  title: string;
  organisationIds: number[];
  /** Title, abstract and field text the expertise is matched against. */
  text: string;
}

export interface PlanRegistry {
  organisations: { id: number; name: string; miniClusterIds: number[]; industryCodes: string[] }[];
  businessRelations: {
    fromId: number;
    toId: number;
    kind: 'supplier' | 'customer' | 'shareholder';
  }[];
  collaborations: { organisationIds: number[]; date: string; kind: string }[];
  personalTies: { evaluatorId: number; organisationId: number; description: string }[];
  declarations: {
    evaluatorId: number;
    proposalId: number | null;
    organisationId: number | null;
    reason: string;
  }[];
}

export interface PlanInput {
  evaluators: PlanEvaluator[];
  proposals: PlanProposal[];
  registry: PlanRegistry;
  asOf: string;
  collaborationYears: number;
  reviewsPerProposal: number;
  /** Pairs kept from before (manual, or with a review started); they count in the loads. */
  fixed: { proposalId: number; evaluatorId: number }[];
  /** Pairs that must not be used (declined). */
  forbidden: { proposalId: number; evaluatorId: number }[];
}

export interface PlannedConflict {
  evaluatorId: number;
  proposalId: number;
  type: Conflict['type'];
  organisationId: number | null;
  reason: string;
}

export type PlanOutcome =
  | {
      ok: true;
      pairs: { proposalId: number; evaluatorId: number; cost: number; kept: boolean }[];
      totalCost: number;
      loads: { evaluatorId: number; load: number }[];
      conflicts: PlannedConflict[];
    }
  | { ok: false; messages: string[]; conflicts: PlannedConflict[] };

const stopWords = new Set(
  'the and for with from into that this are was were has have its our their of to in on by an as at or be is it not via using based new development system systems project'.split(
    ' ',
  ),
);

/**
 * Words of a text for expertise matching: lower case, split at anything not a letter or digit
 * (Unicode, so Korean words survive); common English words and Latin words shorter than 3
 * letters dropped. Korean words of two syllables (센서, 금형) carry meaning, so they stay.
 */
export function textWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => (/^[a-z0-9]*$/.test(w) ? w.length >= 3 : w.length >= 2))
    .filter((w) => !stopWords.has(w));
}

/**
 * Expertise cost of one pair: 1 − cosine similarity of the evaluator's keyword words and the
 * proposal's words (domain `expertiseCost`, Salton & McGill 1983); 1 when nothing is shared.
 */
export function pairCost(expertise: readonly string[], proposalText: string): number {
  return expertiseCost(
    keywordVector(expertise.flatMap(textWords)),
    keywordVector([...new Set(textWords(proposalText))]),
  );
}

function stringRegistry(reg: PlanRegistry): {
  registry: ConflictRegistry;
  relationsByOrg: Map<string, BusinessRelation[]>;
  tiesByOrg: Map<string, CollaborationTie[]>;
} {
  const organisations = new Map<string, ConflictOrganisation>();
  for (const o of reg.organisations) {
    organisations.set(String(o.id), {
      id: String(o.id),
      name: o.name,
      miniClusterIds: o.miniClusterIds.map(String),
      industryCodes: o.industryCodes,
    });
  }
  const relationsByOrg = new Map<string, BusinessRelation[]>();
  for (const r of reg.businessRelations) {
    const rel: BusinessRelation = { fromId: String(r.fromId), toId: String(r.toId), kind: r.kind };
    for (const org of [rel.fromId, rel.toId]) {
      const list = relationsByOrg.get(org) ?? [];
      list.push(rel);
      relationsByOrg.set(org, list);
    }
  }
  const tiesByOrg = new Map<string, CollaborationTie[]>();
  for (const c of reg.collaborations) {
    const tie: CollaborationTie = {
      organisationIds: c.organisationIds.map(String),
      evaluatorIds: [],
      date: c.date,
      kind: c.kind,
    };
    for (const org of tie.organisationIds) {
      const list = tiesByOrg.get(org) ?? [];
      list.push(tie);
      tiesByOrg.set(org, list);
    }
  }
  const personalTies: PersonalTie[] = reg.personalTies.map((t) => ({
    evaluatorId: String(t.evaluatorId),
    organisationId: String(t.organisationId),
    description: t.description,
  }));
  const declarations: DeclaredConflict[] = reg.declarations.map((d) => ({
    evaluatorId: String(d.evaluatorId),
    ...(d.proposalId !== null ? { proposalId: String(d.proposalId) } : {}),
    ...(d.organisationId !== null ? { organisationId: String(d.organisationId) } : {}),
    reason: d.reason,
  }));
  return {
    registry: {
      organisations,
      businessRelations: [],
      collaborations: [],
      personalTies,
      declarations,
    },
    relationsByOrg,
    tiesByOrg,
  };
}

/**
 * Every conflict between the evaluators and the proposals by the domain's `detectConflicts`.
 * Business relations and collaborations are first narrowed to those touching the proposal's
 * organisations, so a call of thousands of proposals does not scan the whole registry per pair.
 */
export function planConflicts(
  input: Pick<PlanInput, 'evaluators' | 'proposals' | 'registry' | 'asOf' | 'collaborationYears'>,
): PlannedConflict[] {
  const { registry, relationsByOrg, tiesByOrg } = stringRegistry(input.registry);
  const out: PlannedConflict[] = [];
  const evaluators = input.evaluators.map((e) => ({
    id: String(e.id),
    organisationIds: e.organisationIds.map(String),
  }));
  for (const p of input.proposals) {
    const orgs = p.organisationIds.map(String);
    const relations = new Set<BusinessRelation>();
    const ties = new Set<CollaborationTie>();
    for (const o of orgs) {
      for (const r of relationsByOrg.get(o) ?? []) relations.add(r);
      for (const t of tiesByOrg.get(o) ?? []) ties.add(t);
    }
    const narrowed: ConflictRegistry = {
      ...registry,
      businessRelations: [...relations],
      collaborations: [...ties],
    };
    const proposal = { id: String(p.id), organisationIds: orgs };
    for (const e of evaluators) {
      for (const c of detectConflicts(e, proposal, narrowed, {
        asOf: input.asOf,
        collaborationYears: input.collaborationYears,
      })) {
        out.push({
          evaluatorId: Number(c.evaluatorId),
          proposalId: Number(c.proposalId),
          type: c.type,
          organisationId: c.organisationId === null ? null : Number(c.organisationId),
          reason: c.reason,
        });
      }
    }
  }
  return out;
}

function describeIssue(issue: AssignmentIssue, input: PlanInput): string {
  const p = (i: number) => {
    const proposal = input.proposals[i];
    return proposal ? `proposal ${proposal.id} "${proposal.title}"` : `proposal #${i}`;
  };
  const e = (i: number) => {
    const evaluator = input.evaluators[i];
    return evaluator ? `evaluator ${evaluator.id} (${evaluator.name})` : `evaluator #${i}`;
  };
  switch (issue.kind) {
    case 'fixed_pair_blocked':
      return `${p(issue.pair.proposal)} is kept with ${e(issue.pair.evaluator)} but that pair is blocked`;
    case 'fixed_overload':
      return issue.proposal !== undefined
        ? `${p(issue.proposal)} already has more kept reviewers than the ${input.reviewsPerProposal} needed`
        : `${e(issue.evaluator ?? -1)} already has more kept proposals than their maximum load`;
    case 'proposal_short':
      return `${p(issue.proposal)} needs ${issue.needed} more reviewers but only ${issue.available} evaluators without a conflict have capacity left`;
    case 'evaluator_short':
      return `${e(issue.evaluator)} must take ${issue.needed} more proposals (minimum load) but only ${issue.available} are free of conflicts`;
    case 'capacity':
      return `${issue.needed} reviews are needed but the evaluators' maximum loads allow only ${issue.capacity}`;
    case 'minimum_exceeds_demand':
      return `the evaluators' minimum loads add up to ${issue.minimum} reviews but only ${issue.needed} are needed; lower some minimum loads`;
    case 'proposal_group_short':
      return `proposals ${issue.proposals.map((i) => input.proposals[i]?.id ?? i).join(', ')} need ${issue.needed} reviews between them but their evaluators without conflicts can supply at most ${issue.available}`;
    case 'minimum_load_unmet':
      return `no assignment gives ${issue.evaluators.map(e).join(', ')} their minimum load`;
  }
}

/** The optimal assignment of the call (see the module comment), or why none exists. */
export function planAssignment(input: PlanInput): PlanOutcome {
  const conflicts = planConflicts(input);
  const pIndex = new Map(input.proposals.map((p, i) => [p.id, i]));
  const eIndex = new Map(input.evaluators.map((e, i) => [e.id, i]));
  const pairOf = (x: { proposalId: number; evaluatorId: number }): ReviewerPair | null => {
    const proposal = pIndex.get(x.proposalId);
    const evaluator = eIndex.get(x.evaluatorId);
    return proposal === undefined || evaluator === undefined ? null : { proposal, evaluator };
  };
  const conflicted = new Set(conflicts.map((c) => `${c.proposalId}:${c.evaluatorId}`));
  // A kept pair that has since become conflicted is dropped, never kept.
  const fixed = input.fixed.filter((f) => !conflicted.has(`${f.proposalId}:${f.evaluatorId}`));
  const m = input.evaluators.length;
  const costs = new Float64Array(input.proposals.length * m);
  input.proposals.forEach((p, pi) => {
    input.evaluators.forEach((e, ei) => {
      costs[pi * m + ei] = pairCost(e.expertise, p.text);
    });
  });
  const outcome = assignReviewers({
    proposalCount: input.proposals.length,
    evaluatorCount: m,
    reviewersPerProposal: input.reviewsPerProposal,
    maxLoad: input.evaluators.map((e) => e.maxLoad),
    minLoad: input.evaluators.map((e) => e.minLoad),
    cost: (p, e) => costs[p * m + e] as number,
    conflicts: conflicts.map(pairOf).filter((x): x is ReviewerPair => x !== null),
    forbidden: input.forbidden.map(pairOf).filter((x): x is ReviewerPair => x !== null),
    fixed: fixed.map(pairOf).filter((x): x is ReviewerPair => x !== null),
  });
  if (!outcome.ok) {
    return { ok: false, messages: outcome.issues.map((i) => describeIssue(i, input)), conflicts };
  }
  const keptSet = new Set(fixed.map((f) => `${f.proposalId}:${f.evaluatorId}`));
  const pairs = outcome.pairs.map(({ proposal, evaluator }) => {
    const proposalId = (input.proposals[proposal] as PlanProposal).id;
    const evaluatorId = (input.evaluators[evaluator] as PlanEvaluator).id;
    return {
      proposalId,
      evaluatorId,
      cost: costs[proposal * m + evaluator] as number,
      kept: keptSet.has(`${proposalId}:${evaluatorId}`),
    };
  });
  return {
    ok: true,
    pairs,
    totalCost: outcome.totalCost,
    loads: input.evaluators.map((e, i) => ({ evaluatorId: e.id, load: outcome.load[i] ?? 0 })),
    conflicts,
  };
}
