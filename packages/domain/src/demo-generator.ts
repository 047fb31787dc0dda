import type { OrganisationKind, ParticipantCategory } from './participants.ts';
import { participantCategories } from './participants.ts';
import { pick, randomInt, type RandomSource } from './random.ts';

/** One complex's published participant counts, e.g. a row of OECD 2007 Table 14.6. */
export interface PublishedParticipants {
  complex: string;
  focus: string;
  counts: Record<ParticipantCategory, number>;
}

export interface DemoOrganisation {
  complex: string;
  name: string;
  kind: OrganisationKind;
  sizeClass: 'sme' | 'mid_sized' | 'large' | null;
  employees: number;
}

export interface DemoMiniCluster {
  complex: string;
  name: string;
  field: string;
  started: string;
}

export interface DemoMembership {
  organisation: string;
  miniCluster: string;
  complex: string;
  role: 'member' | 'lead' | 'coordinator' | 'advisor';
  joined: string;
}

export interface DemoSeat {
  complex: string;
  person: string;
  role: string;
  team: string;
}

export interface DemoProgrammeData {
  organisations: DemoOrganisation[];
  miniClusters: DemoMiniCluster[];
  memberships: DemoMembership[];
  taskForceSeats: DemoSeat[];
}

const categoryKind: Record<ParticipantCategory, OrganisationKind> = {
  companies: 'company',
  universities: 'university',
  researchInstitutes: 'research_institute',
  supportInstitutions: 'support_institution',
};

const categoryNoun: Record<ParticipantCategory, string> = {
  companies: 'Company',
  universities: 'University',
  researchInstitutes: 'Research Institute',
  supportInstitutions: 'Support Centre',
};

/**
 * Task-force teams named by OECD (2007), Korea chapter: head, planning and evaluation,
 * industry-university co-operation, technology support, management, enterprise support.
 */
export const taskForceTeams = [
  'Head',
  'Planning and evaluation',
  'Industry-university co-operation',
  'Technology support',
  'Management',
  'Enterprise support',
] as const;

/** Technical fields used to name generated mini-clusters, by the complex's focus. */
const fieldsByFocusWord: [RegExp, string[]][] = [
  [
    /electron|information/i,
    [
      'Displays',
      'Mobile devices',
      'Semiconductor parts',
      'Embedded software',
      'Optoelectronics',
      'Printed circuits',
      'Electronic materials',
    ],
  ],
  [
    /automo/i,
    [
      'Powertrain parts',
      'Body and chassis',
      'Car electronics',
      'Moulds and dies',
      'Lightweight materials',
      'Testing and certification',
      'Eco-friendly vehicles',
    ],
  ],
  [
    /machine|mechatron/i,
    [
      'Machine tools',
      'Industrial robots',
      'Hydraulics',
      'Precision parts',
      'Control systems',
      'Heat treatment',
      'Plant equipment',
    ],
  ],
  [
    /photonic/i,
    [
      'LED lighting',
      'Optical communications',
      'Laser applications',
      'Optical sensors',
      'Display optics',
    ],
  ],
  [
    /medical/i,
    [
      'Diagnostic imaging',
      'Rehabilitation devices',
      'Dental equipment',
      'Biosignal sensors',
      'U-health',
    ],
  ],
  [/ship/i, ['Hull blocks', 'Marine engines', 'Offshore equipment', 'Ship electronics', 'Welding']],
  [
    /parts|materials/i,
    [
      'Metal forming',
      'Surface treatment',
      'Rubber and plastics',
      'Fine chemicals',
      'Casting',
      'Moulds and dies',
      'Environmental technology',
    ],
  ],
];

function fieldsFor(focus: string): string[] {
  for (const [pattern, fields] of fieldsByFocusWord) if (pattern.test(focus)) return fields;
  return ['Process innovation', 'Product design', 'Marketing', 'Quality', 'Materials'];
}

function sizeClassOf(random: RandomSource): 'sme' | 'mid_sized' | 'large' {
  const r = random();
  // The complexes are dominated by SMEs; a few mid-sized and large anchor firms.
  if (r < 0.9) return 'sme';
  if (r < 0.97) return 'mid_sized';
  return 'large';
}

function employeesFor(random: RandomSource, kind: OrganisationKind, size: string | null): number {
  if (kind !== 'company') return randomInt(random, 10, kind === 'university' ? 900 : 120);
  if (size === 'large') return randomInt(random, 300, 5000);
  if (size === 'mid_sized') return randomInt(random, 100, 299);
  return randomInt(random, 5, 99);
}

/**
 * Splits `total` into `parts` integers, each within [min, max], by a seeded random walk.
 * Used for task-force sizes: OECD (2007) reports 14-44 people per task force, 194 in all.
 */
export function splitWithinBounds(
  random: RandomSource,
  total: number,
  parts: number,
  min: number,
  max: number,
): number[] {
  if (parts <= 0 || total < parts * min || total > parts * max) {
    throw new Error(`cannot split ${total} into ${parts} parts within [${min}, ${max}]`);
  }
  const sizes = Array.from({ length: parts }, () => min);
  let left = total - parts * min;
  while (left > 0) {
    const open = sizes.map((s, i) => (s < max ? i : -1)).filter((i) => i >= 0);
    const i = pick(random, open);
    sizes[i] = (sizes[i] ?? min) + 1;
    left -= 1;
  }
  return sizes;
}

/**
 * Generates the individual organisations, mini-clusters, memberships and task-force seats
 * behind published per-complex counts, so that the registry reproduces the counts exactly.
 * Every name starts with "Demo" so nobody mistakes a generated entry for a real one.
 *
 * @param published rows of OECD (2007) Table 14.6 (or any table of the same shape)
 * @param options.miniClusterStart date the generated mini-clusters start (43 started by July 2005)
 * @param options.taskForceTotal people across all task forces (194 in OECD 2007)
 */
export function generateDemoProgramme(
  published: readonly PublishedParticipants[],
  random: RandomSource,
  options: { miniClusterStart: string; membershipJoined: string; taskForceTotal: number },
): DemoProgrammeData {
  const organisations: DemoOrganisation[] = [];
  const miniClusters: DemoMiniCluster[] = [];
  const memberships: DemoMembership[] = [];
  const taskForceSeats: DemoSeat[] = [];

  for (const row of published) {
    const fields = fieldsFor(row.focus);
    const clusterCount = Math.min(fields.length, randomInt(random, 5, 7));
    const clusters: DemoMiniCluster[] = fields.slice(0, clusterCount).map((field, i) => ({
      complex: row.complex,
      name: `Demo ${row.complex} MC${i + 1} ${field}`,
      field,
      started: options.miniClusterStart,
    }));
    miniClusters.push(...clusters);

    for (const category of participantCategories) {
      const kind = categoryKind[category];
      const n = row.counts[category];
      const width = String(n).length;
      for (let i = 1; i <= n; i++) {
        const sizeClass = kind === 'company' ? sizeClassOf(random) : null;
        const org: DemoOrganisation = {
          complex: row.complex,
          name: `Demo ${row.complex} ${categoryNoun[category]} ${String(i).padStart(width, '0')}`,
          kind,
          sizeClass,
          employees: employeesFor(random, kind, sizeClass),
        };
        organisations.push(org);
        const home = pick(random, clusters);
        memberships.push({
          organisation: org.name,
          miniCluster: home.name,
          complex: row.complex,
          role: 'member',
          joined: options.membershipJoined,
        });
        // Universities and institutes often serve two mini-clusters (OECD 2007, Park & Koo).
        if (kind !== 'company' && clusters.length > 1 && random() < 0.5) {
          const second = pick(
            random,
            clusters.filter((c) => c !== home),
          );
          memberships.push({
            organisation: org.name,
            miniCluster: second.name,
            complex: row.complex,
            role: 'advisor',
            joined: options.membershipJoined,
          });
        }
      }
    }
    // The first company of each mini-cluster leads it; a support centre coordinates it.
    for (const cluster of clusters) {
      const members = memberships.filter((m) => m.miniCluster === cluster.name);
      const lead = members.find((m) => m.organisation.includes(' Company '));
      if (lead) lead.role = 'lead';
      const coordinator = members.find((m) => m.organisation.includes(' Support Centre '));
      if (coordinator) coordinator.role = 'coordinator';
    }
  }

  const sizes = splitWithinBounds(random, options.taskForceTotal, published.length, 14, 44);
  published.forEach((row, i) => {
    const size = sizes[i] ?? 14;
    for (let p = 1; p <= size; p++) {
      const team = taskForceTeams[p === 1 ? 0 : 1 + ((p - 2) % (taskForceTeams.length - 1))];
      taskForceSeats.push({
        complex: row.complex,
        person: `Demo ${row.complex} task-force member ${String(p).padStart(2, '0')}`,
        role:
          p === 1
            ? 'Head'
            : team === 'Planning and evaluation' && p === 2
              ? 'Team leader'
              : 'Staff',
        team: team ?? 'Management',
      });
    }
  });

  return { organisations, miniClusters, memberships, taskForceSeats };
}
