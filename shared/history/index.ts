export * from './restore';
export * from './summary';
