import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import { BoardService } from './boards';
import { attachFacilitationTransport, type FacilitationTransport } from './facilitation/transport';
import type { Config } from './config';
import { requireAdmin } from './http/auth';
import { boardCreationLimit } from './http/creation-limit';
import { securityHeaders } from './http/security';
import { backupRoutes } from './http/backup';
import { boardRoutes, LISTEN_HOST_SETTING } from './http/boards';
import { personalLinkRoutes } from './http/personal-links';
import { closeRevokedHere, PersonalLinkService } from './personal-links';
import { versionRoutes } from './http/versions';
import { VersionService } from './history/versions';
import { errorHandler, notFoundJson } from './http/errors';
import { ideaRoutes } from './http/ideas';
import { IdeaInbox } from './ideas/inbox';
import { IdeaResults } from './ideas/results';
import { resultsRoutes } from './http/results';
import { privacyRoutes } from './http/privacy';
import { PrivacyService } from './privacy/service';
import { exportRoutes } from './http/export';
import { ExportQueue, type ExportRunner } from './export/queue';
import { ExportThread } from './export/thread';
import { accessibilityRoutes } from './http/accessibility';
import { clientRoutes } from './http/static';
import { stakeholderImportRoutes } from './http/stakeholder-import';
import { createLogger, type Logger } from './log';
import { createMetrics, type Metrics } from './metrics';
import { RedisRelay, RelayKind } from './scale/redis-relay';
import { PostgresStore } from './storage/postgres';
import { SqliteStore } from './storage/sqlite';
import type { BoardStore } from './storage/types';
import { PersistQueue } from './sync/persist-queue';
import { CLOSE } from './sync/messages';
import { RoomRegistry } from './sync/rooms';
import { SyncServer } from './sync/upgrade';

/** A running Warsztat: one http server carrying the app, the REST API and live sync. */
export interface Warsztat {
  readonly config: Config;
  readonly http: http.Server;
  readonly store: BoardStore;
  readonly rooms: RoomRegistry;
  readonly sync: SyncServer;
  readonly facilitation: FacilitationTransport;
  readonly metrics: Metrics;
  readonly versions: VersionService;
  /** RODO: clause, retention sweep, search, export and erasure (docs/privacy.md). */
  readonly privacy: PrivacyService;
  readonly log: Logger;
  /** Starts listening; resolves with the actual port (PORT=0 picks a free one). */
  listen(): Promise<number>;
  /** Stops accepting, flushes every board to storage and closes. */
  close(): Promise<void>;
}

/** What a caller (a test) may put in place of the defaults. */
export interface WarsztatOptions {
  store?: BoardStore;
  log?: Logger;
  /** Where exports are made; by default the export thread. Tests pass one that holds exports open until told. */
  exportRunner?: ExportRunner;
  /** The time the retention sweep runs at; tests pass one that jumps ahead instead of waiting. */
  clock?: () => number;
}

export function createWarsztat(config: Config, options: WarsztatOptions = {}): Warsztat {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const store =
    options.store ??
    (config.DATABASE_URL
      ? new PostgresStore({ connectionString: config.DATABASE_URL, schema: config.DATABASE_SCHEMA })
      : new SqliteStore(path.join(config.DATA_DIR, 'warsztat.sqlite'), { synchronous: config.SQLITE_SYNCHRONOUS }));
  const metrics = createMetrics();
  const queue = new PersistQueue(store, (count, ms) => {
    metrics.updates.inc(count);
    metrics.storageWrite.observe(ms / 1000);
  });
  const rooms = new RoomRegistry(store, queue, log, {
    unloadDelayMs: config.ROOM_UNLOAD_DELAY_MS,
    maxDocBytes: config.MAX_DOC_BYTES,
    compactAfterUpdates: config.COMPACT_AFTER_UPDATES,
    resyncMs: config.RESYNC_MS,
  });
  let relay: RedisRelay | undefined;
  const relayReady = config.REDIS_URL
    ? RedisRelay.connect(config.REDIS_URL, log).then((connected) => {
        relay = connected;
        connected.onPublish = (kind) => metrics.relayMessages.inc({ kind: RelayKind[kind], direction: 'out' });
        connected.onReceive = (kind, lagMs) => {
          metrics.relayMessages.inc({ kind: RelayKind[kind], direction: 'in' });
          metrics.relayLag.observe(Math.max(0, lagMs) / 1000);
        };
        rooms.setRelay(connected);
      })
    : Promise.resolve();
  const boards = new BoardService(store, rooms);
  const personalLinks = new PersonalLinkService(store, rooms);
  const versions = new VersionService(store, rooms, log, config.MAX_VERSIONS_PER_BOARD);
  const sync = new SyncServer(store, rooms, log, {
    maxFrameBytes: config.MAX_FRAME_BYTES,
    maxConnectionsPerBoard: config.MAX_CONNECTIONS_PER_BOARD,
  });

  const inbox = new IdeaInbox(store, rooms, config.MAX_DOC_BYTES);
  const privacy = new PrivacyService(
    store,
    rooms,
    { controller: config.PRIVACY_CONTROLLER, contact: config.PRIVACY_CONTACT, override: { pl: config.PRIVACY_CLAUSE_PL, en: config.PRIVACY_CLAUSE_EN } },
    log,
  );
  const results = resultsRoutes({
    store,
    results: new IdeaResults(store, rooms),
    adminToken: config.ADMIN_TOKEN,
    publicUrl: config.PUBLIC_URL,
    views: { burst: config.RESULTS_BURST, perMinute: config.RESULTS_PER_MINUTE },
  });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set(LISTEN_HOST_SETTING, config.HOST);
  app.use(securityHeaders(config.PUBLIC_URL));
  // Every text response compressed (gzip or brotli, as the browser accepts); built assets
  // arrive precompressed (server/http/static.ts) and pass through untouched.
  app.use(compression());
  app.post(
    ['/api/boards', '/api/boards/import'],
    boardCreationLimit({ limit: config.BOARD_CREATE_LIMIT, windowMs: config.BOARD_CREATE_WINDOW_MS, adminToken: config.ADMIN_TOKEN, log }),
  );
  // Backups are larger than other bodies; this parser runs first, so the general one skips
  // them. With ADMIN_TOKEN set, only the admin gets as far as parsing up to 16 MiB of JSON.
  app.use('/api/boards/import', (req, _res, next) => {
    requireAdmin(req, config.ADMIN_TOKEN);
    next();
  }, express.json({ limit: config.MAX_IMPORT_BYTES }));
  app.use('/api', express.json({ limit: config.MAX_BODY_BYTES }));
  app.get('/api/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/api/ready', async (_req, res) => {
    try {
      await store.ping();
      if (config.REDIS_URL) {
        if (!relay) throw new Error('redis not connected');
        await relay.ping();
      }
      res.json({ status: 'ready' });
    } catch (err) {
      res.status(503).json({ error: `not ready: ${(err as Error).message}` });
    }
  });
  app.use('/api', accessibilityRoutes(config));
  app.get('/metrics', async (_req, res) => {
    metrics.connections.set(sync.connectionCount);
    metrics.rooms.set(rooms.size);
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use('/api', backupRoutes({ store, adminToken: config.ADMIN_TOKEN, publicUrl: config.PUBLIC_URL, maxDocBytes: config.MAX_DOC_BYTES }));
  app.use('/api', versionRoutes({ store, versions, adminToken: config.ADMIN_TOKEN }));
  app.use('/api', boardRoutes({ store, boards, adminToken: config.ADMIN_TOKEN, publicUrl: config.PUBLIC_URL }));
  app.use('/api', personalLinkRoutes({ store, links: personalLinks, adminToken: config.ADMIN_TOKEN, publicUrl: config.PUBLIC_URL }));
  app.use(
    '/api',
    ideaRoutes({
      store,
      inbox,
      privacy,
      adminToken: config.ADMIN_TOKEN,
      publicUrl: config.PUBLIC_URL,
      submissions: { burst: config.IDEAS_BURST, perMinute: config.IDEAS_PER_MINUTE },
    }),
  );
  app.use('/api', results.api);
  app.use('/api', privacyRoutes({ store, privacy, adminToken: config.ADMIN_TOKEN }));
  app.use('/api', stakeholderImportRoutes({ store, rooms, adminToken: config.ADMIN_TOKEN }));
  const exportQueue = new ExportQueue(options.exportRunner ?? new ExportThread());
  app.use('/api', exportRoutes({ store, rooms, adminToken: config.ADMIN_TOKEN, queue: exportQueue }));
  app.use('/api', notFoundJson);
  app.use(results.page);
  app.use(clientRoutes({ clientDir: config.CLIENT_DIR, store, inbox, privacy }));
  app.use(errorHandler(log));

  const server = http.createServer(app);
  server.on('upgrade', (request, socket, head) => {
    // socket.io answers its own upgrades (it listens on the same server).
    if (request.url?.startsWith('/socket.io/')) return;
    if (!sync.handleUpgrade(request, socket, head)) {
      socket.on('error', () => {});
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });
  const facilitation = attachFacilitationTransport(server, store, rooms, log, {
    commandsPerSecond: config.COMMANDS_PER_SECOND,
    redisUrl: config.REDIS_URL,
    onPhaseChange: (board, phase, by) => {
      const room = rooms.peek(board.boardId);
      if (room) versions.snapshotPhase(room, phase.title, by);
    },
    personalLinks,
    onTokenRevokedElsewhere: (boardId, tokenHash) => closeRevokedHere(rooms, boardId, tokenHash),
  });
  personalLinks.onRevoked = (boardId, hash, reason) => facilitation.disconnectToken(boardId, hash, reason);
  boards.onLinkReplaced = (boardId, role, hash) => facilitation.disconnectReplaced(boardId, role, hash);
  server.on('clientError', (err, socket) => {
    log.debug({ err: err.message }, 'client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

  let closing: Promise<void> | undefined;
  let stopSweep: (() => void) | undefined;
  return {
    config,
    http: server,
    store,
    rooms,
    sync,
    facilitation,
    metrics,
    versions,
    privacy,
    log,
    listen: () =>
      Promise.all([facilitation.ready, relayReady]).then(() => new Promise((resolve, reject) => {
        stopSweep ??= privacy.schedule(config.RETENTION_SWEEP_MS, options.clock);
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      })),
    close: () => {
      closing ??= (async () => {
        stopSweep?.();
        await rooms.closeAll(CLOSE.goingAway.code, CLOSE.goingAway.reason);
        sync.close();
        // socket.io's close also closes the http server.
        const stopped = facilitation.close();
        server.closeAllConnections();
        await stopped;
        await relay?.close();
        await exportQueue.close();
        await store.close();
      })();
      return closing;
    },
  };
}
