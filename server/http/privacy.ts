import { Router, type Request } from 'express';
import { dataSubjectSchema, erasureSchema, retentionSchema, type DataSubject } from '../../shared/privacy/rules';
import { BOARD_ID_PATTERN } from '../../shared/protocol/routes';
import type { PrivacyService } from '../privacy/service';
import type { BoardStore } from '../storage/types';
import { isAdmin, requireBoardRole } from './auth';
import { HttpError, parseOr400 } from './errors';
import { z } from 'zod';

export interface PrivacyRoutesDeps {
  store: BoardStore;
  privacy: PrivacyService;
  adminToken: string | undefined;
}

const subjectBody = z.object({ subject: dataSubjectSchema }).strict();

/** Only residents (by contact) can be looked up and erased so far; participants by name are not (docs/privacy.md). */
function residentOnly(subject: DataSubject): Extract<DataSubject, { kind: 'resident' }> {
  if (subject.kind !== 'resident') throw new HttpError(501, 'subject.kind: erasing a participant by name is not available yet; see docs/privacy.md');
  return subject;
}

/**
 * RODO tools of a board (docs/api.md, docs/privacy.md): the notice any holder of a link may
 * read, and for facilitators the retention, search, export and erasure of one person's data
 * and the audit log of those actions.
 */
export function privacyRoutes({ store, privacy, adminToken }: PrivacyRoutesDeps): Router {
  const router = Router();

  async function board(req: Request, roles: readonly ('facilitator' | 'participant' | 'observer')[]): Promise<{ boardId: string; actor: string; locale: 'pl' | 'en' }> {
    const boardId = String(req.params.id);
    if (!BOARD_ID_PATTERN.test(boardId)) throw new HttpError(404, 'no such board');
    await requireBoardRole(req, store, boardId, roles, adminToken);
    const record = await store.getBoard(boardId);
    if (!record) throw new HttpError(404, 'no such board');
    return { boardId, actor: isAdmin(req, adminToken) ? 'admin' : 'facilitator', locale: record.locale };
  }

  router.get('/boards/:id/privacy/notice', async (req, res) => {
    const { boardId, locale } = await board(req, ['facilitator', 'participant', 'observer']);
    res.json(await privacy.notice(boardId, locale));
  });

  router.get('/boards/:id/privacy', async (req, res) => {
    const { boardId, locale } = await board(req, ['facilitator']);
    res.json({ ...(await privacy.notice(boardId, locale)), audit: await privacy.auditLog(boardId) });
  });

  router.put('/boards/:id/privacy/retention', async (req, res) => {
    const { boardId, actor } = await board(req, ['facilitator']);
    const { days } = parseOr400(retentionSchema, req.body ?? {});
    await privacy.setRetention(boardId, days, actor);
    res.json({ retentionDays: days });
  });

  router.post('/boards/:id/privacy/search', async (req, res) => {
    const { boardId, actor } = await board(req, ['facilitator']);
    const subject = residentOnly(parseOr400(subjectBody, req.body ?? {}).subject);
    const found = await privacy.search(boardId, subject);
    await privacy.audit(boardId, actor, 'search', `resident: ${found.contacts.length} contact(s) found`);
    res.json(found);
  });

  router.post('/boards/:id/privacy/export', async (req, res) => {
    const { boardId, actor } = await board(req, ['facilitator']);
    const subject = residentOnly(parseOr400(subjectBody, req.body ?? {}).subject);
    res.setHeader('Content-Disposition', 'attachment; filename="dane-osobowe.json"');
    res.setHeader('Cache-Control', 'no-store');
    res.json(await privacy.export(boardId, subject, actor));
  });

  router.post('/boards/:id/privacy/erase', async (req, res) => {
    const { boardId, actor } = await board(req, ['facilitator']);
    const { subject } = parseOr400(erasureSchema, req.body ?? {});
    res.json({ erased: await privacy.erase(boardId, residentOnly(subject), actor) });
  });

  return router;
}
