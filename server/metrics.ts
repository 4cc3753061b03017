import client from 'prom-client';
import { escapedErrors } from './process-net';

/** Prometheus metrics at /metrics (prom-client): one registry per server instance. */
export function createMetrics() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'warsztat_process_' });
  const connections = new client.Gauge({ name: 'warsztat_sync_connections', help: 'Open live-sync (y-websocket) connections', registers: [registry] });
  const rooms = new client.Gauge({ name: 'warsztat_rooms_loaded', help: 'Boards loaded in memory', registers: [registry] });
  const updates = new client.Counter({ name: 'warsztat_updates_stored_total', help: 'Board updates written to storage', registers: [registry] });
  const storageWrite = new client.Histogram({
    name: 'warsztat_storage_write_seconds',
    help: 'Time to write one batch of updates durably',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const relayLag = new client.Histogram({
    name: 'warsztat_relay_lag_seconds',
    help: 'Time from publishing on one process to receiving on another (Redis relay)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const relayMessages = new client.Counter({ name: 'warsztat_relay_messages_total', help: 'Relay messages by kind and direction', labelNames: ['kind', 'direction'], registers: [registry] });
  new client.Gauge({
    name: 'warsztat_escaped_errors_total',
    help: 'Errors that escaped every handler and were caught by the process-level net (each is a bug)',
    labelNames: ['kind'],
    registers: [registry],
    collect() {
      for (const [kind, count] of Object.entries(escapedErrors)) this.set({ kind }, count);
    },
  });
  return { registry, connections, rooms, updates, storageWrite, relayLag, relayMessages };
}

export type Metrics = ReturnType<typeof createMetrics>;
