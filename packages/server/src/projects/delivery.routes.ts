import {
  agreementCreate,
  agreementRow,
  agreementUpdate,
  burdenQuery,
  burdenResponse,
  deliveryStepRequest,
  disbursementRow,
  disbursementStepRequest,
  idParams,
  outcomeCreate,
  outcomeRow,
  outcomeUpdate,
  paymentAging,
  problemSchema,
  projectDetail,
  projectEvaluationCreate,
  projectEvaluationRow,
  projectListQuery,
  projectPage,
  reportDetail,
  reportRow,
  reportStepRequest,
  reportUpdate,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BurdenService } from './burden.service.ts';
import type { DeliveryService } from './delivery.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Project delivery'];
const stepNote =
  'An illegal step answers 409 with the current `state` and the `allowed` next steps (action, target state, roles, whether a reason is required). `onDate` back-dates the step.';

/**
 * Funded projects under /api/v1/projects, agreements, disbursements, reports and outcomes,
 * the payment aging view and the burden dashboard.
 */
export function registerDeliveryRoutes(
  app: FastifyInstance,
  delivery: DeliveryService,
  burden: BurdenService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/projects', {
    schema: {
      tags,
      summary: 'List funded projects',
      description:
        'Paginated, latest start first by default; sort by id, startOn, title, approvedGrantKrw or status; filter by programme, call, complex, instrument, status, start year; q searches title and lead organisation. daysToFirstMoney is in calendar days from startOn to the first payment.',
      querystring: projectListQuery,
      response: { 200: projectPage, ...problems },
    },
    handler: async (req) => delivery.list(req.ctx, req.query),
  });
  r.get('/api/v1/projects/burden', {
    schema: {
      tags,
      summary: 'Burden dashboard figures',
      description:
        'Days to first money (per project, distribution in 30-day bins, median and mean by instrument and complex), reports and amendment rounds per project, paperwork hours where given, late payments; every figure carries its unit and definition. Filters: programme, call, complex, start year; asOf (default today).',
      querystring: burdenQuery,
      response: { 200: burdenResponse, ...problems },
    },
    handler: async (req) => burden.burden(req.ctx, req.query),
  });
  r.get('/api/v1/payments/aging', {
    schema: {
      tags,
      summary: 'Payments late against schedule',
      description:
        'Instalments of signed agreements paid late or overdue as of asOf (default today), in bands of days late (0-30, 31-60, 61-90, >90), in all and by project, instrument and complex. Amounts in KRW.',
      querystring: burdenQuery,
      response: { 200: paymentAging, ...problems },
    },
    handler: async (req) => burden.aging(req.ctx, req.query),
  });
  r.get('/api/v1/projects/:id', {
    schema: {
      tags,
      summary: 'A project with its chain, agreement, schedule, reports, outcomes and timeline',
      params: idParams,
      response: { 200: projectDetail, ...problems },
    },
    handler: async (req) => delivery.get(req.ctx, req.params.id),
  });
  r.post('/api/v1/projects/:id/transitions', {
    schema: {
      tags,
      summary: 'Gate step of a project (interim review, continue, terminate, complete, close)',
      description: `Continue, terminate and complete need a reason. ${stepNote}`,
      params: idParams,
      body: deliveryStepRequest,
      response: { 200: projectDetail, ...problems },
    },
    handler: async (req) => delivery.projectStep(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/projects/:id/agreement', {
    schema: {
      tags,
      summary: 'Create the draft agreement of a project',
      description:
        'Approved budget lines and the disbursement schedule. The instalments must add up to the approved grant (totalGrantKrw, by default the project’s), and so must the public budget lines; otherwise 400 naming the difference in KRW.',
      params: idParams,
      body: agreementCreate,
      response: { 201: agreementRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await delivery.createAgreement(req.ctx, req.params.id, req.body)),
  });
  r.post('/api/v1/projects/:id/outcomes', {
    schema: {
      tags,
      summary: 'Record an outcome of a project',
      params: idParams,
      body: outcomeCreate,
      response: { 201: outcomeRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await delivery.createOutcome(req.ctx, req.params.id, req.body)),
  });
  r.post('/api/v1/projects/:id/evaluations', {
    schema: {
      tags,
      summary: 'Record an interim or final evaluation of a project',
      params: idParams,
      body: projectEvaluationCreate,
      response: { 201: projectEvaluationRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await delivery.createEvaluation(req.ctx, req.params.id, req.body)),
  });
  r.get('/api/v1/agreements/:id', {
    schema: {
      tags,
      summary: 'An agreement with its schedule',
      params: idParams,
      response: { 200: agreementRow, ...problems },
    },
    handler: async (req) => delivery.getAgreement(req.ctx, req.params.id),
  });
  r.patch('/api/v1/agreements/:id', {
    schema: {
      tags,
      summary: 'Change a draft agreement, or one under a proposed amendment',
      description:
        'Replaces budget lines, terms or the instalments not yet in payment; the schedule must still add up to the grant.',
      params: idParams,
      body: agreementUpdate,
      response: { 200: agreementRow, ...problems },
    },
    handler: async (req) => delivery.updateAgreement(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/agreements/:id/transitions', {
    schema: {
      tags,
      summary:
        'Agreement step (offer, sign, decline, propose/accept/refuse amendment, close, cancel)',
      description: `Signing creates the reports of the instrument's reporting schedule. ${stepNote}`,
      params: idParams,
      body: deliveryStepRequest,
      response: { 200: agreementRow, ...problems },
    },
    handler: async (req) => delivery.agreementStep(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/disbursements/:id/transitions', {
    schema: {
      tags,
      summary: 'Disbursement step (request, approve, pay, hold, release, return, cancel)',
      description: `pay records paid_on (onDate, default today) and paidAmountKrw (default the instalment). Hold, return and cancel need a reason. ${stepNote}`,
      params: idParams,
      body: disbursementStepRequest,
      response: { 200: disbursementRow, ...problems },
    },
    handler: async (req) => delivery.disbursementStep(req.ctx, req.params.id, req.body),
  });
  r.get('/api/v1/reports/:id', {
    schema: {
      tags,
      summary: 'A report with its pre-filled content',
      description:
        'prefill is computed now from the data held for the period: activities, outcomes, payments and the share of the grant paid.',
      params: idParams,
      response: { 200: reportDetail, ...problems },
    },
    handler: async (req) => delivery.getReport(req.ctx, req.params.id),
  });
  r.patch('/api/v1/reports/:id', {
    schema: {
      tags,
      summary: 'Save a draft of a report (content, paperwork hours)',
      params: idParams,
      body: reportUpdate,
      response: { 200: reportRow, ...problems },
    },
    handler: async (req) => delivery.updateReport(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/reports/:id/transitions', {
    schema: {
      tags,
      summary: 'Report step (submit, request_amendment, resubmit, accept, waive)',
      description: `Each request_amendment counts one amendment round. paperworkHours add up over the rounds. ${stepNote}`,
      params: idParams,
      body: reportStepRequest,
      response: { 200: reportRow, ...problems },
    },
    handler: async (req) => delivery.reportStep(req.ctx, req.params.id, req.body),
  });
  r.patch('/api/v1/outcomes/:id', {
    schema: {
      tags,
      summary: 'Change an outcome',
      params: idParams,
      body: outcomeUpdate,
      response: { 200: outcomeRow, ...problems },
    },
    handler: async (req) => delivery.updateOutcome(req.ctx, req.params.id, req.body),
  });
  r.delete('/api/v1/outcomes/:id', {
    schema: {
      tags,
      summary: 'Delete an outcome',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await delivery.removeOutcome(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
