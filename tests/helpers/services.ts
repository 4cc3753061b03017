import net from 'node:net';
import pg from 'pg';
import { onCleanup } from './server';

/** PostgreSQL and Redis run on this machine and in CI; a laptop may lack them. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, fallbackPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port) || fallbackPort, hostname);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Whether the service-backed tests can run. On CI (CI=true) a missing service is an error,
 * never a skip; elsewhere the skip is printed with its reason.
 */
export async function servicesUnavailable(): Promise<string | null> {
  const missing: string[] = [];
  if (!(await reachable(POSTGRES_URL, 5432))) missing.push(`PostgreSQL at ${POSTGRES_URL}`);
  if (!(await reachable(REDIS_URL, 6379))) missing.push(`Redis at ${REDIS_URL}`);
  if (missing.length === 0) return null;
  const reason = `${missing.join(' and ')} not reachable (set TEST_DATABASE_URL / TEST_REDIS_URL)`;
  if (process.env.CI) throw new Error(reason);
  console.warn(`[service tests skipped] ${reason}`);
  return reason;
}

/** A fresh schema name, so that test runs never see each other's tables. */
export function uniqueSchema(): string {
  return `warsztat_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Drops a test's PostgreSQL schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A schema name of its own for this test, dropped after it. */
export function freshSchema(): string {
  const schema = uniqueSchema();
  onCleanup(() => dropSchema(schema));
  return schema;
}
