import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Browser tests load the built client; build it once per run so they test this tree.
 * Unit-only runs (WARSZTAT_SKIP_CLIENT_BUILD=1) skip it and say so.
 */
export default function setup(): void {
  if (process.env.WARSZTAT_SKIP_CLIENT_BUILD === '1') {
    console.log('[global-setup] client build skipped: WARSZTAT_SKIP_CLIENT_BUILD=1');
    return;
  }
  const root = path.resolve(import.meta.dirname, '../..');
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build into
  // dist/client, the folder `npm start` serves: build for production explicitly.
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!fs.existsSync(path.join(root, 'dist/client/index.html'))) throw new Error('client build produced no index.html');
}
