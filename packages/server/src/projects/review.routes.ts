import {
  applicantDecisions,
  assignmentPlan,
  autoAssignBody,
  businessRelationCreate,
  businessRelationRow,
  callAssignmentParams,
  callAssignments,
  callConflicts,
  callRanking,
  callReviews,
  committeeMeetingCreate,
  committeeMeetingRow,
  committeeMeetingUpdate,
  committeeNoteCreate,
  conflictDeclarationCreate,
  conflictDeclarationRow,
  evaluatorCreate,
  evaluatorRow,
  evaluatorUpdate,
  fieldInspectionCreate,
  fieldInspectionRow,
  idParams,
  manualAssignmentCreate,
  problemSchema,
  proposalDecisionCreate,
  proposalDecisionRow,
  reviewAssignmentRow,
  reviewQueueItem,
  reviewRankingQuery,
  reviewSave,
  screeningCreate,
  screeningRow,
  sendToCommitteeBody,
  sendToCommitteeResult,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AssignmentService } from './assignment.service.ts';
import type { CommitteeService } from './committee.service.ts';
import type { ConflictService } from './conflict.service.ts';
import type { EvaluatorService } from './evaluator.service.ts';
import type { ReviewService } from './review.service.ts';
import type { ScreeningService } from './screening.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

export interface ReviewServices {
  evaluators: EvaluatorService;
  conflicts: ConflictService;
  assignments: AssignmentService;
  reviews: ReviewService;
  committee: CommitteeService;
  screening: ScreeningService;
}

/**
 * The review of proposals under /api/v1: evaluator pool, business relations, conflict
 * declarations, screening, conflicts and assignments per call, the evaluator's blind review
 * queue, officers' view of reviews, ranking, committee meetings, inspections and decisions.
 */
export function registerReviewRoutes(app: FastifyInstance, s: ReviewServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const v1 = '/api/v1';

  // Evaluator pool ------------------------------------------------------------------------------
  const pool = ['Review: evaluator pool'];
  r.get(`${v1}/evaluators`, {
    schema: {
      tags: pool,
      summary: 'List the evaluator pool',
      response: { 200: z.array(evaluatorRow), ...problems },
    },
    handler: async (req) => s.evaluators.list(req.ctx),
  });
  r.get(`${v1}/evaluators/:id`, {
    schema: {
      tags: pool,
      summary: 'Get an evaluator',
      params: idParams,
      response: { 200: evaluatorRow, ...problems },
    },
    handler: async (req) => s.evaluators.get(req.ctx, req.params.id),
  });
  r.post(`${v1}/evaluators`, {
    schema: {
      tags: pool,
      summary: 'Add an evaluator to the pool',
      description:
        'A registry person with expertise keywords, load bounds per call (proposals) and affiliations (for same-organisation conflicts).',
      body: evaluatorCreate,
      response: { 201: evaluatorRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.evaluators.create(req.ctx, req.body)),
  });
  r.patch(`${v1}/evaluators/:id`, {
    schema: {
      tags: pool,
      summary: 'Change an evaluator',
      params: idParams,
      body: evaluatorUpdate,
      response: { 200: evaluatorRow, ...problems },
    },
    handler: async (req) => s.evaluators.update(req.ctx, req.params.id, req.body),
  });
  r.delete(`${v1}/evaluators/:id`, {
    schema: {
      tags: pool,
      summary: 'Remove an evaluator without assignments',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await s.evaluators.remove(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  r.get(`${v1}/business-relations`, {
    schema: {
      tags: pool,
      summary: 'List business relations (supplier, customer, shareholder)',
      response: { 200: z.array(businessRelationRow), ...problems },
    },
    handler: async (req) => s.evaluators.listRelations(req.ctx),
  });
  r.post(`${v1}/business-relations`, {
    schema: {
      tags: pool,
      summary: 'Record a business relation',
      body: businessRelationCreate,
      response: { 201: businessRelationRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.evaluators.createRelation(req.ctx, req.body)),
  });
  r.delete(`${v1}/business-relations/:id`, {
    schema: {
      tags: pool,
      summary: 'Delete a business relation',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await s.evaluators.removeRelation(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  r.get(`${v1}/conflict-declarations`, {
    schema: {
      tags: pool,
      summary: 'Conflict declarations (an evaluator sees their own)',
      response: { 200: z.array(conflictDeclarationRow), ...problems },
    },
    handler: async (req) => s.evaluators.listDeclarations(req.ctx),
  });
  r.post(`${v1}/conflict-declarations`, {
    schema: {
      tags: pool,
      summary: 'Declare a conflict of interest',
      description:
        'For one proposal or for every proposal involving an organisation; kind personal records a personal tie.',
      body: conflictDeclarationCreate,
      response: { 201: conflictDeclarationRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.evaluators.declare(req.ctx, req.body)),
  });
  r.delete(`${v1}/conflict-declarations/:id`, {
    schema: {
      tags: pool,
      summary: 'Withdraw a declaration',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await s.evaluators.withdrawDeclaration(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });

  // Screening and inspections -------------------------------------------------------------------
  const screening = ['Review: screening'];
  r.get(`${v1}/proposals/:id/screenings`, {
    schema: {
      tags: screening,
      summary: 'Screenings of a proposal',
      params: idParams,
      response: { 200: z.array(screeningRow), ...problems },
    },
    handler: async (req) => s.screening.list(req.ctx, req.params.id),
  });
  r.post(`${v1}/proposals/:id/screenings`, {
    schema: {
      tags: screening,
      summary: 'Screen a submitted proposal',
      description:
        'pass -> in_review; fail -> rejected (reason required, sent to the applicant); fast_track -> selected when the public request is below the instrument threshold (reason required; creates the project). 409 lists the allowed steps when the state does not allow it.',
      params: idParams,
      body: screeningCreate,
      response: { 201: screeningRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.screening.screen(req.ctx, req.params.id, req.body)),
  });
  r.get(`${v1}/proposals/:id/inspections`, {
    schema: {
      tags: screening,
      summary: 'Field inspections of a proposal',
      params: idParams,
      response: { 200: z.array(fieldInspectionRow), ...problems },
    },
    handler: async (req) => s.committee.inspections(req.ctx, req.params.id) as never,
  });
  r.post(`${v1}/proposals/:id/inspections`, {
    schema: {
      tags: screening,
      summary: 'Record a field inspection',
      params: idParams,
      body: fieldInspectionCreate,
      response: { 201: fieldInspectionRow, ...problems },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send((await s.committee.addInspection(req.ctx, req.params.id, req.body)) as never),
  });

  // Conflicts and assignment --------------------------------------------------------------------
  const assign = ['Review: assignment'];
  r.get(`${v1}/calls/:id/conflicts`, {
    schema: {
      tags: assign,
      summary: 'Conflicts of interest between the pool and the call’s proposals',
      params: idParams,
      response: { 200: callConflicts, ...problems },
    },
    handler: async (req) => s.conflicts.forCall(req.ctx, req.params.id),
  });
  r.get(`${v1}/calls/:id/assignments`, {
    schema: {
      tags: assign,
      summary: 'Review assignments of a call with evaluator loads',
      params: idParams,
      response: { 200: callAssignments, ...problems },
    },
    handler: async (req) => s.assignments.list(req.ctx, req.params.id),
  });
  r.post(`${v1}/calls/:id/assignments/auto`, {
    schema: {
      tags: assign,
      summary: 'Assign reviewers optimally (min-cost flow)',
      description:
        'Every proposal in review gets the call’s reviews per proposal; each evaluator stays within min/max load; conflicted pairs are never used; the total expertise cost (1 − cosine similarity) is minimal. preview: true returns the plan without saving. 409 explains why no assignment exists.',
      params: idParams,
      body: autoAssignBody,
      response: { 200: assignmentPlan, ...problems },
    },
    handler: async (req) => s.assignments.auto(req.ctx, req.params.id, req.body.preview),
  });
  r.post(`${v1}/calls/:id/assignments`, {
    schema: {
      tags: assign,
      summary: 'Assign an evaluator by hand',
      description:
        '409 naming the conflict when the pair is conflicted, or when the evaluator is at maximum load.',
      params: idParams,
      body: manualAssignmentCreate,
      response: { 201: reviewAssignmentRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.assignments.addManual(req.ctx, req.params.id, req.body)),
  });
  r.delete(`${v1}/calls/:id/assignments/:assignmentId`, {
    schema: {
      tags: assign,
      summary: 'Remove an assignment (not once the review is submitted)',
      params: callAssignmentParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await s.assignments.remove(req.ctx, req.params.id, req.params.assignmentId);
      return reply.code(204).send(null);
    },
  });

  // Blind review --------------------------------------------------------------------------------
  const blind = ['Review: scoring'];
  r.get(`${v1}/reviews/queue`, {
    schema: {
      tags: blind,
      summary: 'The signed-in evaluator’s assigned proposals (blind: no other reviewers)',
      response: { 200: z.array(reviewQueueItem), ...problems },
    },
    handler: async (req) => s.reviews.queue(req.ctx),
  });
  r.get(`${v1}/reviews/assignments/:id`, {
    schema: {
      tags: blind,
      summary: 'Open one assigned proposal with the rubric and one’s own review',
      params: idParams,
      response: { 200: reviewQueueItem, ...problems },
    },
    handler: async (req) => s.reviews.open(req.ctx, req.params.id),
  });
  r.put(`${v1}/reviews/assignments/:id`, {
    schema: {
      tags: blind,
      summary: 'Save or submit one’s review',
      description:
        'Scores per rubric criterion (0..maxScore); the total on 0–100 is computed by the server. submit: true needs every criterion and is final.',
      params: idParams,
      body: reviewSave,
      response: { 200: reviewQueueItem, ...problems },
    },
    handler: async (req) => s.reviews.save(req.ctx, req.params.id, req.body),
  });
  r.get(`${v1}/calls/:id/reviews`, {
    schema: {
      tags: blind,
      summary: 'Every review of a call with reviewers and normalised totals (officers)',
      params: idParams,
      querystring: reviewRankingQuery,
      response: { 200: callReviews, ...problems },
    },
    handler: async (req) => s.reviews.forCall(req.ctx, req.params.id, req.query.normalisation),
  });

  // Committee and decisions ---------------------------------------------------------------------
  const committee = ['Review: committee'];
  r.get(`${v1}/calls/:id/ranking`, {
    schema: {
      tags: committee,
      summary: 'Ranking by normalised mean score with the budget line',
      description:
        'Cumulative requested amounts (KRW) down the ranking against the call budget, the cut-off, and the selection within the remaining budget (rank order, skipping what does not fit).',
      params: idParams,
      querystring: reviewRankingQuery,
      response: { 200: callRanking, ...problems },
    },
    handler: async (req) => s.committee.ranking(req.ctx, req.params.id, req.query.normalisation),
  });
  r.post(`${v1}/calls/:id/send-to-committee`, {
    schema: {
      tags: committee,
      summary: 'Send proposals in review to the committee',
      params: idParams,
      body: sendToCommitteeBody,
      response: { 200: sendToCommitteeResult, ...problems },
    },
    handler: async (req) =>
      s.committee.sendToCommittee(req.ctx, req.params.id, req.body.proposalIds),
  });
  r.post(`${v1}/calls/:id/decisions/notify`, {
    schema: {
      tags: committee,
      summary: 'Send the call’s unsent decisions to the applicants',
      params: idParams,
      response: { 200: z.object({ notified: z.array(z.number().int()) }), ...problems },
    },
    handler: async (req) => s.committee.notify(req.ctx, req.params.id),
  });
  r.get(`${v1}/calls/:id/meetings`, {
    schema: {
      tags: committee,
      summary: 'Committee meetings of a call',
      params: idParams,
      response: { 200: z.array(committeeMeetingRow), ...problems },
    },
    handler: async (req) => s.committee.meetings(req.ctx, req.params.id),
  });
  r.post(`${v1}/calls/:id/meetings`, {
    schema: {
      tags: committee,
      summary: 'Plan a committee meeting',
      params: idParams,
      body: committeeMeetingCreate,
      response: { 201: committeeMeetingRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.committee.createMeeting(req.ctx, req.params.id, req.body)),
  });
  r.get(`${v1}/committee-meetings/:id`, {
    schema: {
      tags: committee,
      summary: 'A committee meeting with its notes',
      params: idParams,
      response: { 200: committeeMeetingRow, ...problems },
    },
    handler: async (req) => s.committee.getMeeting(req.ctx, req.params.id),
  });
  r.patch(`${v1}/committee-meetings/:id`, {
    schema: {
      tags: committee,
      summary: 'Change a meeting (status, minutes, members)',
      params: idParams,
      body: committeeMeetingUpdate,
      response: { 200: committeeMeetingRow, ...problems },
    },
    handler: async (req) => s.committee.updateMeeting(req.ctx, req.params.id, req.body),
  });
  r.post(`${v1}/committee-meetings/:id/notes`, {
    schema: {
      tags: committee,
      summary: 'Add a discussion note on a proposal',
      params: idParams,
      body: committeeNoteCreate,
      response: { 201: committeeMeetingRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.committee.addNote(req.ctx, req.params.id, req.body)),
  });
  r.post(`${v1}/proposals/:id/decisions`, {
    schema: {
      tags: committee,
      summary: 'Decide a proposal in committee: select, revise or reject, with a reason',
      description:
        'select creates the project (approved grant, by default the public amount requested) and is refused (409) past the call budget; an illegal step answers 409 listing the allowed ones.',
      params: idParams,
      body: proposalDecisionCreate,
      response: { 201: proposalDecisionRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await s.committee.decide(req.ctx, req.params.id, req.body)),
  });
  r.get(`${v1}/proposals/:id/decisions`, {
    schema: {
      tags: committee,
      summary:
        'Decisions sent to the applicant, with reasons and reviewer comments (no identities)',
      params: idParams,
      response: { 200: applicantDecisions, ...problems },
    },
    handler: async (req) => s.committee.forApplicant(req.ctx, req.params.id),
  });
}
