export * from './apply';
export * from './layout';
export * from './metrics';
export * from './propose';
export * from './rules';
export * from './target';
