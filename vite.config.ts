import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fastVarString } from './scripts/vite-fast-var-string';
import { precompress } from './scripts/vite-precompress';
import { lateStylesheet } from './scripts/vite-late-stylesheet';
import { preloadInterface } from './scripts/vite-preload-interface';

/**
 * The client lives in client/; the server serves dist/client in production. Two pages: the
 * app (index.html) and the residents' idea form (idea.html), which loads none of the board.
 * Source maps are left out unless WARSZTAT_SOURCEMAP=1: published, they hand out the whole
 * source and weigh four times the code.
 */
export default defineConfig({
  root: 'client',
  plugins: [react(), fastVarString(), preloadInterface(), lateStylesheet(['idea.html']), precompress()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: process.env.WARSZTAT_SOURCEMAP === '1',
    rolldownOptions: { input: { index: path.resolve(import.meta.dirname, 'client/index.html'), idea: path.resolve(import.meta.dirname, 'client/idea.html') } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/yjs': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
