/**
 * Whether memory comes back when boards unload (#14's soak left RSS high after rooms read 0):
 * a server process with the inspector, 50 boards, five rounds of 200 stock clients adding
 * notes and moving cursors, then leaving; after each round, a forced full GC in the server and
 * its heap. Heap back at the baseline after every round means nothing is kept per board or per
 * connection; RSS above it is the allocator's. Run: npx tsx bench/unload-memory.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InspectorSession } from './lib/inspector';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createElement } from '../shared/ops/elements';
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-unload-'));
const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '--import', 'tsx', path.join(ROOT, 'server/main.ts')], { env: { ...process.env, PORT: '0', DATA_DIR: dir, LOG_LEVEL: 'warn', ROOM_UNLOAD_DELAY_MS: '0', BOARD_CREATE_LIMIT: '100000' }, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (c) => (out += c)); child.stderr.on('data', (c) => (out += c));
while (!/Warsztat: http:\/\/[^:]+:(\d+)/.test(out) || !/ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/.test(out)) await new Promise((r) => setTimeout(r, 50));
const port = Number(out.match(/Warsztat: http:\/\/[^:]+:(\d+)/)![1]);
const inspector = await InspectorSession.connect(out.match(/ws:\/\/127\.0\.0\.1:\d+\/[\w-]+/)![0]);
const url = `http://127.0.0.1:${port}`;
const heap = async () => { await inspector.collectGarbage(); await inspector.collectGarbage(); const m = await inspector.memory(); return `${m.heapUsed.toFixed(1)} (rss ${m.rss.toFixed(0)})`; };
const rooms = async () => Number((await (await fetch(`${url}/metrics`)).text()).match(/^warsztat_rooms_loaded (\d+)/m)![1]);
const boards: { id: string; tokens: { participant: string } }[] = [];
for (let i = 0; i < 50; i++) boards.push(await (await fetch(`${url}/api/boards`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: `b${i}` }) })).json());
while ((await rooms()) > 0) await new Promise((r) => setTimeout(r, 50));
console.log('baseline server heap MB', await heap());
for (let round = 0; round < 5; round++) {
  const clients = await Promise.all(boards.flatMap((b) => [0, 1, 2, 3].map(() => stockClient(`ws://127.0.0.1:${port}/yjs`, b.id, b.tokens.participant))));
  for (let k = 0; k < 20; k++) for (const c of clients) c.edit(k);
  await new Promise((r) => setTimeout(r, 1500));
  console.log('round', round, 'loaded: heap MB', await heap(), 'rooms', await rooms());
  for (const c of clients) c.destroy();
  while ((await rooms()) > 0) await new Promise((r) => setTimeout(r, 50));
  console.log('round', round, 'after all left: heap MB', await heap());
}
child.kill('SIGKILL');
process.exit(0);

/** A stock y-websocket client that adds notes and moves its cursor. */
async function stockClient(wsUrl: string, boardId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, boardId, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
  await new Promise<void>((r) => { const t = setInterval(() => { if (provider.synced) { clearInterval(t); r(); } }, 10); });
  provider.awareness.setLocalStateField('user', { name: 'x' });
  return { edit: (k: number) => { createElement(doc, { type: 'note', text: `n${k}`, x: k, y: k }); provider.awareness.setLocalStateField('cursor', { x: k, y: k }); }, destroy: () => { provider.destroy(); doc.destroy(); } };
}
