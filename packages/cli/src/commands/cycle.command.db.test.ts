import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The server package exports no test helpers; its fixtures are shared by path.
import { seedSelectedProject } from '../../../server/src/projects/delivery.fixture.ts';
import { seedIntakeRegistry } from '../../../server/src/projects/proposal-intake.fixture.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let harness: CliHarness;
let projectId = 0;

beforeAll(async () => {
  harness = await createCliHarness('cycle');
  await harness.withDb(async ({ db }) => {
    const f = await seedIntakeRegistry(db);
    projectId = (
      await seedSelectedProject(db, {
        leadOrganisationId: f.orgs.a,
        title: 'Low-power sensor module',
        startOn: '2024-03-01',
        endOn: '2026-02-28',
        approvedGrantKrw: 100_000_000,
      })
    ).projectId;
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster agreements, outcomes (cycle write steps)', () => {
  it('drafts an agreement from JSON, refuses signing a draft with the allowed steps, offers it and records an outcome', async () => {
    const agreementFile = join(harness.work, 'agreement.json');
    await writeFile(
      agreementFile,
      JSON.stringify({
        approvedBudget: [
          { category: 'equipment', funder: 'public', amountKrw: 60_000_000 },
          { category: 'personnel', funder: 'public', amountKrw: 40_000_000 },
          { category: 'materials', funder: 'firm', amountKrw: 30_000_000 },
        ],
        schedule: [
          { scheduledOn: '2024-04-01', amountKrw: 70_000_000 },
          { scheduledOn: '2025-04-01', amountKrw: 30_000_000 },
        ],
      }),
    );
    const created = await harness.cli(
      'agreements',
      'create',
      String(projectId),
      '--from-json',
      agreementFile,
    );
    expect(created.code, created.stderr).toBe(0);
    const agreementId = Number(/^Agreement (\d+): draft\.$/m.exec(created.stdout)?.[1]);
    expect(agreementId).toBeGreaterThan(0);

    // Only an applicant signs, and only an offered agreement: from a draft, officers offer or cancel.
    const refused = await harness.cli('agreements', 'step', String(agreementId), 'sign');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Transition not allowed');
    expect(refused.stderr).toContain('Allowed steps:');
    expect(refused.stderr).toMatch(/ {2}offer -> offered \(/);
    expect(refused.stderr).toMatch(/ {2}cancel -> cancelled \(.*\), needs --reason/);

    const offered = await harness.cli(
      'agreements',
      'step',
      String(agreementId),
      'offer',
      '--on',
      '2024-03-05',
      '--json',
    );
    expect(offered.code, offered.stderr).toBe(0);
    const row = JSON.parse(offered.stdout) as { id: number; status: string; offeredOn: string };
    expect(row).toMatchObject({ id: agreementId, status: 'offered', offeredOn: '2024-03-05' });

    const outcomeFile = join(harness.work, 'outcome.json');
    await writeFile(
      outcomeFile,
      JSON.stringify({
        kind: 'patent_application',
        title: 'Sleep-mode sensor bus',
        occurredOn: '2025-06-30',
      }),
    );
    const outcome = await harness.cli(
      'outcomes',
      'add',
      String(projectId),
      '--from-json',
      outcomeFile,
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^Outcome \d+: saved\.$/m);
    const stored = await harness.withDb(({ db }) =>
      db.selectFrom('projectOutcome').selectAll().where('projectId', '=', projectId).execute(),
    );
    expect(stored.map((o) => [o.kind, o.title])).toEqual([
      ['patent_application', 'Sleep-mode sensor bus'],
    ]);
  }, 120_000);
});
