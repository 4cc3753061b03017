import ExcelJS from 'exceljs';
import type { CellValue } from '../../shared/report/cells';
import { reportTables, type ReportTable } from '../../shared/report/tables';
import { reportOf } from './report';
import type { ExportContext, ExportFile, Exporter } from './types';

/** Sheet names: at most 31 characters and none of : \ / ? * [ ] (Excel's rules), unique. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 28)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * One sheet per method. Text cells are typed text (shared strings with the Text number format
 * `@`) written as they are: a string cell is never a formula, and the Text format keeps it text
 * when someone edits it, so no protective apostrophe shows ('+48 600 100 200' reads as written).
 */
export async function tablesToXlsx(tables: readonly ReportTable[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Warsztat';
  workbook.title = title;
  const taken = new Set<string>();
  const addRow = (sheet: ExcelJS.Worksheet, values: readonly CellValue[]) => {
    const row = sheet.addRow([...values]);
    row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.numFmt = '@';
    });
    return row;
  };
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    addRow(sheet, table.columns).font = { bold: true };
    for (const row of table.rows) addRow(sheet, row);
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(...[table.columns[i] ?? '', ...table.rows.map((r) => r[i] ?? '')].map((v) => String(v).length));
      column.width = Math.min(60, Math.max(8, longest + 2));
    });
  }
  if (tables.length === 0) workbook.addWorksheet('—');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const xlsxExporter: Exporter = async (context: ExportContext): Promise<ExportFile> => {
  const report = reportOf(context);
  return { body: await tablesToXlsx(reportTables(report), report.title), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
};
