import os from 'node:os';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { boardTitleSchema, localeSchema } from '../../shared/schema/doc';
import { isTemplateName } from '../../shared/templates';
import type { BoardService, RoleTokens } from '../boards';
import type { BoardStore } from '../storage/types';
import { ROLES } from '../storage/types';
import { BOARD_ID_PATTERN } from '../tokens';
import { requireAdmin, requireBoardGrant, requireBoardRole } from './auth';
import { HttpError, parseOr400 } from './errors';
import { firstNetworkAddress, linkOrigin, listensEverywhere } from '../../shared/protocol/link-origin';

const createBody = z.object({
  title: boardTitleSchema,
  template: z.string().max(64).default('blank'),
  locale: localeSchema.default('pl'),
});
const renameBody = z.object({ title: boardTitleSchema });
const roleParam = z.enum(ROLES);

export interface BoardRoutesDeps {
  store: BoardStore;
  boards: BoardService;
  adminToken: string | undefined;
  publicUrl: string | undefined;
}

/** The board's page for a token: the token rides in the fragment, never in server logs. */
export function boardLink(base: string, boardId: string, token: string): string {
  return `${base}/b/${encodeURIComponent(boardId)}#token=${encodeURIComponent(token)}`;
}

/** The app setting that holds the server's HOST (app.ts), read by baseUrl. */
export const LISTEN_HOST_SETTING = 'warsztat listen host';

/** Where handed-out links point (shared/protocol/link-origin.ts): PUBLIC_URL, or this request's host, or this machine's network address. */
export function baseUrl(req: Request, publicUrl: string | undefined): string {
  const listenHost = String(req.app.get(LISTEN_HOST_SETTING) ?? '127.0.0.1');
  return linkOrigin({ publicUrl, protocol: req.protocol, requestHost: req.get('host'), listenHost, networkAddress: listensEverywhere(listenHost) ? firstNetworkAddress(os.networkInterfaces()) : null });
}

export function boardIdOf(req: Request): string {
  const id = String(req.params.id);
  if (!BOARD_ID_PATTERN.test(id)) throw new HttpError(404, 'no such board');
  return id;
}

/** REST for boards: create, list, read, rename, delete, rotate a link (docs/api.md). */
export function boardRoutes({ store, boards, adminToken, publicUrl }: BoardRoutesDeps): Router {
  const router = Router();

  router.post('/boards', async (req, res) => {
    requireAdmin(req, adminToken);
    const body = parseOr400(createBody, req.body ?? {});
    if (!isTemplateName(body.template)) throw new HttpError(400, `unknown template: ${body.template}`);
    const { board, tokens } = await boards.create(body);
    const base = baseUrl(req, publicUrl);
    const links = Object.fromEntries(ROLES.map((role) => [role, boardLink(base, board.id, tokens[role])])) as RoleTokens;
    res.status(201).json({ id: board.id, title: board.title, locale: board.locale, links, tokens });
  });

  router.get('/boards', async (req, res) => {
    // Every board's id and title is the administrator's to see, never anonymous.
    if (!adminToken) throw new HttpError(403, 'listing all boards needs ADMIN_TOKEN to be configured on the server (then send it as Authorization: Bearer <ADMIN_TOKEN>)');
    requireAdmin(req, adminToken);
    res.json({ boards: await store.listBoards() });
  });

  router.get('/boards/:id', async (req, res) => {
    const id = boardIdOf(req);
    const grant = await requireBoardGrant(req, store, id, ROLES, adminToken);
    const board = await store.getBoard(id);
    if (!board) throw new HttpError(404, 'no such board');
    const readOnly = await boards.readOnly(id);
    // A personal link names its holder: the board page offers that name to join with.
    // linkBase: where links handed out now point (the share panel re-bases links it kept from before a change of HOST or PUBLIC_URL).
    res.json({ ...board, role: grant.role, linkBase: baseUrl(req, publicUrl), ...(grant.personalLink ? { personName: grant.personalLink.name } : {}), ...(readOnly ? { readOnly } : {}) });
  });

  router.patch('/boards/:id', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const { title } = parseOr400(renameBody, req.body ?? {});
    const board = await boards.rename(id, title);
    if (!board) throw new HttpError(404, 'no such board');
    res.json(board);
  });

  router.delete('/boards/:id', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    if (!(await boards.delete(id))) throw new HttpError(404, 'no such board');
    res.status(204).end();
  });

  router.post('/boards/:id/links/:role/rotate', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const role = parseOr400(roleParam, req.params.role);
    const token = await boards.rotate(id, role);
    res.json({ role, token, link: boardLink(baseUrl(req, publicUrl), id, token) });
  });

  return router;
}
