import type { OverlapResponse } from '@innocluster/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A hand-computed pair. Three submitted proposals (and a draft that stays out of the corpus):
 *   P1 "ab cd" (programme X, call A, lead O1), P2 "ab ef" (programme Y, call B, lead O2,
 *   partner O1, funded), P3 "gh ij" (programme Y, call B, lead O3).
 * Terms (words and in-word bigrams): P1 = {w:ab, c:ab, w:cd, c:cd}, P2 = {w:ab, c:ab, w:ef,
 * c:ef}, P3 = {w:gh, c:gh, w:ij, c:ij}. N = 3; df = 2 for the two "ab" terms, 1 otherwise.
 * idf(ab) = ln(4/3) + 1 = 1.2876821 (a), idf(other) = ln(4/2) + 1 = 1.6931472 (b).
 * cos(P1, P2) = 2a² / (2a² + 2b²) = 1.6581251 / (1.6581251 + 2.8667474) = 0.3664468;
 * P3 shares no term with either: 0.
 */
const expectedSimilarity = 0.3664;

let t: TestApp;
const ids = { x: 0, y: 0, callA: 0, callB: 0, o1: 0, o2: 0, o3: 0, p1: 0, p2: 0, p3: 0, p4: 0 };
const project = { id: 0 };

async function get(url: string, as: { authorization: string } = t.admin) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: { authorization: as.authorization },
  });
  return { status: res.statusCode, body: res.json() as OverlapResponse & { detail?: string } };
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  const db = t.database.db;
  const [x, y] = await db
    .insertInto('programme')
    .values([
      { code: 'X', name: 'Programme X', ministry: 'MOTIE' },
      { code: 'Y', name: 'Programme Y', ministry: 'MOE' },
    ])
    .returning('id')
    .execute();
  ids.x = x!.id;
  ids.y = y!.id;
  const [o1, o2, o3] = await db
    .insertInto('organisation')
    .values([
      { name: 'One Co', kind: 'company', sizeClass: 'sme' },
      { name: 'Two Co', kind: 'company', sizeClass: 'sme' },
      { name: 'Three Co', kind: 'company', sizeClass: 'sme' },
    ])
    .returning('id')
    .execute();
  ids.o1 = o1!.id;
  ids.o2 = o2!.id;
  ids.o3 = o3!.id;
  const call = (programmeId: number, code: string) => ({
    programmeId,
    code,
    title: `Call ${code}`,
    budgetKrw: 100_000_000,
    opensOn: '2011-02-01',
    closesOn: '2011-03-31',
    status: 'reviewing',
  });
  const [a, b] = await db
    .insertInto('fundingCall')
    .values([call(ids.x, 'A'), call(ids.y, 'B')])
    .returning('id')
    .execute();
  ids.callA = a!.id;
  ids.callB = b!.id;
  const rules = JSON.stringify({ maxGrantKrw: null, eligibleLeadKinds: ['company'] });
  const [ia, ib] = await db
    .insertInto('callInstrument')
    .values([
      { callId: ids.callA, code: 'rd', name: 'R&D', rules },
      { callId: ids.callB, code: 'rd', name: 'R&D', rules },
    ])
    .returning('id')
    .execute();
  const proposal = (
    callId: number,
    instrumentId: number,
    lead: number,
    title: string,
    status: string,
  ) => ({
    callId,
    instrumentId,
    leadOrganisationId: lead,
    title,
    abstract: null,
    status,
  });
  const [p1, p2, p3, p4] = await db
    .insertInto('proposal')
    .values([
      proposal(ids.callA, ia!.id, ids.o1, 'ab cd', 'in_review'),
      proposal(ids.callB, ib!.id, ids.o2, 'ab ef', 'selected'),
      proposal(ids.callB, ib!.id, ids.o3, 'gh ij', 'rejected'),
      proposal(ids.callA, ia!.id, ids.o1, 'ab cd', 'draft'),
    ])
    .returning('id')
    .execute();
  ids.p1 = p1!.id;
  ids.p2 = p2!.id;
  ids.p3 = p3!.id;
  ids.p4 = p4!.id;
  await db
    .insertInto('proposalParty')
    .values({ proposalId: ids.p2, organisationId: ids.o1 })
    .execute();
  const row = await db
    .insertInto('project')
    .values({
      proposalId: ids.p2,
      callId: ids.callB,
      instrumentId: ib!.id,
      leadOrganisationId: ids.o2,
      title: 'ab ef',
      startOn: '2011-06-01',
      endOn: '2012-05-31',
      approvedGrantKrw: 50_000_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  project.id = row.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/calls/:id/overlaps', () => {
  it('lists the hand-computed pair with its shared organisation and the other record', async () => {
    const { status, body } = await get(`/api/v1/calls/${ids.callA}/overlaps?threshold=0.3`);
    expect(status).toBe(200);
    // The draft P4 is not in the corpus: N = 3.
    expect(body).toMatchObject({ threshold: 0.3, sharedOnly: true, corpusSize: 3, checked: 1 });
    expect(body.method).toContain('TF-IDF');
    expect(body.pairs).toHaveLength(1);
    const [pair] = body.pairs;
    expect(pair!.similarity).toBe(expectedSimilarity);
    expect(pair!.sharedOrganisations).toEqual([{ id: ids.o1, name: 'One Co' }]);
    expect(pair!.record).toMatchObject({ proposalId: ids.p1, callCode: 'A', programmeCode: 'X' });
    expect(pair!.other).toMatchObject({
      proposalId: ids.p2,
      status: 'selected',
      projectId: project.id,
      projectStatus: 'active',
      approvedGrantKrw: 50_000_000,
      callId: ids.callB,
      callCode: 'B',
      programmeId: ids.y,
      programmeName: 'Programme Y',
      leadOrganisationName: 'Two Co',
    });
  });

  it('keeps pairs under the default threshold of 0.5 out', async () => {
    const { status, body } = await get(`/api/v1/calls/${ids.callA}/overlaps`);
    expect(status).toBe(200);
    expect(body.threshold).toBe(0.5);
    expect(body.pairs).toEqual([]);
  });

  it('lists a call’s pairs once per pair, from the call’s side', async () => {
    const { body } = await get(`/api/v1/calls/${ids.callB}/overlaps?threshold=0.3`);
    expect(body.checked).toBe(2);
    expect(body.pairs.map((p) => [p.record.proposalId, p.other.proposalId])).toEqual([
      [ids.p2, ids.p1],
    ]);
    const across = await get(
      `/api/v1/calls/${ids.callB}/overlaps?threshold=0.3&acrossProgrammesOnly=true`,
    );
    expect(across.body.pairs).toHaveLength(1);
  });

  it('needs a shared organisation unless sharedOnly=false', async () => {
    const db = t.database.db;
    await db.deleteFrom('proposalParty').where('proposalId', '=', ids.p2).execute();
    try {
      expect((await get(`/api/v1/calls/${ids.callA}/overlaps?threshold=0.3`)).body.pairs).toEqual(
        [],
      );
      const loose = await get(`/api/v1/calls/${ids.callA}/overlaps?threshold=0.3&sharedOnly=false`);
      expect(loose.body.pairs.map((p) => [p.similarity, p.sharedOrganisations])).toEqual([
        [expectedSimilarity, []],
      ]);
    } finally {
      await db
        .insertInto('proposalParty')
        .values({ proposalId: ids.p2, organisationId: ids.o1 })
        .execute();
    }
  });

  it('answers 404 for an unknown call and 400 for a bad threshold, naming the field', async () => {
    expect((await get('/api/v1/calls/999999/overlaps')).status).toBe(404);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/calls/${ids.callA}/overlaps?threshold=2`,
      headers: t.admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('threshold');
  });
});

describe('GET /api/v1/proposals/:id/overlaps', () => {
  it('gives the same pair for the proposal', async () => {
    const { status, body } = await get(`/api/v1/proposals/${ids.p1}/overlaps?threshold=0.3`);
    expect(status).toBe(200);
    expect(body.pairs.map((p) => [p.other.proposalId, p.similarity])).toEqual([
      [ids.p2, expectedSimilarity],
    ]);
  });

  it('checks a draft against the submitted corpus (the draft joins it: N = 4)', async () => {
    // With P4 in the corpus df(ab) = 3, df(cd) = 2: idf(ab) = ln(5/4) + 1 = 1.2231436,
    // idf(cd) = ln(5/3) + 1 = 1.5108256, idf(ef) = ln(5/2) + 1 = 1.9162907.
    // cos(P4, P1) = 1 (same text); cos(P4, P2) = 2·1.2231436² /
    // (sqrt(2·1.2231436² + 2·1.5108256²) · sqrt(2·1.2231436² + 2·1.9162907²))
    // = 2.9921604 / (2.7490632 · 3.2150430) = 0.3385426.
    const { body } = await get(`/api/v1/proposals/${ids.p4}/overlaps?threshold=0.3`);
    expect(body.corpusSize).toBe(4);
    expect(body.pairs.map((p) => [p.other.proposalId, p.similarity])).toEqual([
      [ids.p1, 1],
      [ids.p2, 0.3385],
    ]);
  });

  it('shows members only what they may read and counts the rest', async () => {
    const two = await t.userWith('member', { organisationId: ids.o2 });
    // P1 belongs to One Co only: not readable for a member of Two Co.
    expect((await get(`/api/v1/proposals/${ids.p1}/overlaps`, two)).status).toBe(404);
    const own = await get(`/api/v1/proposals/${ids.p2}/overlaps?threshold=0.3`, two);
    expect(own.status).toBe(200);
    expect(own.body.pairs).toEqual([]);
    expect(own.body.hiddenPairs).toBe(1);
    const one = await t.userWith('member', { organisationId: ids.o1 });
    const both = await get(`/api/v1/proposals/${ids.p1}/overlaps?threshold=0.3`, one);
    expect(both.body.pairs).toHaveLength(1);
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/proposals/${ids.p1}/overlaps`,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
