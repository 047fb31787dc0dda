import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The server package exports no test helpers; the delivery fixture is shared by path.
import { seedSelectedProject } from '../../../server/src/projects/delivery.fixture.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let harness: CliHarness;
let projectId = 0;

/**
 * One signed project started 2024-03-01 with instalments of KRW 40 million on 2024-04-01
 * (paid 2024-07-29: 150 days after the start, 119 days late) and KRW 60 million on 2025-03-01
 * (unpaid: 121 days overdue on 2025-06-30).
 */
beforeAll(async () => {
  harness = await createCliHarness('delivery');
  await harness.withDb(async ({ db }) => {
    const province = await db
      .insertInto('region')
      .values({ code: 'KR-CL', kind: 'province', name: 'CLI province' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const complex = await db
      .insertInto('complex')
      .values({ name: 'Gumi', provinceId: province.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lead = await db
      .insertInto('organisation')
      .values({ name: 'Gumi Sensors', kind: 'company', complexId: complex.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const seeded = await seedSelectedProject(db, {
      complexId: complex.id,
      leadOrganisationId: lead.id,
      title: 'Sensor, low power',
      startOn: '2024-03-01',
      endOn: '2026-02-28',
      approvedGrantKrw: 100_000_000,
    });
    projectId = seeded.projectId;
    const agreement = await db
      .insertInto('agreement')
      .values({
        projectId,
        status: 'signed',
        approvedBudget: '[]',
        totalGrantKrw: 100_000_000,
        signedOn: '2024-03-10',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('disbursement')
      .values([
        {
          agreementId: agreement.id,
          projectId,
          seq: 1,
          scheduledOn: '2024-04-01',
          amountKrw: 40_000_000,
          status: 'paid',
          paidOn: '2024-07-29',
          paidAmountKrw: 40_000_000,
        },
        {
          agreementId: agreement.id,
          projectId,
          seq: 2,
          scheduledOn: '2025-03-01',
          amountKrw: 60_000_000,
        },
      ])
      .execute();
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster projects and payments', { timeout: 300_000 }, () => {
  it('prints burden CSV, the project list and the aging of late payments', async () => {
    const burden = await harness.cli('projects', 'burden', '--csv', '--as-of', '2025-06-30');
    expect(burden.stderr).toBe('');
    expect(burden.stdout.split('\n')).toEqual([
      'project_id,title,instrument,complex,start_on,first_paid_on,days_to_first_money,reports,amendment_rounds,agreement_amendments,paperwork_hours,late_instalments,max_days_late',
      `${projectId},"Sensor, low power",Joint R&D,Gumi,2024-03-01,2024-07-29,150,0,0,0,,2,121`,
      '',
    ]);
    const list = await harness.cli('projects', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(
      `${projectId} Sensor, low power [Joint R&D, Gumi] 2024-03-01..2026-02-28 active; agreement signed; paid KRW 40,000,000 of KRW 100,000,000; days to first money 150`,
    );
    const aging = await harness.cli('payments', 'aging', '--as-of', '2025-06-30');
    expect(aging.code).toBe(0);
    expect(aging.stdout).toContain(
      'Outstanding: 0-30: 0 (KRW 0), 31-60: 0 (KRW 0), 61-90: 0 (KRW 0), >90: 1 (KRW 60,000,000)',
    );
    expect(aging.stdout).toContain(
      `project ${projectId} "Sensor, low power" instalment 2 due 2025-03-01: 121 days late, unpaid KRW 60,000,000`,
    );
  });
});
