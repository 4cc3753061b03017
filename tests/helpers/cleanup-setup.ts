import { afterEach } from 'vitest';
import { runCleanups } from './server';

// A setup file runs for every test file, also when files share one module graph
// (isolate: false): a hook at the top of a shared helper would be registered only once.
afterEach(runCleanups);
