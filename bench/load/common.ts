import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { LoopDelay, RoomAccess } from './types';

export { nowMs } from '../lib/proc';

export function lightUrl(wsBase: string, room: RoomAccess): string {
  return `${wsBase}/${encodeURIComponent(room.id)}?token=${encodeURIComponent(room.token)}`;
}

/** A stock y-websocket client, configured as the project's tests use it in Node. */
export function stockProvider(wsBase: string, room: RoomAccess): WebsocketProvider {
  return new WebsocketProvider(wsBase, room.id, new Y.Doc(), {
    params: { token: room.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Clients in one thread would otherwise talk to each other over BroadcastChannel.
    disableBc: true,
  });
}

export function whenProviderSynced(provider: WebsocketProvider, timeoutMs: number): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      reject(new Error(`stock client: no sync within ${timeoutMs} ms`));
    }, timeoutMs);
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

export function destroyProvider(provider: WebsocketProvider): void {
  provider.destroy();
  provider.doc.destroy();
}

/** Event-loop delay of this worker inside a window: a busy generator delays what it measures. */
export class LoopMonitor {
  private histogram: IntervalHistogram | undefined;

  start(): void {
    this.histogram = monitorEventLoopDelay({ resolution: 5 });
    this.histogram.enable();
  }

  stop(): LoopDelay {
    const h = this.histogram;
    if (!h) return { p50: NaN, p99: NaN, max: NaN };
    h.disable();
    this.histogram = undefined;
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  }
}

export function toFloat64(values: number[]): Float64Array {
  return Float64Array.from(values);
}
