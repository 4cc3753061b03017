import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ideaResultSchema } from '../../shared/methods/idea-results';
import { BOARD_ID_PATTERN, ID_PATTERN } from '../../shared/protocol/routes';
import type { IdeaResults } from '../ideas/results';
import type { BoardStore } from '../storage/types';
import { requireBoardRole } from './auth';
import { baseUrl } from './boards';
import { HttpError, parseOr400 } from './errors';
import { AddressLimiter } from './ideas';
import { requestLocale } from './pages';
import { RESULTS_CSS, renderMissingResults, renderResultsPage } from './results-page';

export interface ResultsRoutesDeps {
  store: BoardStore;
  results: IdeaResults;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  /** Page views per address before 429: a burst, then so many a minute. */
  views: { burst: number; perMinute: number };
}

/** The public page's address: a key of its own, so it opens nothing but itself. */
export function resultsLink(base: string, boardId: string, key: string): string {
  return `${base}/results/${encodeURIComponent(boardId)}/${encodeURIComponent(key)}`;
}

const ideaIdSchema = z.string().regex(ID_PATTERN, 'not an idea id');

/**
 * The residents' results page (docs/api.md): facilitators set a public reply per idea and
 * publish or take down the page under /api; the page itself is plain server-made HTML at
 * /results/:id/:key, with its one stylesheet, no script and nothing of the board's bundle.
 */
export function resultsRoutes({ store, results, adminToken, publicUrl, views }: ResultsRoutesDeps): { api: Router; page: Router } {
  const api = Router();
  const page = Router();
  const limiter = new AddressLimiter(views.burst, views.perMinute);

  async function facilitatorBoard(req: Request): Promise<string> {
    const boardId = String(req.params.id);
    if (!BOARD_ID_PATTERN.test(boardId)) throw new HttpError(404, 'no such board');
    await requireBoardRole(req, store, boardId, ['facilitator'], adminToken);
    if (!(await store.getBoard(boardId))) throw new HttpError(404, 'no such board');
    return boardId;
  }

  const linkOf = (req: Request, boardId: string, key: string | null) => (key ? resultsLink(baseUrl(req, publicUrl), boardId, key) : null);

  api.get('/boards/:id/ideas/results', async (req, res) => {
    const boardId = await facilitatorBoard(req);
    const { key, entries } = await results.overview(boardId);
    res.json({ link: linkOf(req, boardId, key), entries });
  });

  api.put('/boards/:id/ideas/results/:ideaId', async (req, res) => {
    const boardId = await facilitatorBoard(req);
    const ideaId = parseOr400(z.object({ ideaId: ideaIdSchema }), { ideaId: req.params.ideaId }).ideaId;
    const input = parseOr400(ideaResultSchema, req.body ?? {});
    if (!(await results.setEntry(boardId, ideaId, input))) throw new HttpError(404, 'ideaId: no such idea on this board');
    res.status(204).end();
  });

  api.post('/boards/:id/ideas/results/publish', async (req, res) => {
    const boardId = await facilitatorBoard(req);
    res.json({ link: linkOf(req, boardId, await results.publish(boardId)) });
  });

  api.delete('/boards/:id/ideas/results/publish', async (req, res) => {
    const boardId = await facilitatorBoard(req);
    await results.unpublish(boardId);
    res.status(204).end();
  });

  const html = (res: Response, status: number, body: string) => {
    // Never kept by a browser or proxy: taking the page down must take it down at once.
    res.setHeader('Cache-Control', 'no-store');
    res.status(status).type('html').send(body);
  };

  page.get('/results.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('css').send(RESULTS_CSS);
  });

  page.get('/results/:id/:key', async (req, res) => {
    if (!limiter.take(req.ip ?? 'unknown')) {
      res.setHeader('Retry-After', String(Math.ceil(60 / views.perMinute)));
      return html(res, 429, renderMissingResults(requestLocale(req), 'tooMany'));
    }
    const boardId = String(req.params.id);
    const key = String(req.params.key);
    const found = BOARD_ID_PATTERN.test(boardId) && ID_PATTERN.test(key) ? await results.page(boardId, key) : null;
    if (!found) return html(res, 404, renderMissingResults(requestLocale(req)));
    html(res, 200, renderResultsPage(found));
  });

  return { api, page };
}
