import net from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { closeOf, rawSocket, stockClient, synced, waitFor } from '../helpers/clients';
import { bystanders } from '../helpers/bystanders';
import { startServer, type TestServer } from '../helpers/server';

async function openSocket(server: TestServer, token: string, boardId: string): Promise<WebSocket> {
  const result = await rawSocket(`${server.wsUrl}/${boardId}?token=${token}`);
  expect(result.opened).toBe(true);
  return result.ws;
}

function message(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') encoding.writeVarUint(encoder, part);
    else encoding.writeVarUint8Array(encoder, part);
  }
  return encoding.toUint8Array(encoder);
}

/** Upgrades a bare TCP socket by hand, so frames can be written byte by byte. */
async function handUpgrade(port: number, path: string): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData);
        if (head.startsWith('HTTP/1.1 101')) resolve();
        else reject(new Error(head));
      }
    };
    socket.on('data', onData);
  });
  return socket;
}

function closed(socket: net.Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** The close code inside a server close frame (opcode 8), if one arrived. */
function closeCode(bytes: Buffer): number | undefined {
  const at = bytes.indexOf(0x88);
  return at >= 0 && bytes.length >= at + 4 ? bytes.readUInt16BE(at + 2) : undefined;
}

describe('malformed input leaves the server up and other rooms syncing', () => {
  it.each([
    ['garbage bytes', new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0x01, 0x02])],
    ['a truncated varint', new Uint8Array([0x80])],
    ['an unknown message type', new Uint8Array([0x07])],
    ['a sync message with an unknown sub-type', message(0, 9, new Uint8Array([1, 2]))],
    ['a sync update whose length runs past the end', new Uint8Array([0, 2, 0xff, 0xff, 0x03, 0x01])],
    ['an update that is not a Yjs update', message(0, 2, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]))],
    ['awareness that is not JSON', message(1, message(1, 12345, 1) as Uint8Array)],
    ['an empty frame', new Uint8Array([])],
  ])('%s closes that socket with 4400', async (_name, payload) => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const ws = await openSocket(server, board.tokens.participant, board.id);
    const closing = closeOf(ws);
    ws.send(payload);
    expect((await closing).code).toBe(4400);
    await stillSyncing();
  });

  it('a text frame closes with 4400 and a reason', async () => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const ws = await openSocket(server, board.tokens.participant, board.id);
    const closing = closeOf(ws);
    ws.send('hello');
    expect(await closing).toEqual({ code: 4400, reason: 'binary messages only' });
    await stillSyncing();
  });

  it('a frame over MAX_FRAME_BYTES closes with 1009', async () => {
    const server = await startServer({ MAX_FRAME_BYTES: 64 * 1024 });
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const ws = await openSocket(server, board.tokens.participant, board.id);
    const closing = closeOf(ws);
    ws.send(new Uint8Array(100 * 1024));
    expect((await closing).code).toBe(1009);
    await stillSyncing();
  });

  it('a frame header claiming a 200 MiB payload is cut off without reading it', async () => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const socket = await handUpgrade(server.port, `/yjs/${board.id}?token=${board.tokens.participant}`);
    const ended = closed(socket);
    const header = Buffer.alloc(14);
    header[0] = 0x82; // FIN + binary
    header[1] = 0x80 | 127; // masked, 64-bit length follows
    header.writeBigUInt64BE(BigInt(200 * 1024 * 1024), 2);
    socket.write(header);
    expect(closeCode(await ended)).toBe(1009);
    await stillSyncing();
  });

  it('a frame with RSV bits set closes the socket with 1002', async () => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const socket = await handUpgrade(server.port, `/yjs/${board.id}?token=${board.tokens.participant}`);
    const ended = closed(socket);
    // FIN + RSV1 + RSV2 + binary, masked, 2-byte payload.
    socket.write(Buffer.from([0xf2, 0x82, 1, 2, 3, 4, 0x00 ^ 1, 0x00 ^ 2]));
    expect(closeCode(await ended)).toBe(1002);
    await stillSyncing();
  });

  it('an edit past MAX_DOC_BYTES closes with 4413 and keeps what was saved', async () => {
    const server = await startServer({ MAX_DOC_BYTES: 16 * 1024 });
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
    await synced(a);
    const kept = createElement(a.doc, { type: 'note', text: 'zapisane' });
    await waitFor(() => elementsOf(server.warsztat.rooms.peek(board.id)!.doc).has(kept));
    const closing = new Promise<number>((resolve) => a.provider.once('connection-close', (event: CloseEvent | null) => resolve(event?.code ?? 0)));
    a.provider.shouldReconnect = () => false;
    createElement(a.doc, { type: 'note', text: 'x'.repeat(9000) });
    createElement(a.doc, { type: 'note', text: 'y'.repeat(9000) });
    expect(await closing).toBe(4413);

    const b = stockClient(server.wsUrl, board.id, board.tokens.observer);
    await synced(b);
    expect(elementsOf(b.doc).has(kept)).toBe(true);
    await stillSyncing();
  });

  it('a seeded storm of random frames never takes the server down', async () => {
    const server = await startServer();
    const stillSyncing = await bystanders(server);
    const board = await server.createBoard();
    let seed = 20261122;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let round = 0; round < 30; round++) {
      const ws = await openSocket(server, board.tokens.participant, board.id);
      const closing = closeOf(ws, 5000).catch(() => undefined);
      const length = 1 + Math.floor(random() * 64);
      const bytes = new Uint8Array(length).map(() => Math.floor(random() * 256));
      bytes[0] = Math.floor(random() * 4); // mostly valid message types, to reach deeper code
      ws.send(bytes);
      ws.send(new Uint8Array([0xff]));
      const result = await closing;
      expect(result === undefined || result.code >= 4000 || result.code === 1000, `seed 20261122 round ${round}`).toBe(true);
    }
    await stillSyncing();
  });
});
