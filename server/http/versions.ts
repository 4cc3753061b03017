import { ID_PATTERN } from '../../shared/protocol/routes';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { SchemaTooNewError } from '../../shared/schema/migrate';
import type { VersionService } from '../history/versions';
import type { BoardStore } from '../storage/types';
import { ROLES } from '../storage/types';
import { requireBoardRole } from './auth';
import { boardIdOf } from './boards';
import { HttpError, parseOr400 } from './errors';

const authorSchema = z.string().trim().max(100).default('');
const createBody = z.object({ name: z.string().trim().min(1).max(120), author: authorSchema });
const restoreBody = z.object({ author: authorSchema });
const VERSION_ID = ID_PATTERN;

function versionIdOf(req: Request): string {
  const id = String(req.params.versionId);
  if (!VERSION_ID.test(id)) throw new HttpError(404, 'no such version');
  return id;
}

export interface VersionRoutesDeps {
  store: BoardStore;
  versions: VersionService;
  adminToken: string | undefined;
}

/** A version saved by a newer build (after a downgrade) cannot be opened safely. */
async function openable<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SchemaTooNewError) throw new HttpError(409, `this version was saved by a newer Warsztat (${error.message})`);
    throw error;
  }
}

/**
 * Version history (docs/api.md): every token may list and preview; the facilitator
 * creates versions and restores them.
 */
export function versionRoutes({ store, versions, adminToken }: VersionRoutesDeps): Router {
  const router = Router();

  router.get('/boards/:id/versions', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ROLES, adminToken);
    res.json({ versions: await versions.list(id) });
  });

  router.post('/boards/:id/versions', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const body = parseOr400(createBody, req.body ?? {});
    const version = await versions.create(id, { name: body.name, author: body.author, kind: 'manual' });
    if (!version) throw new HttpError(404, 'no such board');
    res.status(201).json({ version });
  });

  router.get('/boards/:id/versions/:versionId', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ROLES, adminToken);
    const preview = await openable(versions.preview(id, versionIdOf(req)));
    if (!preview) throw new HttpError(404, 'no such version');
    res.json(preview);
  });

  router.post('/boards/:id/versions/:versionId/restore', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const body = parseOr400(restoreBody, req.body ?? {});
    const result = await openable(versions.restore(id, versionIdOf(req), body.author));
    if (!result) throw new HttpError(404, 'no such version');
    res.json(result);
  });

  return router;
}
