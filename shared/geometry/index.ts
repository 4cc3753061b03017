export * from './rect';
export * from './elements';
export * from './viewport';
export * from './resize';
export * from './frame-titles';
