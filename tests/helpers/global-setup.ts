import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Everything the client bundle is made from: its sources, the shared code it imports, the build's config and the installed packages. */
const INPUT_DIRS = ['client', 'shared'];
const INPUT_FILES = ['vite.config.ts', 'scripts/vite-fast-var-string.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** The inputs' hash of the build in dist/client; outside it, since the build empties dist/client and the server serves it. */
const STAMP = path.join(ROOT, 'dist/client-build.sha256');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * One hash of the build's inputs, names and contents: a checkout, a stash or a copy changes
 * mtimes without changing what is built, and an edit undone within a second keeps them.
 */
export function clientInputsHash(root = ROOT): string {
  const files = [...INPUT_DIRS.flatMap((dir) => filesUnder(path.join(root, dir))), ...INPUT_FILES.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file))];
  const hash = createHash('sha256');
  for (const file of files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort()) {
    hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

/**
 * The browser tests load the built client, so it must be built from this tree. It is built
 * only when its inputs changed since the last build (the stamp holds their hash), and only
 * for the browser project: this file is that project's global setup. With
 * WARSZTAT_SKIP_CLIENT_BUILD=1 the build in dist/client is used as it is.
 */
export default function setup(): void {
  if (process.env.WARSZTAT_SKIP_CLIENT_BUILD === '1') {
    console.log('[global-setup] client build skipped: WARSZTAT_SKIP_CLIENT_BUILD=1');
    return;
  }
  const inputs = clientInputsHash();
  const built = fs.existsSync(path.join(ROOT, 'dist/client/index.html')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === inputs;
  if (built) {
    console.log('[global-setup] client build is up to date with its sources');
    return;
  }
  // The stamp goes first, so an interrupted build is never taken for a finished one.
  fs.rmSync(STAMP, { force: true });
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build into
  // dist/client, the folder `npm start` serves: build for production explicitly.
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) throw new Error('client build produced no index.html');
  fs.writeFileSync(STAMP, `${inputs}\n`);
}
