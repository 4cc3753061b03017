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
    async generateBundle(_options, bundle) {
      const jobs: Promise<void>[] = [];
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!TEXT.test(fileName)) continue;
        const source = output.type === 'chunk' ? Buffer.from(output.code) : Buffer.from(output.source);
        // index.html and idea.html are filled in by the server per request (lang, the form's title).
        if (source.length < MIN_BYTES || fileName.endsWith('.html')) continue;
        jobs.push(
          brotli(source, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length } }).then((data) => {
            this.emitFile({ type: 'asset', fileName: `${fileName}.br`, source: data });
          }),
          gzip(source, { level: 9 }).then((data) => {
            this.emitFile({ type: 'asset', fileName: `${fileName}.gz`, source: data });
          }),
        );
      }
      await Promise.all(jobs);
    },
  };
}
