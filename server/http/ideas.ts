import { ID_PATTERN } from '../../shared/protocol/routes';
import { Router, type Request } from 'express';
import { ideaSubmissionSchema } from '../../shared/methods/ideas';
import { RateLimiter } from '../rate-limit';
import { InboxFullError, type IdeaInbox } from '../ideas/inbox';
import type { PrivacyService } from '../privacy/service';
import type { BoardStore } from '../storage/types';
import { BOARD_ID_PATTERN } from '../tokens';
import { requireBoardRole } from './auth';
import { baseUrl } from './boards';
import { HttpError, parseOr400 } from './errors';

export interface IdeaRoutesDeps {
  store: BoardStore;
  inbox: IdeaInbox;
  privacy: PrivacyService;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  /** Submissions per address: a burst of `burst`, then one every `60 / perMinute` seconds. */
  submissions: { burst: number; perMinute: number };
}

/** The public form's address; the key rides in the path since the form is meant to be passed around. */
export function ideaFormLink(base: string, boardId: string, formKey: string): string {
  return `${base}/idea/${encodeURIComponent(boardId)}/${encodeURIComponent(formKey)}`;
}

const KEY_PATTERN = ID_PATTERN;

function boardIdOf(req: Request): string {
  const id = String(req.params.id);
  if (!BOARD_ID_PATTERN.test(id)) throw new HttpError(404, 'no such board');
  return id;
}

/**
 * The unit a flood is counted in: an IPv4 address, or an IPv6 /64 (one home or one
 * server usually gets a whole /64, so counting single IPv6 addresses would not limit it).
 */
export function addressKey(ip: string): string {
  const v4 = ip.match(/^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::', 2);
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** Per-address token buckets; the least recently seen are forgotten first, so the map stays small. */
export class AddressLimiter {
  private readonly buckets = new Map<string, RateLimiter>();
  constructor(private readonly burst: number, private readonly perMinute: number, private readonly capacity = 10_000) {}
  take(ip: string): boolean {
    const key = addressKey(ip);
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new RateLimiter(this.burst, this.perMinute / 60);
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.capacity) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take();
  }
}

/**
 * Residents' idea cards (docs/api.md): the public form reads the board's title and posts
 * ideas with nothing but the form key; facilitators get the form link and the contacts.
 */
export function ideaRoutes({ store, inbox, privacy, adminToken, publicUrl, submissions }: IdeaRoutesDeps): Router {
  const router = Router();
  const limiter = new AddressLimiter(submissions.burst, submissions.perMinute);
  const base = (req: Request) => baseUrl(req, publicUrl);

  async function openForm(req: Request): Promise<{ boardId: string; key: string }> {
    const boardId = boardIdOf(req);
    const key = String(req.params.key);
    if (!KEY_PATTERN.test(key) || !(await store.getBoard(boardId)) || !(await inbox.checkKey(boardId, key))) {
      throw new HttpError(404, 'this idea form does not exist (the link may have been replaced)');
    }
    return { boardId, key };
  }

  router.get('/ideas/:id/:key', async (req, res) => {
    const { boardId } = await openForm(req);
    const board = await store.getBoard(boardId);
    // The information clause and the consent's wording travel with the form, in the board's language.
    res.json({ title: board!.title, locale: board!.locale, privacy: await privacy.notice(boardId, board!.locale), notices: await privacy.notices(boardId) });
  });

  router.post('/ideas/:id/:key', async (req, res) => {
    if (!limiter.take(req.ip ?? 'unknown')) {
      res.setHeader('Retry-After', String(Math.ceil(60 / submissions.perMinute)));
      throw new HttpError(429, 'too many ideas from this address; please wait a moment and try again');
    }
    const { boardId, key } = await openForm(req);
    const idea = parseOr400(ideaSubmissionSchema, req.body ?? {});
    const wording = await privacy.wordingFor(boardId);
    const done = await inbox.submit(boardId, key, idea, { wording }).catch((error: unknown) => {
      if (error instanceof InboxFullError) throw new HttpError(409, error.message);
      throw error;
    });
    if (!done) throw new HttpError(404, 'this idea form does not exist (the link may have been replaced)');
    res.status(201).json(done);
  });

  router.get('/boards/:id/ideas/form', async (req, res) => {
    const boardId = boardIdOf(req);
    await requireBoardRole(req, store, boardId, ['facilitator'], adminToken);
    if (!(await store.getBoard(boardId))) throw new HttpError(404, 'no such board');
    res.json({ link: ideaFormLink(base(req), boardId, await inbox.formKey(boardId)) });
  });

  router.post('/boards/:id/ideas/form/rotate', async (req, res) => {
    const boardId = boardIdOf(req);
    await requireBoardRole(req, store, boardId, ['facilitator'], adminToken);
    if (!(await store.getBoard(boardId))) throw new HttpError(404, 'no such board');
    res.json({ link: ideaFormLink(base(req), boardId, await inbox.rotateFormKey(boardId)) });
  });

  router.get('/boards/:id/ideas/contacts', async (req, res) => {
    const boardId = boardIdOf(req);
    await requireBoardRole(req, store, boardId, ['facilitator'], adminToken);
    if (!(await store.getBoard(boardId))) throw new HttpError(404, 'no such board');
    const records = Object.values(await inbox.contacts(boardId));
    // Contacts by idea id as before, and beside them the consent each was given with.
    res.json({
      contacts: Object.fromEntries(records.map((c) => [c.ideaId, c.contact])),
      consents: Object.fromEntries(records.map((c) => [c.ideaId, { text: c.consentText, at: c.consentAt }])),
    });
  });

  return router;
}
