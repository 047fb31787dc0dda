import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoProgramme, splitWithinBounds } from './demo-generator.ts';
import { tallyParticipants } from './participants.ts';
import { createSeededRandom } from './random.ts';

// OECD (2007) Table 14.6, two rows typed in by hand from the source (seed 000).
const table = [
  {
    complex: 'Gumi',
    focus: 'Digital electronics',
    counts: { companies: 405, universities: 134, researchInstitutes: 13, supportInstitutions: 35 },
  },
  {
    complex: 'Gunsan',
    focus: 'Machinery and automobile components',
    counts: { companies: 52, universities: 9, researchInstitutes: 1, supportInstitutions: 6 },
  },
];
const options = {
  miniClusterStart: '2005-06-01',
  membershipJoined: '2005-06-01',
  taskForceTotal: 50,
};

describe('generateDemoProgramme', () => {
  it('reproduces the published counts per complex and type exactly', () => {
    const demo = generateDemoProgramme(table, createSeededRandom(1), options);
    const gumi = tallyParticipants(
      demo.organisations.filter((o) => o.complex === 'Gumi').map((o) => o.kind),
    );
    expect(gumi).toEqual({
      companies: 405,
      universities: 134,
      researchInstitutes: 13,
      supportInstitutions: 35,
      total: 587,
    });
    const gunsan = tallyParticipants(
      demo.organisations.filter((o) => o.complex === 'Gunsan').map((o) => o.kind),
    );
    expect(gunsan.total).toBe(68);
  });

  it('names every generated entry as a demo entry, uniquely', () => {
    const demo = generateDemoProgramme(table, createSeededRandom(2), options);
    const names = demo.organisations.map((o) => o.name);
    expect(names.every((n) => n.startsWith('Demo '))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(demo.miniClusters.every((m) => m.name.startsWith('Demo '))).toBe(true);
  });

  it('is reproducible from its seed', () => {
    const a = generateDemoProgramme(table, createSeededRandom(7), options);
    const b = generateDemoProgramme(table, createSeededRandom(7), options);
    expect(a).toEqual(b);
  });

  it('gives every organisation a mini-cluster of its own complex and sizes only companies', () => {
    const demo = generateDemoProgramme(table, createSeededRandom(3), options);
    const clusterComplex = new Map(demo.miniClusters.map((m) => [m.name, m.complex]));
    const member = new Set(demo.memberships.map((m) => m.organisation));
    for (const o of demo.organisations) {
      expect(member.has(o.name)).toBe(true);
      expect(o.sizeClass === null).toBe(o.kind !== 'company');
    }
    for (const m of demo.memberships) expect(clusterComplex.get(m.miniCluster)).toBe(m.complex);
  });

  it('builds task forces of 14 to 44 people adding up to the total', () => {
    const demo = generateDemoProgramme(table, createSeededRandom(4), options);
    expect(demo.taskForceSeats).toHaveLength(50);
    for (const c of ['Gumi', 'Gunsan']) {
      const n = demo.taskForceSeats.filter((s) => s.complex === c).length;
      expect(n).toBeGreaterThanOrEqual(14);
      expect(n).toBeLessThanOrEqual(44);
    }
  });
});

describe('splitWithinBounds', () => {
  it('always sums to the total and respects the bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer(),
        (parts, extra, seed) => {
          const min = 14;
          const max = 44;
          const total = Math.min(parts * min + extra, parts * max);
          const sizes = splitWithinBounds(createSeededRandom(seed), total, parts, min, max);
          expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
          expect(sizes.every((s) => s >= min && s <= max)).toBe(true);
        },
      ),
    );
  });

  it('refuses an impossible split', () => {
    expect(() => splitWithinBounds(createSeededRandom(1), 10, 2, 14, 44)).toThrow(
      /cannot split 10/,
    );
  });
});
