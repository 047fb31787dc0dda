import { createSeededRandom, detectAllConflicts, randomInt } from '@innocluster/domain';
import { describe, expect, it } from 'vitest';
import { runTsWorker } from '../network/network-worker-host.ts';
import {
  pairCost,
  planAssignment,
  planConflicts,
  textWords,
  type PlanInput,
  type PlanOutcome,
} from './assignment-plan.ts';

/** A random call: organisations in mini-clusters, relations, collaborations and declarations. */
function randomInput(proposals: number, evaluators: number, seed: number): PlanInput {
  const random = createSeededRandom(seed);
  const orgs = Array.from({ length: 60 }, (_, i) => ({
    id: i + 1,
    name: `Org ${i + 1}`,
    miniClusterIds: [randomInt(random, 1, 6)],
    industryCodes: [`C${randomInt(random, 20, 29)}`],
  }));
  const words = ['gear', 'sensor', 'battery', 'laser', 'casting', 'robot', 'coating', 'mould'];
  const pick = () => words[randomInt(random, 0, words.length - 1)] as string;
  return {
    evaluators: Array.from({ length: evaluators }, (_, i) => ({
      id: 1000 + i,
      name: `E${i}`,
      organisationIds: random() < 0.7 ? [randomInt(random, 1, 60)] : [],
      expertise: [pick(), pick()],
      minLoad: 0,
      maxLoad: Math.ceil((proposals * 2) / evaluators) + 2,
    })),
    proposals: Array.from({ length: proposals }, (_, i) => ({
      id: 5000 + i,
      title: `P${i}`,
      organisationIds: [randomInt(random, 1, 60), randomInt(random, 1, 60)],
      text: `${pick()} ${pick()} ${pick()}`,
    })),
    registry: {
      organisations: orgs,
      businessRelations: Array.from({ length: 30 }, () => ({
        fromId: randomInt(random, 1, 30),
        toId: randomInt(random, 31, 60),
        kind: 'supplier' as const,
      })),
      collaborations: Array.from({ length: 40 }, () => ({
        organisationIds: [randomInt(random, 1, 60), randomInt(random, 1, 60)],
        date: `202${randomInt(random, 2, 6)}-06-01`,
        kind: 'joint_rd',
      })),
      personalTies: [{ evaluatorId: 1000, organisationId: 7, description: 'sibling' }],
      declarations: [
        { evaluatorId: 1001, proposalId: 5000, organisationId: null, reason: 'asked' },
      ],
    },
    asOf: '2026-11-30',
    collaborationYears: 3,
    reviewsPerProposal: 2,
    fixed: [],
    forbidden: [],
  };
}

describe('assignment planning', () => {
  it('matches words as the expertise cost describes', () => {
    expect(textWords('Gear-box and the SENSOR 센서 of a PLC')).toEqual([
      'gear',
      'box',
      'sensor',
      '센서',
      'plc',
    ]);
    expect(pairCost(['gear'], 'Gear')).toBe(0);
    expect(pairCost(['gear'], 'Gear sensor')).toBeCloseTo(1 - 1 / Math.SQRT2, 12);
    expect(pairCost(['laser'], 'Gear sensor')).toBe(1);
  });

  it('finds the same conflicts as the domain over the whole registry', () => {
    const input = randomInput(40, 15, 7);
    const mine = planConflicts(input);
    const str = (ids: number[]) => ids.map(String);
    const domain = detectAllConflicts(
      input.evaluators.map((e) => ({ id: String(e.id), organisationIds: str(e.organisationIds) })),
      input.proposals.map((p) => ({ id: String(p.id), organisationIds: str(p.organisationIds) })),
      {
        organisations: new Map(
          input.registry.organisations.map((o) => [
            String(o.id),
            { ...o, id: String(o.id), miniClusterIds: str(o.miniClusterIds) },
          ]),
        ),
        businessRelations: input.registry.businessRelations.map((r) => ({
          fromId: String(r.fromId),
          toId: String(r.toId),
          kind: r.kind,
        })),
        collaborations: input.registry.collaborations.map((c) => ({
          organisationIds: str(c.organisationIds),
          evaluatorIds: [],
          date: c.date,
          kind: c.kind,
        })),
        personalTies: [{ evaluatorId: '1000', organisationId: '7', description: 'sibling' }],
        declarations: [{ evaluatorId: '1001', proposalId: '5000', reason: 'asked' }],
      },
      { asOf: '2026-11-30', collaborationYears: 3 },
    );
    const key = (c: { evaluatorId: unknown; proposalId: unknown; type: string; reason: string }) =>
      `${String(c.proposalId)}|${String(c.evaluatorId)}|${c.type}|${c.reason}`;
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.map(key).sort()).toEqual(domain.conflicts.map(key).sort());
  });

  it('plans the same assignment in a worker thread as inline (the path of calls over 200 proposals)', async () => {
    const input = randomInput(220, 30, 11);
    const inline = planAssignment(input);
    const offThread = await runTsWorker<PlanOutcome>(
      new URL('./assignment.worker.ts', import.meta.url),
      input,
    );
    expect(inline.ok).toBe(true);
    expect(offThread).toEqual(inline);
    if (!inline.ok) return;
    const conflicted = new Set(inline.conflicts.map((c) => `${c.proposalId}:${c.evaluatorId}`));
    expect(inline.pairs.some((p) => conflicted.has(`${p.proposalId}:${p.evaluatorId}`))).toBe(
      false,
    );
    expect(inline.pairs).toHaveLength(440);
  }, 60_000);
});
