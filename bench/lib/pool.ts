import { Worker } from 'node:worker_threads';

/** A request to a load worker; `cmd` names a handler in bench/load/worker.ts. */
export interface WorkerRequest {
  id: number;
  cmd: string;
  args: unknown;
}

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/**
 * Load-generator threads. Each runs bench/load/worker.ts (TypeScript, through tsx's
 * loader registered inside the thread) and answers requests by id.
 */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(readonly size: number) {
    const entry = new URL('../load/worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(bootstrap, { eval: true, workerData: { index: i } });
      worker.on('message', (reply: WorkerReply) => {
        const waiter = this.pending.get(reply.id);
        if (!waiter) return;
        this.pending.delete(reply.id);
        if (reply.ok) waiter.resolve(reply.result);
        else waiter.reject(new Error(`worker ${i}: ${reply.error}`));
      });
      worker.on('error', (error) => {
        for (const waiter of this.pending.values()) waiter.reject(new Error(`worker ${i} crashed: ${error.message}`));
        this.pending.clear();
      });
      this.workers.push(worker);
    }
  }

  /** Sends one request to worker `index`; rejects after `timeoutMs`. */
  call<T>(index: number, cmd: string, args: unknown = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`worker ${index}: ${cmd} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.workers[index]!.postMessage({ id, cmd, args } satisfies WorkerRequest);
    });
  }

  /** The same command to every worker, with per-worker arguments. */
  all<T>(cmd: string, args: (index: number) => unknown = () => ({}), timeoutMs?: number): Promise<T[]> {
    return Promise.all(this.workers.map((_, i) => this.call<T>(i, cmd, args(i), timeoutMs)));
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
