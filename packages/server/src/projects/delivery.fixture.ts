import type { Db } from '../db/database.ts';

/**
 * Test fixture: a selected project as the review step leaves it (call, instrument, proposal,
 * decision, project row), optionally with the demand and the meeting that surfaced it. Used by
 * the delivery API tests and the delivery e2e spec; not by the application.
 */
export interface SeedProjectOptions {
  programmeId?: number;
  complexId?: number | null;
  miniClusterId?: number | null;
  leadOrganisationId: number;
  title: string;
  startOn: string;
  endOn: string;
  approvedGrantKrw: number;
  instrument?: { code: string; name: string; reportingSchedule?: unknown };
  /** Reuse this call instead of creating one. */
  callId?: number;
  demand?: { title: string; raisedOn: string; activity?: { title: string; heldOn: string } };
}

export interface SeededProject {
  programmeId: number;
  callId: number;
  instrumentId: number;
  proposalId: number;
  projectId: number;
  demandId: number | null;
  activityId: number | null;
}

let seq = 0;

/** Inserts the rows a selected project stands on and the project itself. */
export async function seedSelectedProject(
  db: Db,
  options: SeedProjectOptions,
): Promise<SeededProject> {
  seq += 1;
  const programmeId =
    options.programmeId ??
    (
      await db
        .insertInto('programme')
        .values({
          code: `DLV-${seq}-${Date.now() % 100000}`,
          name: 'Delivery test',
          ministry: 'MOTIE',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const callId =
    options.callId ??
    (
      await db
        .insertInto('fundingCall')
        .values({
          programmeId,
          code: `CALL-${seq}-${Date.now() % 100000}`,
          title: `Joint projects call ${seq}`,
          budgetKrw: 1_000_000_000,
          opensOn: '2023-10-01',
          closesOn: '2023-12-31',
          status: 'decided',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const instrumentSpec = options.instrument ?? { code: 'joint_rd', name: 'Joint R&D' };
  const existing = await db
    .selectFrom('callInstrument')
    .select('id')
    .where('callId', '=', callId)
    .where('code', '=', instrumentSpec.code)
    .executeTakeFirst();
  const instrumentId =
    existing?.id ??
    (
      await db
        .insertInto('callInstrument')
        .values({
          callId,
          code: instrumentSpec.code,
          name: instrumentSpec.name,
          rules: JSON.stringify({
            maxGrantKrw: 200_000_000,
            reportingSchedule: instrumentSpec.reportingSchedule ?? { kind: 'annual' },
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  let activityId: number | null = null;
  let demandId: number | null = null;
  if (options.demand) {
    if (options.demand.activity) {
      activityId = (
        await db
          .insertInto('activity')
          .values({
            programmeId,
            complexId: options.complexId ?? null,
            kind: 'forum',
            title: options.demand.activity.title,
            heldOn: options.demand.activity.heldOn,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    demandId = (
      await db
        .insertInto('demand')
        .values({
          programmeId,
          complexId: options.complexId ?? null,
          miniClusterId: options.miniClusterId ?? null,
          activityId,
          title: options.demand.title,
          supportArea: 'rd',
          raisedOn: options.demand.raisedOn,
          status: 'answered',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const proposalId = (
    await db
      .insertInto('proposal')
      .values({
        callId,
        instrumentId,
        demandId,
        complexId: options.complexId ?? null,
        miniClusterId: options.miniClusterId ?? null,
        leadOrganisationId: options.leadOrganisationId,
        title: options.title,
        startOn: options.startOn,
        endOn: options.endOn,
        status: 'selected',
        version: 1,
        submittedAt: '2024-01-20T09:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db
    .insertInto('proposalDecision')
    .values({
      proposalId,
      decision: 'select',
      reason: 'Ranked within the call budget',
      approvedGrantKrw: options.approvedGrantKrw,
      decidedAt: '2024-02-15T10:00:00Z',
    })
    .execute();
  const projectId = (
    await db
      .insertInto('project')
      .values({
        proposalId,
        callId,
        instrumentId,
        complexId: options.complexId ?? null,
        miniClusterId: options.miniClusterId ?? null,
        leadOrganisationId: options.leadOrganisationId,
        title: options.title,
        startOn: options.startOn,
        endOn: options.endOn,
        approvedGrantKrw: options.approvedGrantKrw,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  return { programmeId, callId, instrumentId, proposalId, projectId, demandId, activityId };
}
