export * from './random.ts';
export * from './participants.ts';
export * from './demo-generator.ts';
