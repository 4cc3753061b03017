export * from './restore';
export * from './summary';
export * from './retention';
