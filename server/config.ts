import path from 'node:path';
import { z } from 'zod';

const MiB = 1024 * 1024;

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** Everything the server reads from the environment, with defaults (see README). */
export const configSchema = z.object({
  PORT: int(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** When set, creating boards needs `Authorization: Bearer <ADMIN_TOKEN>`; listing all boards always does. */
  ADMIN_TOKEN: z.string().min(1).optional(),
  /** Base of the links handed out (e.g. https://warsztat.example.org); default: the request's own host. */
  PUBLIC_URL: z.url().optional(),
  /** Largest WebSocket frame accepted; larger ones close the socket with 1009. */
  MAX_FRAME_BYTES: int(4 * MiB, 1024),
  /** Largest board document (its stored updates); an edit past it closes with 4413. */
  MAX_DOC_BYTES: int(64 * MiB, 1024),
  MAX_CONNECTIONS_PER_BOARD: int(500, 1),
  /** Largest JSON body of a REST request. */
  MAX_BODY_BYTES: int(1 * MiB, 1024),
  /** Largest board backup accepted by POST /api/boards/import (JSON). */
  MAX_IMPORT_BYTES: int(16 * MiB, 1024),
  /** Versions kept per board; past it the oldest automatic ones go first, then the oldest manual ones. */
  MAX_VERSIONS_PER_BOARD: int(100, 1),
  /** How long an empty board stays in memory after its last connection leaves. */
  ROOM_UNLOAD_DELAY_MS: int(2000),
  /** Stored updates of one board after which they are merged into one. */
  COMPACT_AFTER_UPDATES: int(1000, 2),
  /** SQLite durability: NORMAL survives a killed process, FULL also a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Facilitation commands per second per connection (bursts of twice that). */
  COMMANDS_PER_SECOND: int(10, 1),
  /** Public idea-form submissions per address per minute, after a burst of IDEAS_BURST (then 429). */
  IDEAS_PER_MINUTE: int(6, 1),
  IDEAS_BURST: int(5, 1),
  /** Views of public results pages per address per minute, after a burst of RESULTS_BURST (then 429). */
  RESULTS_PER_MINUTE: int(60, 1),
  RESULTS_BURST: int(30, 1),
  /** RODO information clause (docs/privacy.md): the controller, where to write, or a whole text of the host's own per language. */
  PRIVACY_CONTROLLER: z.string().min(1).default('organizator warsztatu (uzupełnij PRIVACY_CONTROLLER)'),
  PRIVACY_CONTACT: z.string().min(1).default('adres podany przez organizatora (uzupełnij PRIVACY_CONTACT)'),
  PRIVACY_CLAUSE_PL: z.string().optional(),
  PRIVACY_CLAUSE_EN: z.string().optional(),
  /** How often expired residents' contacts are swept away (their retention is set per board, 90 days by default). */
  RETENTION_SWEEP_MS: int(60 * 60 * 1000, 1000),
  /** Boards one address may create or import (together) per BOARD_CREATE_WINDOW_MS, then 429; the admin token is not counted. */
  BOARD_CREATE_LIMIT: int(20, 1),
  BOARD_CREATE_WINDOW_MS: int(10 * 60 * 1000, 1000),
  /** When set, boards live in PostgreSQL instead of SQLite (for several processes). */
  DATABASE_URL: z.string().min(1).optional(),
  /** PostgreSQL schema for Warsztat's tables (created if missing); default: the search path's. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
  /** When set, boards' updates and facilitation reach every process through Redis. */
  REDIS_URL: z.string().min(1).optional(),
  /** How often processes sharing a board compare state vectors (Redis relay repair). */
  RESYNC_MS: int(5000, 100),
  /** The accessibility statement (/deklaracja-dostepnosci): who publishes this Warsztat and whom to write to about accessibility. */
  ACCESSIBILITY_ENTITY: z.string().trim().min(1).max(200).optional(),
  ACCESSIBILITY_CONTACT_NAME: z.string().trim().min(1).max(200).optional(),
  ACCESSIBILITY_CONTACT_EMAIL: z.string().trim().min(1).max(200).optional(),
  ACCESSIBILITY_CONTACT_PHONE: z.string().trim().min(1).max(60).optional(),
  /** When this Warsztat was published (YYYY-MM-DD), for the statement. */
  ACCESSIBILITY_PUBLISHED: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built client; the server serves it when it exists. */
  CLIENT_DIR: z
    .string()
    .default('dist/client')
    // Relative to where the server starts; express's sendFile needs an absolute path.
    .transform((dir) => path.resolve(dir)),
});

export type Config = z.infer<typeof configSchema>;

/** Parses the environment; a bad value stops start-up with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse({ ...cleaned, ...overrides });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
