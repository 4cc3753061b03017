import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';

/** An error with an HTTP status; its message is sent to the client as `{ error }`, with `details` beside it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Parses a request part with a zod schema, or throws a 400 naming the first problem. */
export function parseOr400<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length ? `${issue.path.join('.')}: ` : '';
  throw new HttpError(400, `${where}${issue?.message ?? 'invalid request'}`);
}

export const notFoundJson: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not found' });
};

/** Turns anything thrown into JSON; bodies express could not parse become 400 or 413. */
export function errorHandler(log: { error: (o: object, m: string) => void }): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ ...err.details, error: err.message });
      return;
    }
    const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (err?.type === 'entity.too.large') {
      res.status(413).json({ error: 'request body too large' });
    } else if (err?.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'body is not valid JSON' });
    } else if (status >= 400 && status < 500) {
      res.status(status).json({ error: err?.message ?? 'bad request' });
    } else {
      log.error({ err }, 'request failed');
      res.status(500).json({ error: 'internal error' });
    }
  };
}
