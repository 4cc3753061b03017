import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from '../log';
import { isAdmin } from './auth';

export interface CreationLimitOptions {
  /** Boards one address may create or import per window. */
  limit: number;
  windowMs: number;
  adminToken: string | undefined;
  log: Logger;
}

/**
 * Board creation and backup import share one budget per client address (`req.ip`: behind a
 * proxy on this machine, its X-Forwarded-For; IPv6 counted per /56), so that nobody can fill
 * the disk anonymously. The configured admin token is trusted and not counted. Runs before
 * the import's large JSON parser, so a refused request is not even read.
 */
export function boardCreationLimit({ limit, windowMs, adminToken, log }: CreationLimitOptions): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => isAdmin(req, adminToken),
    handler: (_req, res) => {
      // Retry-After (seconds until this address's window ends) is already set.
      res.status(429).json({
        error: `too many boards created from this address (at most ${limit} per ${Math.ceil(windowMs / 60_000)} min); please wait and try again`,
      });
    },
    logger: { error: (err, msg) => log.error({ err }, msg ?? 'rate limit'), warn: (err, msg) => log.warn({ err }, msg ?? 'rate limit') },
  });
}
