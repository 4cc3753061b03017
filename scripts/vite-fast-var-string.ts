import path from 'node:path';
import type { Plugin } from 'vite';

/** The line of lib0/decoding.js that picks its string reader. */
const CHOICE = 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill';
const READER = path.resolve(import.meta.dirname, '../shared/protocol/var-string.ts');

/**
 * Makes lib0 (and so Yjs, which reads every string of a document through it) read short ASCII
 * strings without TextDecoder in the browser build; see shared/protocol/var-string.ts for why.
 * The build fails if lib0 no longer has the line it replaces, so an upgrade cannot drop the
 * change unnoticed.
 */
export function fastVarString(): Plugin {
  let replaced = false;
  return {
    name: 'warsztat:fast-var-string',
    apply: 'build',
    transform(code, id) {
      if (!/[\\/]lib0[\\/]decoding\.js$/.test(id)) return null;
      if (!code.includes(CHOICE)) this.error(`lib0/decoding.js no longer contains "${CHOICE}": update scripts/vite-fast-var-string.ts`);
      replaced = true;
      const replacement = `import { readVarStringWith as __readVarStringWith } from ${JSON.stringify(READER)};\nexport const readVarString = string.utf8TextDecoder ? __readVarStringWith(readVarUint, string.utf8TextDecoder) : _readVarStringPolyfill`;
      return { code: code.replace(CHOICE, replacement), map: null };
    },
    buildEnd(error) {
      if (!error && !replaced) this.error('lib0/decoding.js was not part of the build: scripts/vite-fast-var-string.ts found nothing to change');
    },
  };
}
