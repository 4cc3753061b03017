import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../shared/protocol/commands';
import { onCleanup } from './server';

export interface ControlClient {
  socket: Socket;
  send(command: Record<string, unknown>): Promise<Ack>;
  /** Resolves with the next payload of an event. */
  next<T = unknown>(event: string, timeoutMs?: number): Promise<T>;
  /** The latest payload of an event seen so far. */
  last<T = unknown>(event: string): T | undefined;
  /**
   * An ordered marker: resolves once the server has answered a command sent now, so every
   * event it emitted to this socket before has arrived (socket.io keeps one socket's order).
   */
  flush(): Promise<void>;
}

/** A facilitation-channel client as the app uses it: socket.io with auth. */
export async function controlClient(url: string, auth: { boardId: string; token: string; sessionId: string; name?: string }): Promise<ControlClient> {
  const socket = io(url, { auth: { name: '', ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
  onCleanup(() => {
    socket.disconnect();
  });
  const seen = new Map<string, unknown>();
  const waiting = new Map<string, ((value: unknown) => void)[]>();
  socket.onAny((event: string, payload: unknown) => {
    seen.set(event, payload);
    for (const resolve of waiting.get(event)?.splice(0) ?? []) resolve(payload);
  });
  const gotState = new Promise<void>((resolve, reject) => {
    socket.once('state', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  await gotState;
  return {
    socket,
    send: (command) => socket.timeout(5000).emitWithAck('command', command) as Promise<Ack>,
    next: <T>(event: string, timeoutMs = 5000) =>
      new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} event`)), timeoutMs);
        const list = waiting.get(event) ?? [];
        list.push((value) => {
          clearTimeout(timer);
          resolve(value as T);
        });
        waiting.set(event, list);
      }),
    last: <T>(event: string) => seen.get(event) as T | undefined,
    flush: async () => {
      await socket.timeout(5000).emitWithAck('command', { type: 'marker.unknown' });
    },
  };
}

/** Connecting must fail; resolves with the connect_error message. */
export function controlRefused(url: string, auth: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    onCleanup(() => {
      socket.disconnect();
    });
    socket.once('connect', () => reject(new Error('connected, but should have been refused')));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}
