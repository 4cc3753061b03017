import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** What is worth compressing: text. Pictures and fonts of the build are compressed already. */
const TEXT = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every text file of
 * the build, so the server sends them without compressing per request (server/http/static.ts).
 * Done once at build time, the slowest, smallest settings cost nothing at run time.
 */
export function precompress(): Plugin {
  return {
    name: 'warsztat:precompress',
    apply: 'build',
    enforce: 'post',
    // After the files are written: by then every plugin has finished with the code (Vite
    // fills in its preload lists late), so the copies are of exactly what is served.
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '.';
      const jobs: Promise<void>[] = [];
      for (const fileName of Object.keys(bundle)) {
        // index.html and idea.html are filled in by the server per request (lang, the form's title).
        if (!TEXT.test(fileName) || fileName.endsWith('.html')) continue;
        const file = path.join(dir, fileName);
        jobs.push(
          fs.readFile(file).then(async (source) => {
            if (source.length < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
              gzip(source, { level: 9 }),
            ]);
            await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
          }),
        );
      }
      await Promise.all(jobs);
    },
  };
}
