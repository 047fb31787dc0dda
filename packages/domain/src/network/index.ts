export * from './compact-graph.ts';
export * from './projection.ts';
export * from './brokerage.ts';
export * from './composition.ts';
export * from './programme-indicators.ts';
export * from './time-series.ts';
export * from './hubs.ts';
