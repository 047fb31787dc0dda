export * from './workflow.ts';
export * from './assignment.ts';
