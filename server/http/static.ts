import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The built client (dist/client): assets as files, every page route answered with
 * index.html so that board links open the app.
 */
export function clientRoutes(clientDir: string): Router {
  const router = Router();
  const index = path.join(clientDir, 'index.html');
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|yjs\/).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('Client not built: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
