// Entry of a spreadsheet-reading thread: lets the thread load TypeScript (as `npm start` does
// with --import tsx), whatever the main thread was started with, then reads the file.
import { register } from 'tsx/esm/api';

register();
await import('./spreadsheet-worker.ts');
