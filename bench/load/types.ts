/** Messages between the harness (main thread) and the load workers. */

export interface RoomAccess {
  /** Board id (room name). */
  id: string;
  /** Participant token; the stock server ignores it. */
  token: string;
}

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

// ---- scenario 1: one busy room ---------------------------------------------------------

export interface FanoutSetupArgs {
  wsBase: string;
  /** Several server processes: client i connects to wsBases[i % length] (default: wsBase only). */
  wsBases?: string[];
  room: RoomAccess;
  /** Clients this worker owns: global index, and whether it is a stock WebsocketProvider. */
  clients: { index: number; stock: boolean }[];
  /** Light clients apply incoming updates in one transaction every this many ms (0: each at once). */
  applyEveryMs: number;
  /** Light clients keep a replica (apply incoming updates) or only count them. */
  replicas: boolean;
  /** Light clients echo awareness frames back, as stock providers do. */
  echoAwareness: boolean;
  timeoutMs: number;
}

export interface FanoutSetupResult {
  connected: number;
  ms: number;
}

export interface FanoutRunArgs {
  /** Start of the measured window (nowMs clock); load starts at once, this ends warm-up. */
  t0: number;
  /** End of the window: load stops. */
  t1: number;
  editsPerSecond: number;
  cursorsPerSecond: number;
}

export interface FanoutStatus {
  /** Edits made with a timestamp inside the window, by this worker's clients. */
  sent: number;
  receivers: { index: number; sent: number; received: number }[];
}

export interface FanoutCollectResult {
  edits: Float64Array[];
  cursors: Float64Array[];
  loopDelay: LoopDelay;
  /** Frames received by the light clients inside the window, summed. */
  lightFrames: { sync: number; awareness: number; clients: number };
  /** Sockets that closed during the run (a server may drop slow clients). */
  dropped: number;
}

// ---- scenario 2: many small rooms ------------------------------------------------------

export interface RoomsConnectArgs {
  wsBase: string;
  rooms: RoomAccess[];
  perRoom: number;
  concurrency: number;
  timeoutMs: number;
}

export interface RoomsConnectResult {
  connected: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface RoomsEditArgs {
  /** Edits per client: one new note, then moves of it. */
  edits: number;
  timeoutMs: number;
}

export interface RoomsEditResult {
  /** Clients whose replica shows every peer's final edit. */
  converged: number;
  clients: number;
  ms: number;
}

// ---- scenario 3: durable edits -----------------------------------------------------------

export interface DurableSetupArgs {
  wsBase: string;
  rooms: RoomAccess[];
  perRoom: number;
  timeoutMs: number;
}

export interface DurableRunArgs {
  t0: number;
  t1: number;
  /** Edits each client may have sent and not yet seen relayed to a peer. */
  inflight: number;
}

export interface DurableCollectResult {
  /** Edits first relayed to a peer inside the window. */
  durable: number;
  /** Edits sent in total (whole run). */
  sent: number;
  latencies: Float64Array;
  loopDelay: LoopDelay;
  dropped: number;
}
