// Entry of the spreadsheet-reading process: lets it load TypeScript (as `npm start` does
// with --import tsx), whatever the server was started with, then waits for files.
import { register } from 'tsx/esm/api';

register();
await import('./spreadsheet-child.ts');
