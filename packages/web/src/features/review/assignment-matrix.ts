/** One cell of the proposal x evaluator matrix: assigned, conflicted, both (an error), or free. */
export type MatrixCell = 'assigned' | 'conflict' | 'both' | 'free';

export interface AssignmentMatrix {
  proposals: { id: number; title: string }[];
  evaluators: { id: number; name: string }[];
  /** cells[p][e] in the order of `proposals` and `evaluators`. */
  cells: MatrixCell[][];
  /** Conflict types per "proposalId:evaluatorId", for the cell's tooltip. */
  reasons: Map<string, string[]>;
}

/**
 * The matrix the assignment page draws: every proposal of the call (from assignments and
 * conflicts) against every evaluator with a load row, marking assigned and conflicted pairs.
 * A pair both assigned and conflicted should never occur; it is marked so it shows if it does.
 */
export function buildAssignmentMatrix(
  assignments: { proposalId: number; proposalTitle: string; evaluatorId: number }[],
  conflicts: { proposalId: number; proposalTitle: string; evaluatorId: number; type: string }[],
  evaluators: { evaluatorId: number; name: string }[],
): AssignmentMatrix {
  const proposals = new Map<number, string>();
  for (const a of assignments) proposals.set(a.proposalId, a.proposalTitle);
  for (const c of conflicts) proposals.set(c.proposalId, c.proposalTitle);
  const assigned = new Set(assignments.map((a) => `${a.proposalId}:${a.evaluatorId}`));
  const reasons = new Map<string, string[]>();
  for (const c of conflicts) {
    const key = `${c.proposalId}:${c.evaluatorId}`;
    reasons.set(key, [...(reasons.get(key) ?? []), c.type]);
  }
  const pList = [...proposals].map(([id, title]) => ({ id, title })).sort((a, b) => a.id - b.id);
  const eList = evaluators.map((e) => ({ id: e.evaluatorId, name: e.name }));
  const cells = pList.map((p) =>
    eList.map((e): MatrixCell => {
      const key = `${p.id}:${e.id}`;
      const a = assigned.has(key);
      const c = reasons.has(key);
      return a && c ? 'both' : a ? 'assigned' : c ? 'conflict' : 'free';
    }),
  );
  return { proposals: pList, evaluators: eList, cells, reasons };
}
