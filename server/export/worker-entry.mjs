// Entry of the export worker thread: lets the thread load TypeScript (as `npm start` does
// with --import tsx), whatever the main thread was started with, then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
