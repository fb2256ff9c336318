export * from './backend';
export * from './classes';
export * from './messages';
export * from './training';
