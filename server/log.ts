import pino from 'pino';

/** Structured JSON logs (pino); one line per event, fields over prose. */
export function createLogger(level: string) {
  return pino({ level, base: undefined });
}

export type Logger = ReturnType<typeof createLogger>;
