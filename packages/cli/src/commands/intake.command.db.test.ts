import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AuthService, systemContext } from '@innocluster/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The server package exports no test helpers; the intake fixture is shared by path.
import {
  callBody,
  seedIntakeRegistry,
  type IntakeFixture,
} from '../../../server/src/projects/proposal-intake.fixture.ts';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let harness: CliHarness;
let f: IntakeFixture;

beforeAll(async () => {
  harness = await createCliHarness('intake');
  await harness.withDb(async ({ db }) => {
    f = await seedIntakeRegistry(db);
    await new AuthService(db).createUser(systemContext, {
      email: 'alpha@cli.test',
      name: 'Alpha member',
      password: 'correct horse battery staple',
      grants: [
        {
          role: 'member',
          programmeId: null,
          complexId: null,
          miniClusterId: null,
          organisationId: f.orgs.a,
        },
      ],
    });
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster demands, calls, proposals', () => {
  it('opens a call from JSON, checks a draft against its rules and submits a proposal', async () => {
    const callFile = join(harness.work, 'call.json');
    await writeFile(callFile, JSON.stringify(callBody(f.programmeId)));
    const call = await harness.cli('calls', 'create', '--from-json', callFile, '--open');
    expect(call.code, call.stderr).toBe(0);
    expect(call.stdout).toContain('(CALL-2026-1) created: open.');
    const instrumentId = Number(/joint_rd \[(\d+)\]/.exec(call.stdout)?.[1]);

    const draftFile = join(harness.work, 'draft.json');
    await writeFile(
      draftFile,
      JSON.stringify({
        instrumentId,
        leadOrganisationId: f.orgs.a,
        budget: [
          { category: 'equipment', funder: 'public', amountKrw: 82_000_000 },
          { category: 'materials', funder: 'firm', amountKrw: 18_000_000 },
        ],
      }),
    );
    const check = await harness.cli('proposals', 'check', '--from-json', draftFile);
    expect(check.code).toBe(2);
    expect(check.stdout).toContain('public_share: public share 82% exceeds the 75% limit for SMEs');

    // The proposal itself is made through the service the API uses, then submitted by the CLI.
    const proposalId = await harness.withDb(async ({ db }) => {
      const { createServices } = await import('@innocluster/server');
      const auth = new AuthService(db);
      const user = await auth.findActiveUser('alpha@cli.test');
      const ctx = { via: 'cli' as const, principal: (await auth.principalOf(user!.id))! };
      const callId = (await db.selectFrom('fundingCall').select('id').executeTakeFirstOrThrow()).id;
      const p = await createServices(db).proposals.create(ctx, {
        callId,
        instrumentId,
        demandId: null,
        miniClusterId: f.miniCluster,
        leadOrganisationId: f.orgs.a,
        title: 'Burr-free micro drilling',
        abstract: null,
        plan: null,
        startOn: null,
        endOn: null,
        partners: [],
        budget: [
          {
            category: 'equipment',
            funder: 'public',
            amountKrw: 70_000_000,
            organisationId: null,
            note: null,
          },
          {
            category: 'materials',
            funder: 'firm',
            amountKrw: 30_000_000,
            organisationId: null,
            note: null,
          },
        ],
        milestones: [],
        synthetic: false,
      });
      return p.id;
    });
    const submitted = await harness.cli(
      'proposals',
      'submit',
      String(proposalId),
      '--as',
      'alpha@cli.test',
    );
    expect(submitted.stderr).toBe('');
    expect(submitted.stdout).toContain(`Proposal ${proposalId} submitted: version 1 frozen.`);
  }, 120_000);
});
