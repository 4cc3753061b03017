import { isCsvDialect, toCsv } from '../../shared/report/cells';
import { TABLE_NAMES, reportTables } from '../../shared/report/tables';
import { reportOf } from './report';
import { ExportRequestError, type ExportContext, type ExportFile, type Exporter } from './types';

/**
 * One method's table as CSV: `options.table` picks it (the tables present are named in the
 * error); `options.csv` the dialect, by default the board's language's.
 */
export const csvExporter: Exporter = (context: ExportContext): ExportFile => {
  const dialect = context.options.csv ?? context.input.meta.locale;
  if (!isCsvDialect(dialect)) throw new ExportRequestError(`csv must be pl or en`);
  const tables = reportTables(reportOf(context));
  const name = context.options.table;
  const available = tables.map((t) => t.name).join(', ') || 'none';
  if (!name) throw new ExportRequestError(`csv needs table=<name>; this board has: ${available}`);
  if (!(TABLE_NAMES as readonly string[]).includes(name)) throw new ExportRequestError(`unknown table ${name}; tables: ${TABLE_NAMES.join(', ')}`);
  const table = tables.find((t) => t.name === name);
  if (!table) throw new ExportRequestError(`this board has no ${name} table; it has: ${available}`);
  return { body: toCsv(table.columns, table.rows, dialect), contentType: 'text/csv; charset=utf-8', extension: 'csv', nameSuffix: name };
};
