import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { BoardStore, Role, TokenGrant } from '../storage/types';
import { hashToken } from '../tokens';
import { HttpError } from './errors';

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a));
  const y = Buffer.from(hashToken(b));
  return timingSafeEqual(x, y);
}

/** Whether ADMIN_TOKEN is configured and the request carries it. */
export function isAdmin(req: Request, adminToken: string | undefined): boolean {
  const token = bearerToken(req);
  return Boolean(adminToken && token && sameSecret(token, adminToken));
}

/** When ADMIN_TOKEN is configured, the request must carry it. */
export function requireAdmin(req: Request, adminToken: string | undefined): void {
  if (!adminToken) return;
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'admin token required');
  if (!sameSecret(token, adminToken)) throw new HttpError(403, 'wrong admin token');
}

/**
 * The role a request's token grants on a board; throws 401/403 when it grants none of
 * `allowed`. The admin token counts as facilitator everywhere.
 */
export async function requireBoardRole(
  req: Request,
  store: BoardStore,
  boardId: string,
  allowed: readonly Role[],
  adminToken: string | undefined,
): Promise<Role> {
  return (await requireBoardGrant(req, store, boardId, allowed, adminToken)).role;
}

/** As requireBoardRole, with the whole grant (a personal link's id and name among it). */
export async function requireBoardGrant(
  req: Request,
  store: BoardStore,
  boardId: string,
  allowed: readonly Role[],
  adminToken: string | undefined,
): Promise<TokenGrant> {
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'token required (Authorization: Bearer <token>)');
  if (adminToken && sameSecret(token, adminToken)) return { boardId, role: 'facilitator' };
  const grant = await store.findToken(hashToken(token));
  if (!grant || grant.boardId !== boardId) throw new HttpError(401, 'invalid token for this board');
  if (!allowed.includes(grant.role)) throw new HttpError(403, `this needs the ${allowed.join(' or ')} link`);
  return grant;
}
