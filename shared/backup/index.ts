export * from './format';
export * from './export';
export * from './import';
