// `npm run export`: runs server/cli.ts from a bundle of its TypeScript, built by esbuild when
// a source file changed since the last build, instead of through tsx. Under tsx every one of
// the command's ~150 modules passes through its loader hooks on another thread, which was most
// of the several seconds a command took; the bundle is one file of our code plus a chunk per
// export format (server/export/index.ts loads each on first use), with the npm packages left as
// they are (imported from node_modules at run time).
//
// The bundle lives in node_modules/.cache/warsztat-cli/ with the list of its inputs (path,
// size, mtime): a run stats them (a few ms) and rebuilds only when one differs. Each build goes
// to a directory of its own, named in `current.json` once complete, so a command never reads
// half a build and one still running keeps its chunks; builds a minute old are removed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'warsztat-cli');
const POINTER = path.join(CACHE, 'current.json');

/** The current build's directory, if it was built from the files as they are now. */
function fresh() {
  try {
    const { dir } = JSON.parse(fs.readFileSync(POINTER, 'utf8'));
    const inputs = JSON.parse(fs.readFileSync(path.join(CACHE, dir, 'inputs.json'), 'utf8'));
    const same = inputs.every(({ file, size, mtimeMs }) => {
      const stat = fs.statSync(path.join(ROOT, file), { throwIfNoEntry: false });
      return stat !== undefined && stat.size === size && stat.mtimeMs === mtimeMs;
    });
    return same ? path.join(CACHE, dir) : undefined;
  } catch {
    return undefined;
  }
}

async function build() {
  const { build: esbuild } = await import('esbuild');
  fs.mkdirSync(CACHE, { recursive: true });
  const out = fs.mkdtempSync(path.join(CACHE, 'build-'));
  const result = await esbuild({
    entryPoints: { cli: path.join(ROOT, 'server/cli.ts') },
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: out,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'warning',
  });
  // Sizes and times of the inputs as read, so an edit made during the build forces the next one.
  const inputs = Object.keys(result.metafile.inputs).map((file) => {
    const stat = fs.statSync(path.join(ROOT, file));
    return { file, size: stat.size, mtimeMs: stat.mtimeMs };
  });
  fs.writeFileSync(path.join(out, 'inputs.json'), JSON.stringify(inputs));
  const pointer = `${POINTER}.${process.pid}`;
  fs.writeFileSync(pointer, JSON.stringify({ dir: path.basename(out) }));
  fs.renameSync(pointer, POINTER);
  for (const name of fs.readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (name.startsWith('build-') && dir !== out && Date.now() - fs.statSync(dir).mtimeMs > 60_000) fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const dir = fresh() ?? (await build());
await import(pathToFileURL(path.join(dir, 'cli.mjs')).href);
