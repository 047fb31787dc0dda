import type { Db } from '../db/database.ts';

/**
 * Direct inserts for the review tests (no demo): a programme with one complex and
 * mini-cluster, organisations with industries, and calls with an instrument and proposals.
 * Calls and proposals are made here rather than through the intake API so the review tests
 * depend only on the schema.
 */
export interface ReviewRegistry {
  programmeId: number;
  complexId: number;
  miniClusterId: number;
  /** Organisation ids by short name. */
  org: Record<string, number>;
}

export async function seedReviewRegistry(
  db: Db,
  organisations: {
    key: string;
    name: string;
    kind: string;
    industry?: string;
    inMiniCluster?: boolean;
  }[],
): Promise<ReviewRegistry> {
  const programme = await db
    .insertInto('programme')
    .values({ code: 'REV-T', name: 'Review test programme', ministry: 'MOTIE' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const province = await db
    .insertInto('region')
    .values({ code: 'KR-RV', kind: 'province', name: 'Review province' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const complex = await db
    .insertInto('complex')
    .values({ name: 'Review complex', provinceId: province.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('participation')
    .values({ programmeId: programme.id, complexId: complex.id, joined: '2005-01-01' })
    .execute();
  const mini = await db
    .insertInto('miniCluster')
    .values({ complexId: complex.id, name: 'Gears', field: 'machinery' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const classification = await db
    .insertInto('industryClassification')
    .values({ code: 'KSIC-RV', vintage: '10', name: 'Review KSIC' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const industries = new Map<string, number>();
  for (const code of new Set(organisations.flatMap((o) => (o.industry ? [o.industry] : [])))) {
    const row = await db
      .insertInto('industry')
      .values({ classificationId: classification.id, code, name: `Industry ${code}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    industries.set(code, row.id);
  }
  const org: Record<string, number> = {};
  for (const o of organisations) {
    const row = await db
      .insertInto('organisation')
      .values({
        name: o.name,
        kind: o.kind,
        complexId: complex.id,
        industryId: o.industry ? (industries.get(o.industry) ?? null) : null,
        ...(o.kind === 'company' ? { sizeClass: 'sme' } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    org[o.key] = row.id;
    if (o.inMiniCluster)
      await db
        .insertInto('membership')
        .values({ organisationId: row.id, miniClusterId: mini.id, joined: '2010-01-01' })
        .execute();
  }
  return { programmeId: programme.id, complexId: complex.id, miniClusterId: mini.id, org };
}

export interface SeededCall {
  callId: number;
  instrumentId: number;
  proposals: number[];
}

/** A call with one instrument (fast track below `fastTrackBelowKrw`) and its proposals. */
export async function seedReviewCall(
  db: Db,
  registry: ReviewRegistry,
  call: {
    code: string;
    budgetKrw: number;
    reviewsPerProposal: number;
    rubric: { code: string; name: string; weight: number; maxScore: number }[];
    fastTrackBelowKrw?: number | null;
  },
  proposals: {
    title: string;
    abstract?: string;
    lead: number;
    partners?: number[];
    publicKrw: number;
    status: string;
  }[],
): Promise<SeededCall> {
  const row = await db
    .insertInto('fundingCall')
    .values({
      programmeId: registry.programmeId,
      code: call.code,
      title: `Call ${call.code}`,
      budgetKrw: call.budgetKrw,
      opensOn: '2026-01-01',
      closesOn: '2026-06-30',
      reviewsPerProposal: call.reviewsPerProposal,
      rubric: JSON.stringify(call.rubric),
      status: 'reviewing',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const instrument = await db
    .insertInto('callInstrument')
    .values({
      callId: row.id,
      code: 'joint_rd',
      name: 'Joint R&D',
      rules: JSON.stringify({
        maxGrantKrw: null,
        minTotalKrw: null,
        publicShareLimits: {},
        minFirmShare: null,
        costCategoryCaps: {},
        eligibleLeadKinds: ['company', 'university', 'research_institute'],
        eligiblePartnerKinds: ['company', 'university', 'research_institute'],
        fastTrackBelowKrw: call.fastTrackBelowKrw ?? null,
        reportingSchedule: { kind: 'final_only' },
      }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const p of proposals) {
    const proposal = await db
      .insertInto('proposal')
      .values({
        callId: row.id,
        instrumentId: instrument.id,
        complexId: registry.complexId,
        miniClusterId: registry.miniClusterId,
        leadOrganisationId: p.lead,
        title: p.title,
        abstract: p.abstract ?? null,
        startOn: '2027-01-01',
        endOn: '2027-12-31',
        status: p.status,
        version: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const partner of p.partners ?? [])
      await db
        .insertInto('proposalParty')
        .values({ proposalId: proposal.id, organisationId: partner })
        .execute();
    await db
      .insertInto('proposalBudgetLine')
      .values([
        {
          proposalId: proposal.id,
          category: 'personnel',
          funder: 'public',
          amountKrw: p.publicKrw,
        },
        {
          proposalId: proposal.id,
          category: 'materials',
          funder: 'firm',
          amountKrw: Math.round(p.publicKrw / 3),
        },
      ])
      .execute();
    ids.push(proposal.id);
  }
  return { callId: row.id, instrumentId: instrument.id, proposals: ids };
}

/** A person in the registry, optionally working for an organisation. */
export async function seedPerson(
  db: Db,
  name: string,
  organisationId: number | null = null,
): Promise<number> {
  return (
    await db
      .insertInto('person')
      .values({ name, organisationId })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
