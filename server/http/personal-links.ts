import { ID_PATTERN } from '../../shared/protocol/routes';
import { Router } from 'express';
import { MAX_PERSONAL_LINKS, newPersonalLinkSchema } from '../../shared/protocol/personal-links';
import type { PersonalLinkService } from '../personal-links';
import type { BoardStore, PersonalLinkRecord } from '../storage/types';
import { requireBoardRole } from './auth';
import { baseUrl, boardIdOf, boardLink } from './boards';
import { HttpError, parseOr400 } from './errors';

const LINK_ID_PATTERN = ID_PATTERN;

export interface PersonalLinkRoutesDeps {
  store: BoardStore;
  links: PersonalLinkService;
  adminToken: string | undefined;
  publicUrl: string | undefined;
}

function publicLink(link: PersonalLinkRecord) {
  return { id: link.id, name: link.name, role: link.role, createdAt: link.createdAt };
}

/** REST for personal links: issue, list, revoke (facilitator only; docs/api.md). */
export function personalLinkRoutes({ store, links, adminToken, publicUrl }: PersonalLinkRoutesDeps): Router {
  const router = Router();

  router.post('/boards/:id/links', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const { name, role } = parseOr400(newPersonalLinkSchema, req.body ?? {});
    const created = await links.create(id, name, role);
    if (!created.ok && created.reason === 'noBoard') throw new HttpError(404, 'no such board');
    if (!created.ok) throw new HttpError(409, `a board has at most ${MAX_PERSONAL_LINKS} personal links; revoke some first`);
    // The token is shown this once: only its hash is stored.
    res.status(201).json({ ...publicLink(created.link), link: boardLink(baseUrl(req, publicUrl), id, created.token), token: created.token });
  });

  router.get('/boards/:id/links', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    res.json({ links: (await links.list(id)).map(publicLink) });
  });

  router.delete('/boards/:id/links/:linkId', async (req, res) => {
    const id = boardIdOf(req);
    await requireBoardRole(req, store, id, ['facilitator'], adminToken);
    const linkId = String(req.params.linkId);
    if (!LINK_ID_PATTERN.test(linkId) || !(await links.revoke(id, linkId))) throw new HttpError(404, 'no such personal link');
    res.status(204).end();
  });

  return router;
}
