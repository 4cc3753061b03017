/**
 * The facilitation pattern on two transports, for bench/scenarios/transport.ts: a client sends
 * a command, the server changes one shared state, sends the whole state to everyone in the room
 * and acknowledges the sender, as server/facilitation does. `socketio` uses socket.io rooms and
 * acknowledgements (what Warsztat runs); `ws` is the same exchange as JSON messages on a plain
 * WebSocket, the shape a facilitation message type on the board's y-websocket connection would
 * have. Run as `tsx bench/lib/transport-server.ts <socketio|ws> <port>`; prints "ready".
 */
import http from 'node:http';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer, type WebSocket } from 'ws';

const [kind, portArg] = process.argv.slice(2);
const port = Number(portArg);
if ((kind !== 'socketio' && kind !== 'ws') || !Number.isInteger(port)) {
  console.error('usage: transport-server.ts <socketio|ws> <port>');
  process.exit(2);
}

/** About the size of a workshop's facilitation state as sent (phase, timer, locks, people, a round). */
const state = {
  phase: { index: 2, title: 'Analiza SWOT' },
  timer: { running: true, endsAt: 0, seconds: 600 },
  locks: { board: false, frames: ['frame-1', 'frame-2'] },
  people: Array.from({ length: 12 }, (_, i) => ({ sessionId: `p${i.toString(36).padStart(8, '0')}`, name: `Uczestnik ${i + 1}`, role: 'participant' })),
  hands: {} as Record<string, number>,
  changes: 0,
};

function apply(command: { from: string }): string {
  state.changes++;
  state.hands[command.from] = state.changes;
  // A raised hand drops after a while, so the state keeps its size.
  const keys = Object.keys(state.hands);
  if (keys.length > 20) delete state.hands[keys[0]!];
  return JSON.stringify(state);
}

const server = http.createServer();

if (kind === 'socketio') {
  const io = new SocketIoServer(server, { serveClient: false, transports: ['websocket'] });
  io.on('connection', (socket) => {
    void socket.join('room');
    socket.on('command', (command: { from: string }, ack: (answer: unknown) => void) => {
      const encoded = apply(command);
      io.to('room').emit('state', encoded);
      ack({ ok: true });
    });
  });
} else {
  const wss = new WebSocketServer({ server });
  const room = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    room.add(ws);
    ws.on('close', () => room.delete(ws));
    ws.on('message', (data) => {
      let message: { id: number; command: { from: string } };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        ws.close(1003, 'malformed');
        return;
      }
      const frame = `{"t":"state","state":${JSON.stringify(apply(message.command))}}`;
      for (const peer of room) peer.send(frame);
      ws.send(`{"t":"ack","id":${message.id}}`);
    });
  });
}

server.listen(port, '127.0.0.1', () => console.log('ready'));
