export * from './workflow.ts';
export * from './instrument-rules.ts';
export * from './conflicts.ts';
export * from './assignment.ts';
export * from './review-scores.ts';
export * from './overlap.ts';
export * from './money.ts';
