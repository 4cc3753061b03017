import type { BoardStore } from '../storage/types';

/** An update waiting to be written, and what to do once it is durable. */
export interface PendingUpdate {
  boardId: string;
  update: Uint8Array;
  /** Called after the update is on disk: relay it. */
  onDurable: () => void;
  /** Called when writing failed: nothing was relayed. */
  onFailed: (error: unknown) => void;
}

/**
 * Makes "on disk before relayed" cheap: every update of one event-loop turn, from every
 * board, is written in one transaction, and only then relayed. Writes are chained, so
 * relays keep the order updates arrived in.
 */
export class PersistQueue {
  private pending: PendingUpdate[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: BoardStore,
    private readonly onWrite?: (updates: number, ms: number) => void,
  ) {}

  enqueue(entry: PendingUpdate): void {
    this.pending.push(entry);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
  }

  /** Resolves when everything enqueued so far is durable (or has failed). */
  flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.chain = this.chain.then(() => this.write(batch));
    return this.chain;
  }

  private async write(batch: PendingUpdate[]): Promise<void> {
    const byBoard = new Map<string, Uint8Array[]>();
    for (const entry of batch) {
      const list = byBoard.get(entry.boardId);
      if (list) list.push(entry.update);
      else byBoard.set(entry.boardId, [entry.update]);
    }
    const started = performance.now();
    try {
      await this.store.append([...byBoard].map(([boardId, updates]) => ({ boardId, updates })));
    } catch (error) {
      for (const entry of batch) entry.onFailed(error);
      return;
    }
    this.onWrite?.(batch.length, performance.now() - started);
    for (const entry of batch) entry.onDurable();
  }
}
