export * from './random.ts';
export * from './participants.ts';
export * from './demo-generator.ts';
export * from './permissions.ts';
export * from './password-policy.ts';
export * from './mapping/index.ts';
export * from './network/index.ts';
export * from './evaluation/index.ts';
