export * from './limits';
export * from './element-base';
export * from './elements';
export * from './doc';
export * from './plain';
export * from './migrate';
