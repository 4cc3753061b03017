export * from './format';
export * from './export';
export * from './import';
export * from './repair-trees';
export type { BackupPath } from './bounds';
