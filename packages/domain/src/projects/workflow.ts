import type { Role } from '../permissions.ts';

/**
 * The stages of the mini-cluster project cycle as transition tables (data, not code), so the
 * server, the CLI and the web app share one definition of what may happen next. The stages
 * follow DOMAIN.md, "The mini-cluster project cycle" (demands raised in forums, proposals,
 * preliminary screening, committee selection, agreements, disbursements, reports, interim
 * evaluation, continue or terminate) and the programme agency's five published stages.
 */
export interface WorkflowTransition<S extends string = string, A extends string = string> {
  readonly from: S;
  readonly action: A;
  readonly to: S;
  /** Roles of permissions.ts that may take this transition. */
  readonly roles: readonly Role[];
  /** Whether a written reason must accompany it (decisions sent to applicants, refusals). */
  readonly reasonRequired: boolean;
}

/** One workflow: its states, the initial one, the terminal ones and the transitions. */
export interface WorkflowTable<S extends string = string, A extends string = string> {
  readonly name: string;
  readonly initial: S;
  readonly states: readonly S[];
  readonly terminal: readonly S[];
  readonly transitions: readonly WorkflowTransition<S, A>[];
}

/** A next step that is open from a state, listed in refusals so the caller can offer it. */
export interface AllowedStep<S extends string = string, A extends string = string> {
  readonly action: A;
  readonly to: S;
  readonly roles: readonly Role[];
  readonly reasonRequired: boolean;
}

export type WorkflowErrorCode =
  'unknown_state' | 'terminal_state' | 'unknown_action' | 'role_not_allowed' | 'reason_required';

/** The outcome of `transition`: the next state, or why not and what is allowed instead. */
export type TransitionOutcome<S extends string = string, A extends string = string> =
  | { readonly ok: true; readonly to: S; readonly transition: WorkflowTransition<S, A> }
  | {
      readonly ok: false;
      readonly code: WorkflowErrorCode;
      readonly message: string;
      readonly from: string;
      readonly action: string;
      /** Every transition out of `from`, whoever may take it. */
      readonly allowed: readonly AllowedStep<S, A>[];
    };

const officers: readonly Role[] = ['admin', 'programme_officer'];
const officersAndTaskForce: readonly Role[] = ['admin', 'programme_officer', 'task_force'];
const applicants: readonly Role[] = ['member', 'coordinator'];

function t<S extends string, A extends string>(
  from: S,
  action: A,
  to: S,
  roles: readonly Role[],
  reasonRequired = false,
): WorkflowTransition<S, A> {
  return { from, action, to, roles, reasonRequired };
}

/** Demands and ideas raised in mini-cluster forums (DOMAIN.md, stage "identifying issues"). */
export const demandWorkflow: WorkflowTable = {
  name: 'demand',
  initial: 'raised',
  states: ['raised', 'discussed', 'open_idea', 'answered', 'resolved_elsewhere', 'dropped'],
  terminal: ['answered', 'resolved_elsewhere', 'dropped'],
  transitions: [
    t('raised', 'discuss', 'discussed', [...officersAndTaskForce, 'coordinator']),
    t('raised', 'drop', 'dropped', [...officersAndTaskForce, 'coordinator'], true),
    t('discussed', 'publish_idea', 'open_idea', [...officersAndTaskForce, 'coordinator']),
    t('discussed', 'link_proposal', 'answered', [...officersAndTaskForce, ...applicants]),
    t('discussed', 'resolve_elsewhere', 'resolved_elsewhere', officersAndTaskForce, true),
    t('discussed', 'drop', 'dropped', [...officersAndTaskForce, 'coordinator'], true),
    t('open_idea', 'link_proposal', 'answered', [...officersAndTaskForce, ...applicants]),
    t('open_idea', 'resolve_elsewhere', 'resolved_elsewhere', officersAndTaskForce, true),
    t('open_idea', 'drop', 'dropped', [...officersAndTaskForce, 'coordinator'], true),
  ],
};

/** A call for proposals: drafted, opened, closed, reviewed, decided, archived. */
export const callWorkflow: WorkflowTable = {
  name: 'call',
  initial: 'draft',
  states: ['draft', 'open', 'closed', 'reviewing', 'decided', 'archived', 'cancelled'],
  terminal: ['archived', 'cancelled'],
  transitions: [
    t('draft', 'open', 'open', officers),
    t('draft', 'cancel', 'cancelled', officers, true),
    t('open', 'close', 'closed', officers),
    t('open', 'cancel', 'cancelled', officers, true),
    t('closed', 'start_review', 'reviewing', officers),
    t('reviewing', 'decide', 'decided', officers),
    t('decided', 'archive', 'archived', officers),
  ],
};

/**
 * A proposal: submission, preliminary screening, external review, committee, and a decision
 * (select, request revision, reject) with reasons; a revised proposal is resubmitted and
 * screened again. Small tasks below the instrument's fast-track threshold are selected without
 * the committee (DOMAIN.md: "small tasks under KRW 10 million once went by a fast track").
 */
export const proposalWorkflow: WorkflowTable = {
  name: 'proposal',
  initial: 'draft',
  states: [
    'draft',
    'submitted',
    'screening',
    'in_review',
    'committee',
    'revise_requested',
    'resubmitted',
    'selected',
    'rejected',
    'withdrawn',
  ],
  terminal: ['selected', 'rejected', 'withdrawn'],
  transitions: [
    t('draft', 'submit', 'submitted', applicants),
    t('draft', 'withdraw', 'withdrawn', applicants),
    t('submitted', 'start_screening', 'screening', officers),
    t('submitted', 'withdraw', 'withdrawn', applicants),
    t('screening', 'pass_screening', 'in_review', officers),
    t('screening', 'fail_screening', 'rejected', officers, true),
    t('screening', 'fast_track_select', 'selected', officers, true),
    t('screening', 'withdraw', 'withdrawn', applicants),
    t('in_review', 'send_to_committee', 'committee', officers),
    t('in_review', 'withdraw', 'withdrawn', applicants),
    t('committee', 'select', 'selected', officers, true),
    t('committee', 'request_revision', 'revise_requested', officers, true),
    t('committee', 'reject', 'rejected', officers, true),
    t('committee', 'withdraw', 'withdrawn', applicants),
    t('revise_requested', 'resubmit', 'resubmitted', applicants),
    t('revise_requested', 'withdraw', 'withdrawn', applicants),
    t('revise_requested', 'expire', 'rejected', officers, true),
    t('resubmitted', 'start_screening', 'screening', officers),
    t('resubmitted', 'withdraw', 'withdrawn', applicants),
  ],
};

/** The grant agreement of a selected proposal: offered, signed, amended, closed. */
export const agreementWorkflow: WorkflowTable = {
  name: 'agreement',
  initial: 'draft',
  states: ['draft', 'offered', 'signed', 'amendment_proposed', 'closed', 'cancelled'],
  terminal: ['closed', 'cancelled'],
  transitions: [
    t('draft', 'offer', 'offered', officers),
    t('draft', 'cancel', 'cancelled', officers, true),
    t('offered', 'sign', 'signed', applicants),
    t('offered', 'decline', 'cancelled', applicants, true),
    t('offered', 'cancel', 'cancelled', officers, true),
    t('signed', 'propose_amendment', 'amendment_proposed', [...officers, ...applicants], true),
    t('signed', 'close', 'closed', officers),
    t('amendment_proposed', 'accept_amendment', 'signed', [...officers, ...applicants]),
    t('amendment_proposed', 'refuse_amendment', 'signed', [...officers, ...applicants], true),
  ],
};

/** One instalment of an agreement's disbursement schedule. */
export const disbursementWorkflow: WorkflowTable = {
  name: 'disbursement',
  initial: 'scheduled',
  states: ['scheduled', 'requested', 'approved', 'held', 'paid', 'cancelled'],
  terminal: ['paid', 'cancelled'],
  transitions: [
    t('scheduled', 'request', 'requested', [...officers, ...applicants]),
    t('scheduled', 'cancel', 'cancelled', officers, true),
    t('requested', 'approve', 'approved', officers),
    t('requested', 'return', 'scheduled', officers, true),
    t('approved', 'pay', 'paid', officers),
    t('approved', 'hold', 'held', officers, true),
    t('held', 'release', 'approved', officers),
    t('held', 'cancel', 'cancelled', officers, true),
  ],
};

/**
 * A report on the instrument's schedule; each amendment request is one "amendment round",
 * which the burden dashboard counts (DOMAIN.md, "What went wrong").
 */
export const reportWorkflow: WorkflowTable = {
  name: 'report',
  initial: 'due',
  states: ['due', 'submitted', 'amendment_requested', 'accepted', 'waived'],
  terminal: ['accepted', 'waived'],
  transitions: [
    t('due', 'submit', 'submitted', applicants),
    t('due', 'waive', 'waived', officers, true),
    t('submitted', 'request_amendment', 'amendment_requested', officers, true),
    t('submitted', 'accept', 'accepted', officers),
    t('amendment_requested', 'resubmit', 'submitted', applicants),
    t('amendment_requested', 'waive', 'waived', officers, true),
  ],
};

/** A funded project: interim evaluation, continue or terminate with reasons, closed. */
export const projectWorkflow: WorkflowTable = {
  name: 'project',
  initial: 'active',
  states: ['active', 'interim_review', 'continued', 'terminated', 'closed'],
  terminal: ['closed'],
  transitions: [
    t('active', 'start_interim_review', 'interim_review', officers),
    t('active', 'complete', 'closed', officers, true),
    t('interim_review', 'continue', 'continued', officers, true),
    t('interim_review', 'terminate', 'terminated', officers, true),
    t('continued', 'start_interim_review', 'interim_review', officers),
    t('continued', 'complete', 'closed', officers, true),
    t('terminated', 'close', 'closed', officers),
  ],
};

/** Every workflow of the project cycle, by name. */
export const projectCycleWorkflows: Readonly<Record<string, WorkflowTable>> = {
  demand: demandWorkflow,
  call: callWorkflow,
  proposal: proposalWorkflow,
  agreement: agreementWorkflow,
  disbursement: disbursementWorkflow,
  report: reportWorkflow,
  project: projectWorkflow,
};

/** The transitions out of `state`, in table order. */
export function allowedSteps<S extends string, A extends string>(
  table: WorkflowTable<S, A>,
  state: string,
): AllowedStep<S, A>[] {
  return table.transitions
    .filter((tr) => tr.from === state)
    .map((tr) => ({
      action: tr.action,
      to: tr.to,
      roles: tr.roles,
      reasonRequired: tr.reasonRequired,
    }));
}

function describeSteps(steps: readonly AllowedStep[]): string {
  if (steps.length === 0) return 'none';
  return steps.map((s) => `${s.action} -> ${s.to}`).join(', ');
}

/**
 * The next state when `role` takes `action` from `from`, or a refusal naming the allowed next
 * actions and states (the server answers it with 409 Conflict, RFC 9110 §15.5.10: the request
 * conflicts with the current state of the resource). A reason is checked only for transitions
 * that require one; an empty or blank reason counts as missing.
 */
export function transition<S extends string, A extends string>(
  table: WorkflowTable<S, A>,
  from: string,
  action: string,
  role: Role,
  options: { reason?: string | null } = {},
): TransitionOutcome<S, A> {
  const allowed = allowedSteps(table, from);
  const refuse = (code: WorkflowErrorCode, message: string): TransitionOutcome<S, A> => ({
    ok: false,
    code,
    message,
    from,
    action,
    allowed,
  });
  if (!(table.states as readonly string[]).includes(from)) {
    return refuse('unknown_state', `${table.name}: '${from}' is not a state of this workflow`);
  }
  if (allowed.length === 0) {
    return refuse(
      'terminal_state',
      `${table.name}: '${from}' is final; no action is possible (tried '${action}')`,
    );
  }
  const match = table.transitions.find((tr) => tr.from === from && tr.action === action);
  if (match === undefined) {
    return refuse(
      'unknown_action',
      `${table.name}: '${action}' is not possible from '${from}'; allowed: ${describeSteps(allowed)}`,
    );
  }
  if (!match.roles.includes(role)) {
    return refuse(
      'role_not_allowed',
      `${table.name}: role ${role} may not '${action}' from '${from}'; roles allowed: ${match.roles.join(', ')}`,
    );
  }
  if (match.reasonRequired && (options.reason ?? '').trim() === '') {
    return refuse('reason_required', `${table.name}: '${action}' from '${from}' requires a reason`);
  }
  return { ok: true, to: match.to, transition: match };
}

/**
 * Structural problems of a table: undeclared states, duplicate (state, action) pairs, terminal
 * states with outgoing transitions, non-terminal states without any, states unreachable from
 * the initial state, and states from which no terminal state can be reached (both by
 * breadth-first search; Cormen et al., "Introduction to Algorithms", 3rd ed., §22.2).
 */
export function validateWorkflowTable(table: WorkflowTable): string[] {
  const problems: string[] = [];
  const states = new Set(table.states);
  const terminal = new Set(table.terminal);
  for (const s of [table.initial, ...table.terminal]) {
    if (!states.has(s)) problems.push(`state '${s}' is not declared`);
  }
  const seen = new Set<string>();
  for (const tr of table.transitions) {
    if (!states.has(tr.from)) problems.push(`transition from undeclared state '${tr.from}'`);
    if (!states.has(tr.to)) problems.push(`transition to undeclared state '${tr.to}'`);
    const key = `${tr.from}\u0000${tr.action}`;
    if (seen.has(key)) problems.push(`duplicate action '${tr.action}' from '${tr.from}'`);
    seen.add(key);
    if (terminal.has(tr.from)) problems.push(`terminal state '${tr.from}' has a transition`);
    if (tr.roles.length === 0) problems.push(`'${tr.action}' from '${tr.from}' has no role`);
  }
  for (const s of table.states) {
    if (!terminal.has(s) && !table.transitions.some((tr) => tr.from === s)) {
      problems.push(`non-terminal state '${s}' has no transition`);
    }
  }
  const reachable = reachableStates(table);
  for (const s of table.states) {
    if (!reachable.has(s)) problems.push(`state '${s}' is unreachable`);
  }
  const finishing = statesReachingTerminal(table);
  for (const s of reachable) {
    if (!finishing.has(s)) problems.push(`no terminal state can be reached from '${s}'`);
  }
  return problems;
}

/** States reachable from the initial state (breadth-first search, Cormen et al. §22.2). */
export function reachableStates(table: WorkflowTable): Set<string> {
  const seen = new Set<string>([table.initial]);
  const queue = [table.initial];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as string;
    for (const tr of table.transitions) {
      if (tr.from === s && !seen.has(tr.to)) {
        seen.add(tr.to);
        queue.push(tr.to);
      }
    }
  }
  return seen;
}

/** States from which some terminal state is reachable (breadth-first search on reversed edges). */
export function statesReachingTerminal(table: WorkflowTable): Set<string> {
  const seen = new Set<string>(table.terminal);
  const queue = [...table.terminal];
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head] as string;
    for (const tr of table.transitions) {
      if (tr.to === s && !seen.has(tr.from)) {
        seen.add(tr.from);
        queue.push(tr.from);
      }
    }
  }
  return seen;
}
