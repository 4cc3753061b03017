export * from './errors';
export * from './elements';
export * from './zorder';
export * from './board';
