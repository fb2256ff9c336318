export * from './backend';
export * from './classes';
export * from './messages';
export * from './training';
export * from './modelBuffers';
export * from './configRules';
export * from './faults';
