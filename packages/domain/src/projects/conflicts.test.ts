import { describe, expect, it } from 'vitest';
import {
  detectAllConflicts,
  detectConflicts,
  type ConflictOrganisation,
  type ConflictRegistry,
} from './conflicts.ts';

const orgs: ConflictOrganisation[] = [
  { id: 'a', name: 'Alpha Motors', miniClusterIds: ['mc1'], industryCodes: ['C30'] },
  { id: 'b', name: 'Beta Parts', miniClusterIds: ['mc1'], industryCodes: ['C30', 'C29'] },
  { id: 'c', name: 'Gamma Univ', miniClusterIds: ['mc1'], industryCodes: [] },
  { id: 'd', name: 'Delta Steel', miniClusterIds: ['mc2'], industryCodes: ['C24'] },
  { id: 'e', name: 'Epsilon Lab', miniClusterIds: ['mc2'], industryCodes: ['C30'] },
];

const empty: ConflictRegistry = {
  organisations: new Map(orgs.map((o) => [o.id, o])),
  businessRelations: [],
  collaborations: [],
  personalTies: [],
  declarations: [],
};
const asOf = { asOf: '2026-06-30' };

describe('detectConflicts', () => {
  it('same organisation', () => {
    const out = detectConflicts(
      { id: 'ev', organisationIds: ['c'] },
      { id: 'p', organisationIds: ['a', 'c'] },
      empty,
      asOf,
    );
    expect(out).toEqual([
      {
        type: 'same_organisation',
        evaluatorId: 'ev',
        proposalId: 'p',
        organisationId: 'c',
        reason: 'evaluator works for Gamma Univ',
      },
    ]);
  });

  it('business relation in either direction', () => {
    const registry = {
      ...empty,
      businessRelations: [{ fromId: 'a', toId: 'd', kind: 'customer' as const }],
    };
    const forward = detectConflicts(
      { id: 'ev', organisationIds: ['a'] },
      { id: 'p', organisationIds: ['d'] },
      registry,
      asOf,
    );
    const backward = detectConflicts(
      { id: 'ev', organisationIds: ['d'] },
      { id: 'p', organisationIds: ['a'] },
      registry,
      asOf,
    );
    expect(forward.map((c) => c.reason)).toEqual(['Alpha Motors is customer of Delta Steel']);
    expect(backward.map((c) => [c.type, c.organisationId])).toEqual([['business_relation', 'a']]);
  });

  it('same mini-cluster competitor needs both the mini-cluster and the industry', () => {
    const competitor = detectConflicts(
      { id: 'ev', organisationIds: ['a'] },
      { id: 'p', organisationIds: ['b'] },
      empty,
      asOf,
    );
    expect(competitor.map((c) => c.reason)).toEqual([
      'Alpha Motors and Beta Parts are both in mini-cluster mc1 and industry C30',
    ]);
    // Same industry, other mini-cluster; same mini-cluster, no shared industry: no conflict.
    expect(
      detectConflicts(
        { id: 'ev', organisationIds: ['a'] },
        { id: 'p', organisationIds: ['e', 'c'] },
        empty,
        asOf,
      ),
    ).toEqual([]);
  });

  it('recent collaboration counts only inside the window', () => {
    const registry: ConflictRegistry = {
      ...empty,
      collaborations: [
        { organisationIds: ['d'], evaluatorIds: ['ev'], date: '2023-07-01', kind: 'joint project' },
        { organisationIds: ['d'], evaluatorIds: ['ev'], date: '2023-06-29', kind: 'patent' },
        {
          organisationIds: ['c', 'e'],
          evaluatorIds: [],
          date: '2025-01-10',
          kind: 'co-publication',
        },
        { organisationIds: ['c', 'e'], evaluatorIds: [], date: '2026-07-01', kind: 'future' },
      ],
    };
    const out = detectConflicts(
      { id: 'ev', organisationIds: ['c'] },
      { id: 'p', organisationIds: ['d', 'e'] },
      registry,
      asOf,
    );
    // The window starts 2023-06-30: the 2023-06-29 patent and the future tie do not count.
    expect(out.map((c) => c.reason)).toEqual([
      'evaluator collaborated with Delta Steel (joint project, 2023-07-01, within 3 years)',
      "evaluator's organisation collaborated with Epsilon Lab (co-publication, 2025-01-10, within 3 years)",
    ]);
    const narrow = detectConflicts(
      { id: 'ev', organisationIds: ['c'] },
      { id: 'p', organisationIds: ['d', 'e'] },
      registry,
      {
        asOf: '2026-06-30',
        collaborationYears: 2,
      },
    );
    expect(narrow.map((c) => c.organisationId)).toEqual(['e']);
  });

  it('personal and declared conflicts', () => {
    const registry: ConflictRegistry = {
      ...empty,
      personalTies: [{ evaluatorId: 'ev', organisationId: 'd', description: 'sibling is CEO' }],
      declarations: [
        { evaluatorId: 'ev', proposalId: 'p', reason: 'advised the applicant' },
        { evaluatorId: 'ev', organisationId: 'a', reason: 'former employer' },
        { evaluatorId: 'other', proposalId: 'p', reason: 'not mine' },
      ],
    };
    const out = detectConflicts(
      { id: 'ev', organisationIds: [] },
      { id: 'p', organisationIds: ['a', 'd'] },
      registry,
      asOf,
    );
    expect(out.map((c) => [c.type, c.reason])).toEqual([
      ['personal', 'personal tie to Delta Steel: sibling is CEO'],
      ['declared', 'declared: advised the applicant'],
      ['declared', 'declared for Alpha Motors: former employer'],
    ]);
  });

  it('lists conflicted index pairs for the assignment', () => {
    const { pairs } = detectAllConflicts(
      [
        { id: 'x', organisationIds: ['a'] },
        { id: 'y', organisationIds: ['d'] },
      ],
      [
        { id: 'p0', organisationIds: ['b'] },
        { id: 'p1', organisationIds: ['d'] },
        { id: 'p2', organisationIds: ['c'] },
      ],
      empty,
      asOf,
    );
    expect(pairs).toEqual([
      { proposal: 0, evaluator: 0 },
      { proposal: 1, evaluator: 1 },
    ]);
  });
});
