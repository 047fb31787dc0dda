import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  projectCycleWorkflows,
  proposalWorkflow,
  reachableStates,
  reportWorkflow,
  statesReachingTerminal,
  transition,
  validateWorkflowTable,
  type WorkflowTable,
} from './workflow.ts';

const tables = Object.values(projectCycleWorkflows);

describe('transition', () => {
  it('moves a submitted proposal into screening for an officer', () => {
    const out = transition(proposalWorkflow, 'submitted', 'start_screening', 'programme_officer');
    expect(out).toMatchObject({ ok: true, to: 'screening' });
  });

  it('refuses an illegal action and lists the allowed next actions and states', () => {
    const out = transition(proposalWorkflow, 'draft', 'select', 'programme_officer');
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.code).toBe('unknown_action');
    expect(out.allowed.map((s) => `${s.action}:${s.to}`)).toEqual([
      'submit:submitted',
      'withdraw:withdrawn',
    ]);
    expect(out.message).toBe(
      "proposal: 'select' is not possible from 'draft'; allowed: submit -> submitted, withdraw -> withdrawn",
    );
  });

  it('refuses a role that may not take the transition', () => {
    const out = transition(proposalWorkflow, 'committee', 'select', 'evaluator', { reason: 'x' });
    expect(out).toMatchObject({ ok: false, code: 'role_not_allowed' });
  });

  it('requires a reason where the table says so, and accepts it when given', () => {
    expect(transition(proposalWorkflow, 'committee', 'reject', 'admin')).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
    expect(
      transition(proposalWorkflow, 'committee', 'reject', 'admin', { reason: '   ' }),
    ).toMatchObject({ ok: false, code: 'reason_required' });
    expect(
      transition(proposalWorkflow, 'committee', 'reject', 'admin', { reason: 'Out of scope' }),
    ).toMatchObject({ ok: true, to: 'rejected' });
  });

  it('refuses any action from a terminal state and from an unknown state', () => {
    expect(transition(reportWorkflow, 'accepted', 'submit', 'member')).toMatchObject({
      ok: false,
      code: 'terminal_state',
      allowed: [],
    });
    expect(transition(reportWorkflow, 'lost', 'submit', 'member')).toMatchObject({
      ok: false,
      code: 'unknown_state',
    });
  });

  it('walks a report through one amendment round to acceptance', () => {
    const steps: [string, 'member' | 'programme_officer', string?][] = [
      ['submit', 'member'],
      ['request_amendment', 'programme_officer', 'Missing receipts'],
      ['resubmit', 'member'],
      ['accept', 'programme_officer'],
    ];
    let state = reportWorkflow.initial;
    for (const [action, role, reason] of steps) {
      const out = transition(reportWorkflow, state, action, role, { reason });
      if (!out.ok) throw new Error(out.message);
      state = out.to;
    }
    expect(state).toBe('accepted');
  });
});

describe('workflow tables', () => {
  it.each(tables.map((tb) => [tb.name, tb] as const))('%s is structurally sound', (_, table) => {
    expect(validateWorkflowTable(table)).toEqual([]);
  });

  it('validation detects a trap state and a terminal state with an exit', () => {
    const broken: WorkflowTable = {
      name: 'broken',
      initial: 'a',
      states: ['a', 'b', 'c'],
      terminal: ['c'],
      transitions: [
        { from: 'a', action: 'go', to: 'b', roles: ['admin'], reasonRequired: false },
        { from: 'b', action: 'back', to: 'a', roles: ['admin'], reasonRequired: false },
        { from: 'c', action: 'again', to: 'a', roles: ['admin'], reasonRequired: false },
      ],
    };
    const problems = validateWorkflowTable(broken);
    expect(problems).toContain("terminal state 'c' has a transition");
    expect(problems).toContain("state 'c' is unreachable");
    expect(problems).toContain("no terminal state can be reached from 'a'");
  });

  it('property: from every reachable state some path reaches a terminal state', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tables), (table) => {
        const finishing = statesReachingTerminal(table);
        for (const s of reachableStates(table)) expect(finishing.has(s)).toBe(true);
      }),
    );
  });

  it('property: terminal states have no outgoing transitions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tables), (table) => {
        for (const s of table.terminal) {
          expect(table.transitions.filter((tr) => tr.from === s)).toEqual([]);
        }
      }),
    );
  });

  it('property: random walks (each transition taken at most 3 times) end in a terminal state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...tables),
        fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
        (table, choices) => {
          const used = new Map<string, number>();
          let state = table.initial;
          for (const choice of choices) {
            const open = table.transitions.filter(
              (tr) => tr.from === state && (used.get(`${tr.from}/${tr.action}`) ?? 0) < 3,
            );
            if (open.length === 0) break;
            const tr = open[choice % open.length]!;
            used.set(`${tr.from}/${tr.action}`, (used.get(`${tr.from}/${tr.action}`) ?? 0) + 1);
            const out = transition(table, state, tr.action, tr.roles[0]!, { reason: 'because' });
            if (!out.ok) throw new Error(out.message);
            state = out.to;
          }
          expect(table.terminal).toContain(state);
        },
      ),
    );
  });
});
