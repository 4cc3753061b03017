import path from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { BOARD_ID_PATTERN, ID_PATTERN } from '../../shared/protocol/routes';
import type { IdeaInbox } from '../ideas/inbox';
import type { PrivacyService } from '../privacy/service';
import type { BoardStore } from '../storage/types';
import { PageTemplate, renderPage, requestLocale } from './pages';

/** Hashed file names (Vite's `assets/`): a new build gives new names, so a year is safe. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface ClientRoutesDeps {
  clientDir: string;
  store: BoardStore;
  inbox: IdeaInbox;
  privacy: PrivacyService;
}

/**
 * The built client (dist/client). Assets go out as the brotli or gzip copies written at
 * build time (scripts/vite-precompress.ts), whichever the browser accepts, cached for a year;
 * the pages (index.html for the app, idea.html for the residents' form) are filled in per
 * request (pages.ts) and revalidated every time, so a new build reaches everyone at once.
 */
export function clientRoutes({ clientDir, store, inbox, privacy }: ClientRoutesDeps): Router {
  const router = Router();
  const index = new PageTemplate(path.join(clientDir, 'index.html'));
  const idea = new PageTemplate(path.join(clientDir, 'idea.html'));
  router.use(
    '/assets',
    expressStaticGzip(path.join(clientDir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { index: false, fallthrough: true, setHeaders: (res) => res.setHeader('Cache-Control', IMMUTABLE) },
    }),
  );
  // Anything else built beside the pages (none today): revalidated, as its name has no hash.
  router.use(express.static(clientDir, { index: false, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));

  const send = (res: Response, status: number, html: string | null) => {
    if (html === null) {
      res.status(503).type('text/plain').send('Client not built: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Language');
    res.status(status).type('html').send(html);
  };

  router.get('/idea/:id/:key', async (req, res) => {
    const template = idea.read();
    if (template === null) return send(res, 503, null);
    const boardId = String(req.params.id);
    const key = String(req.params.key);
    const board = BOARD_ID_PATTERN.test(boardId) && ID_PATTERN.test(key) ? await store.getBoard(boardId) : null;
    if (board && (await inbox.checkKey(boardId, key))) {
      send(res, 200, renderPage(template, { locale: board.locale, boot: 'form', rootData: { state: 'open', title: board.title, locale: board.locale, privacy: JSON.stringify(await privacy.notices(boardId)) } }));
    } else {
      const locale = requestLocale(req);
      send(res, 404, renderPage(template, { locale, boot: 'formMissing', rootData: { state: 'missing', locale } }));
    }
  });
  router.get(/^\/(?!api\/|yjs\/|assets\/).*/, async (req: Request, res) => {
    const template = index.read();
    if (template === null) return send(res, 503, null);
    const boardPath = /^\/b\/([^/]+)\/?$/.exec(req.path);
    const board = boardPath && BOARD_ID_PATTERN.test(boardPath[1]!) ? await store.getBoard(boardPath[1]!) : null;
    send(res, 200, renderPage(template, { locale: board?.locale ?? requestLocale(req), boot: boardPath ? 'board' : 'lobby' }));
  });
  return router;
}
