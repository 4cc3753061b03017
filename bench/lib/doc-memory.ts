/**
 * What the boards' documents cost in memory, apart from everything else a server holds:
 * loads every board stored in a Warsztat SQLite file into a Y.Doc of its own and measures
 * the V8 heap they take after a full GC. Runs as its own process (`node --expose-gc`), so
 * the GC it forces touches no server: `node --expose-gc --import tsx bench/lib/doc-memory.ts <file>`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

export interface DocMemory {
  boards: number;
  /** V8 heap held by all those documents, MiB. */
  heapMiB: number;
  /** Their state encoded as one update each, MiB. */
  encodedMiB: number;
  /** Yjs structs (items) in their stores, and how many of them are deleted (tombstones). */
  structs: number;
  deleted: number;
  /** Client ids in their state vectors, summed over boards (every session has its own). */
  clientIds: number;
  elements: number;
}

function measure(file: string): DocMemory {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const rows = db.prepare('SELECT board_id AS board, data FROM updates ORDER BY board_id, seq').all() as { board: string; data: Uint8Array }[];
  db.close();
  const byBoard = new Map<string, Uint8Array[]>();
  for (const row of rows) {
    let list = byBoard.get(row.board);
    if (!list) byBoard.set(row.board, (list = []));
    list.push(row.data);
  }
  rows.length = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const docs: Y.Doc[] = [];
  const result: DocMemory = { boards: 0, heapMiB: 0, encodedMiB: 0, structs: 0, deleted: 0, clientIds: 0, elements: 0 };
  for (const updates of byBoard.values()) {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    docs.push(doc);
    result.encodedMiB += Y.encodeStateAsUpdate(doc).byteLength / 2 ** 20;
    result.clientIds += doc.store.clients.size;
    for (const structs of doc.store.clients.values()) {
      result.structs += structs.length;
      for (const struct of structs) if (struct.deleted) result.deleted++;
    }
    result.elements += doc.getMap('elements').size;
  }
  byBoard.clear();
  gc();
  result.heapMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  result.boards = docs.length;
  return result;
}

/** Measures the documents of a server's SQLite file in a child process. */
export function docMemory(file: string): Promise<DocMemory> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--import', 'tsx', import.meta.filename, file], { cwd: path.resolve(import.meta.dirname, '../..'), maxBuffer: 1 << 20 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as DocMemory);
    });
  });
}

if (process.argv[1] === import.meta.filename && process.argv[2]) {
  console.log(JSON.stringify(measure(process.argv[2])));
}
