export * from './compact-graph.ts';
