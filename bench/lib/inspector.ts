import WebSocket from 'ws';
import type { CpuProfile } from './profile';

export interface NodeMemory {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/**
 * A minimal Chrome DevTools Protocol session with a server started with
 * `--inspect=127.0.0.1:0`: lets the harness force a full garbage collection and read
 * process.memoryUsage() inside the server, to tell memory still in use from garbage
 * V8 has not collected yet (an idle process collects nothing).
 */
export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  static connect(url: string, timeoutMs = 10_000): Promise<InspectorSession> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error('inspector did not answer'));
      }, timeoutMs);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(new InspectorSession(ws));
      });
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  call(method: string, params: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`inspector: ${method} timed out`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Forces a full, compacting garbage collection in the inspected process. */
  async collectGarbage(): Promise<void> {
    await this.call('HeapProfiler.collectGarbage');
  }

  /** process.memoryUsage() of the inspected process, in MiB. */
  async memory(): Promise<NodeMemory> {
    const result = (await this.call('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true })) as { result: { value: string } };
    const raw = JSON.parse(result.result.value) as NodeMemory;
    const mibOf = (bytes: number) => bytes / 1024 / 1024;
    return { rss: mibOf(raw.rss), heapTotal: mibOf(raw.heapTotal), heapUsed: mibOf(raw.heapUsed), external: mibOf(raw.external), arrayBuffers: mibOf(raw.arrayBuffers) };
  }

  /** Starts V8's sampling CPU profiler in the inspected process. */
  async startProfiler(): Promise<void> {
    await this.call('Profiler.enable');
    await this.call('Profiler.start');
  }

  /** Stops it and returns the profile. */
  async stopProfiler(): Promise<CpuProfile> {
    const result = (await this.call('Profiler.stop', {}, 60_000)) as { profile: CpuProfile };
    return result.profile;
  }

  close(): void {
    this.ws.terminate();
  }
}
