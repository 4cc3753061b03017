import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fastVarString } from './scripts/vite-fast-var-string';

/** The client lives in client/; the server serves dist/client in production. */
export default defineConfig({
  root: 'client',
  plugins: [react(), fastVarString()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/yjs': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
});
