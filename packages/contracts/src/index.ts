export * from './common.ts';
export * from './registry.ts';
export * from './overview.ts';
export * from './auth.ts';
export * from './mapping.ts';
export * from './network-data.ts';
export * from './network.ts';
