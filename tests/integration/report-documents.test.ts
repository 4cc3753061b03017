/**
 * The DOCX and PDF reports of a realistic board (issue #17) as people see them: the DOCX
 * through LibreOffice (one conversion for the whole file: it takes seconds), both read back
 * with poppler (pdftotext, pdfinfo, pdftohtml for the bookmarks).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExporter } from '../../server/export/index';
import { exportContext } from '../../server/export/source';
import { ARTIFACTS_DIR } from '../helpers/browser';
import { realisticBoard } from '../helpers/realistic-board';

const run = promisify(execFile);
const SOFFICE = fs.existsSync('/usr/bin/soffice') ? '/usr/bin/soffice' : 'soffice';

/** The report's level-1 headings, in order. */
const HEADINGS = ['Uczestnicy', 'Program', 'Mapa interesariuszy', 'Drzewo problemów', 'Drzewo celów', 'Analiza SWOT', 'Strategie TOWS', 'Kluczowe czynniki rozwoju', 'Pomysły mieszkańców', 'Wyniki głosowań'];

let dir: string;
let docx: Buffer;
/** Text of each page of the DOCX as LibreOffice lays it out, and of the pdfkit PDF. */
let docxPages: string[];
let pdfPages: string[];
let pdfFile: string;

async function pagesOf(file: string): Promise<string[]> {
  const { stdout: info } = await run('pdfinfo', [file]);
  const count = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) pages.push((await run('pdftotext', ['-enc', 'UTF-8', '-f', String(i), '-l', String(i), file, '-'])).stdout);
  return pages;
}

/** The page (1-based) a line equal to `text` is first on. */
function pageOfLine(pages: string[], text: string, from = 0): number {
  const i = pages.findIndex((page, n) => n >= from && page.split('\n').some((line) => line.trim() === text));
  return i + 1;
}

/** A PDF's bookmarks in order, with the page each points to (pdftohtml's XML outline). */
async function bookmarks(file: string): Promise<{ xml: string; items: { page: number; title: string }[] }> {
  const { stdout: xml } = await run('pdftohtml', ['-xml', '-i', '-stdout', '-q', file], { maxBuffer: 256 * 1024 * 1024 });
  return { xml, items: [...xml.matchAll(/<item page="(\d+)">([^<]*)<\/item>/g)].map((m) => ({ page: Number(m[1]), title: m[2]! })) };
}

let convertedFile: string;

beforeAll(async () => {
  // Its own directory for the whole file (the helpers' temp dirs go after each test).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warsztat-report-'));
  const { doc, control } = realisticBoard('pl');
  const context = exportContext('report', doc, control, [{ name: 'Anna Kowalska', role: 'facilitator' }], {}, Date.UTC(2026, 10, 20, 14, 0));
  docx = (await (await loadExporter('docx'))(context)).body as Buffer;
  fs.writeFileSync(path.join(dir, 'report.docx'), docx);
  pdfFile = path.join(dir, 'report.pdf');
  fs.writeFileSync(pdfFile, (await (await loadExporter('pdf'))(context)).body as Buffer);
  // A profile of its own: a LibreOffice already running (or another test's) would take the job otherwise.
  await run(SOFFICE, [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'lo'), path.join(dir, 'report.docx')], { timeout: 170_000 });
  const converted = path.join(dir, 'lo', 'report.pdf');
  convertedFile = converted;
  docxPages = await pagesOf(converted);
  pdfPages = await pagesOf(pdfFile);
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await run('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', converted, path.join(ARTIFACTS_DIR, 'report-docx-libreoffice')]);
}, 180_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('DOCX report in LibreOffice', () => {
  it('finds the headings (its PDF has a bookmark for each) and a table of contents with their pages', async () => {
    expect(docxPages.length).toBeGreaterThanOrEqual(6);
    expect(docxPages.length).toBeLessThanOrEqual(20);
    // LibreOffice bookmarks what it takes for headings: the outline levels came through.
    const { items } = await bookmarks(convertedFile);
    const first = docxPages[0]!;
    expect(first).toContain('Spis treści');
    const afterContents = first.slice(first.indexOf('Spis treści'));
    for (const heading of HEADINGS) {
      const bookmark = items.find((item) => item.title === heading);
      expect(bookmark, `bookmark ${heading}`).toBeDefined();
      expect(docxPages[bookmark!.page - 1], heading).toContain(heading);
      const entry = new RegExp(`^${heading}\\.{3,}\\s*(\\d+)$`, 'm').exec(afterContents);
      expect(entry, `TOC entry ${heading}`).not.toBeNull();
      expect(Number(entry![1]), heading).toBe(bookmark!.page);
    }
  });

  it('numbers every page in the footer: "Strona n z N"', () => {
    docxPages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Strona ${i + 1} z ${docxPages.length}`));
  });

  it('breaks no word of the stakeholder table (nor anywhere else)', async () => {
    // Every word LibreOffice drew is a word of the document: a word broken across lines in a
    // narrow column ("Interesari" + "usz") would leave fragments that are not.
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const decode = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
    const words = new Set<string>();
    for (const paragraph of xml.split('</w:p>')) {
      const text = [...paragraph.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');
      for (const word of text.split(/\s+/)) if (word) words.add(word);
    }
    const start = pageOfLine(docxPages, 'Mapa interesariuszy', 1) - 1;
    const end = pageOfLine(docxPages, 'Drzewo problemów', 1) - 1;
    expect(end).toBeGreaterThan(start);
    const fragments: string[] = [];
    for (const page of docxPages.slice(start, end + 1)) {
      for (const word of page.split(/\s+/)) {
        // List bullets and page numbers are LibreOffice's, not the document's text.
        if (!word || words.has(word) || !/\p{L}/u.test(word) || word === 'Strona' || word === 'z') continue;
        fragments.push(word);
      }
    }
    expect(fragments).toEqual([]);
    expect(docxPages.slice(start, end + 1).join('\n')).toContain('Ponadpodstawowych');
  });

  it('is marked up for Word too: fixed column widths, rows kept whole, header rows repeated, captions kept, outline levels, pl-PL', async () => {
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toMatch(/<w:keepNext\/>(?:(?!<\/w:p>).)*<w:drawing>/s);
    expect(xml).toContain('PAGEREF _Toc1');
    expect(styles).toMatch(/w:styleId="Heading1"[\s\S]*?<w:outlineLvl w:val="0"\/>/);
    expect(styles).toContain('<w:lang w:val="pl-PL"/>');
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:updateFields/>');
  });
});

describe('PDF report', () => {
  it('has a bookmark per heading, on the heading’s page, and page numbers', async () => {
    const { xml: stdout, items } = await bookmarks(pdfFile);
    const titles = items.map((i) => i.title);
    let at = -1;
    for (const heading of HEADINGS) {
      const i = titles.indexOf(heading, at + 1);
      expect(i, heading).toBeGreaterThan(at);
      at = i;
      expect(pdfPages[items[i]!.page - 1], heading).toContain(heading);
    }
    // Second levels hang under their headings: SWOT quadrants, vote rounds.
    expect(stdout).toMatch(/Analiza SWOT<\/item>\s*<outline>\s*<item page="\d+">Mocne strony/);
    expect(titles).toContain('Pomysły do planu');
    pdfPages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`Strona ${i + 1} z ${pdfPages.length}`));
  });

  it('names emoji DejaVu Sans cannot draw instead of leaving empty boxes', () => {
    const text = pdfPages.join('\n');
    expect(text).toContain('[kciuk w górę]');
    expect(text).toContain('[ogień]');
    expect(text).not.toMatch(/[\u{1F300}-\u{1FAFF}]/u);
  });
});
