import { parentPort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from '../lib/pool';
import * as durable from './durable';
import * as fanout from './fanout';
import * as rooms from './rooms';
import * as soak from './soak';

/** Handlers by command name; each takes the request's args and returns a result. */
const handlers: Record<string, (args: never) => unknown> = {
  'fanout.setup': fanout.setup,
  'fanout.run': fanout.run,
  'fanout.status': fanout.status,
  'fanout.collect': fanout.collect,
  'fanout.close': fanout.close,
  'rooms.connect': rooms.connect,
  'rooms.edit': rooms.edit,
  'rooms.close': rooms.close,
  'durable.setup': durable.setup,
  'durable.run': durable.run,
  'durable.collect': durable.collect,
  'durable.close': durable.close,
  'soak.start': soak.start,
  'soak.poll': soak.poll,
  'soak.stop': soak.stop,
};

const port = parentPort!;

port.on('message', (request: WorkerRequest) => {
  const handler = handlers[request.cmd];
  void (async () => {
    try {
      if (!handler) throw new Error(`unknown command ${request.cmd}`);
      const result = await handler(request.args as never);
      const transfer = collectTransferables(result);
      port.postMessage({ id: request.id, ok: true, result } satisfies WorkerReply, transfer);
    } catch (error) {
      port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerReply);
    }
  })();
});

/** Sample arrays travel without copying. */
function collectTransferables(value: unknown, found: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (depth > 3 || value === null || typeof value !== 'object') return found;
  if (value instanceof Float64Array) {
    if (value.buffer instanceof ArrayBuffer && !found.includes(value.buffer)) found.push(value.buffer);
    return found;
  }
  for (const item of Object.values(value)) collectTransferables(item, found, depth + 1);
  return found;
}
