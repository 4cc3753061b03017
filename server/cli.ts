/**
 * `npm run export -- <boardId> --format docx --out report.docx [--frame <id>] [--table <name>] [--csv pl|en]`
 * Exports a board straight from storage (DATA_DIR's SQLite, or DATABASE_URL), without the
 * server running. Same exporters as GET /api/boards/:id/export.
 *
 * Start-up is most of a command's time, so only what the command needs is loaded: the store
 * it reads (SQLite or PostgreSQL) and the one format's exporter (server/export/index.ts loads
 * each on first use). `npm run export` runs the bundle scripts/export.mjs builds from this file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from './config';
import { EXPORT_FORMATS, ExportRequestError, isExportFormat, loadExporter } from './export/index';
import { downloadName, exportBaseName } from './export/filename';
import { exportContext, loadStoredBoard } from './export/source';
import type { Logger } from './log';
import type { BoardStore } from './storage/types';

const USAGE = `usage: npm run export -- <boardId> --format <${EXPORT_FORMATS.join('|')}> [--out <file>] [--frame <frameId>] [--table <name>] [--csv pl|en]
  --out    where to write (default: the board's title with the format's extension; "-" for stdout)
  --frame  only this frame (and what is inside it)
  --table  for csv: which method's table (stakeholders, problemTree, objectivesTree, swot, tows, factors, ideas, votes)
  --csv    for csv: pl (";" and decimal commas, for Polish Excel) or en ("," and dots); default the board's language
Reads DATA_DIR (default ./data) or DATABASE_URL, as the server does.
A board id that starts with "-" goes after a lone "--": npm run export -- --format pdf -- -AbC…`;

class UsageError extends Error {}

async function exportBoard(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, frame: { type: 'string' }, table: { type: 'string' }, csv: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const boardId = positionals[0];
  if (!boardId || positionals.length > 1) throw new UsageError('give exactly one board id');
  if (!isExportFormat(values.format)) throw new UsageError(`unknown format ${values.format ?? '(none)'}`);
  if (values.csv !== undefined && values.format !== 'csv') throw new UsageError('--csv is for --format csv');
  // Loaded meanwhile: the exporter's libraries while the store opens and reads.
  const exporting = loadExporter(values.format);
  exporting.catch(() => {});

  const config = loadConfig();
  // No logger (pino is not even loaded): warnings reach stderr as one line each.
  const warn = (_details: unknown, message: string) => console.error(`warning: ${message}`);
  const log = { debug() {}, info() {}, warn, error: warn, child: () => log } as unknown as Logger;
  const file = path.join(config.DATA_DIR, 'warsztat.sqlite');
  // Opening SQLite would create an empty database; a wrong DATA_DIR should say so instead.
  if (!config.DATABASE_URL && !fs.existsSync(file)) throw new UsageError(`no Warsztat database at ${file} (set DATA_DIR or DATABASE_URL)`);
  const store: BoardStore = config.DATABASE_URL
    ? new (await import('./storage/postgres')).PostgresStore({ connectionString: config.DATABASE_URL, schema: config.DATABASE_SCHEMA })
    : new (await import('./storage/sqlite')).SqliteStore(file, { synchronous: config.SQLITE_SYNCHRONOUS });
  try {
    const board = await store.getBoard(boardId);
    if (!board) throw new UsageError(`no board ${boardId} in ${config.DATABASE_URL ? 'the database' : config.DATA_DIR}`);
    const { doc, control, participants } = await loadStoredBoard(store, boardId, log);
    const context = exportContext(boardId, doc, control, participants, { frameId: values.frame, table: values.table, csv: values.csv });
    const file = await (await exporting)(context);
    const frame = context.input.elements.find((e) => e.id === values.frame);
    const out = values.out ?? downloadName(exportBaseName(board.title, frame?.type === 'frame' ? frame.title : undefined, file.nameSuffix), file.extension).ascii;
    if (out === '-') process.stdout.write(file.body);
    else {
      fs.writeFileSync(out, file.body);
      console.error(`wrote ${out} (${Buffer.byteLength(file.body)} bytes)`);
    }
    doc.destroy();
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  try {
    if (command !== 'export') throw new UsageError(`unknown command ${command ?? '(none)'}`);
    await exportBoard(rest);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExportRequestError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else {
      console.error(`export failed: ${(error as Error).stack ?? String(error)}`);
      process.exitCode = 1;
    }
  }
}

void main();
