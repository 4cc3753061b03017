import { describe, expect, it } from 'vitest';
import { createElements } from '../../shared/ops/elements';
import { boardToSvg } from '../../shared/picture/svg';
import { escapeXml, wrapText } from '../../shared/picture/text';
import { csvField, neutraliseCell, safeCell, toCsv } from '../../shared/report/cells';
import { pictureWords } from '../../shared/report/labels';
import { readElements } from '../../shared/schema/plain';
import { MARKUP, reportBoard } from '../helpers/report-board';

describe('formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+48 123', "'+48 123"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['Urząd Gminy', 'Urząd Gminy'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j becomes %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });

  it('numbers stay numbers, even negative ones', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(null)).toBeNull();
    expect(csvField(-3)).toBe('-3');
  });

  it('CSV quotes every text (also against a semicolon, the separator of Polish Excel), doubles quotes, starts with a BOM', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('x;=HYPERLINK("http://evil")')).toBe('"x;=HYPERLINK(""http://evil"")"');
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField(7.5)).toBe('7.5');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(toCsv(['a', 'b'], [['x\ny', 1]])).toBe('\uFEFF"a","b"\r\n"x\ny",1\r\n');
  });
});

describe('SVG picture', () => {
  it('escapes every text: no markup from the board gets into the SVG', () => {
    const board = reportBoard();
    createElements(board.doc, [
      { type: 'note', text: MARKUP, x: 0, y: 2000 },
      { type: 'frame', title: '</svg><image href="http://evil.example/x.png"/>', x: 0, y: 2400 },
    ]);
    const { svg } = boardToSvg(readElements(board.doc).elements);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg.match(/<svg/g)).toHaveLength(1);
    expect(svg.match(/<\/svg>/g)).toHaveLength(1);
    // Nothing external is referenced.
    expect(svg).not.toMatch(/\shref="/);
  });

  it('draws the whole board, or one frame with what is inside it', () => {
    const board = reportBoard();
    const elements = readElements(board.doc).elements;
    const whole = boardToSvg(elements);
    const frame = boardToSvg(elements, { frameId: board.ids.problemTree });
    expect(whole.width).toBeGreaterThan(9000);
    expect(frame.width).toBeCloseTo(1200 + 48);
    expect(frame.svg).toContain('Odpływ młodych');
    expect(frame.svg).not.toContain('Urząd Gminy');
    expect(whole.svg).toContain('Urząd Gminy');
    // A line joins each tree node to its parent.
    expect(frame.svg.match(/<polyline/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('pictures the factors frame with its ranking chart, in the board language, when given its words', () => {
    const board = reportBoard();
    const elements = readElements(board.doc).elements;
    const plain = boardToSvg(elements, { frameId: board.ids.factors });
    expect(plain.svg).not.toContain('Ranking czynników');
    const { svg } = boardToSvg(elements, { frameId: board.ids.factors, words: pictureWords('pl') });
    expect(svg).toContain('Ranking czynników');
    // Most important first, worse current state first among equals; Polish decimal commas.
    const order = ['1. Dostępność komunikacyjna', '2. Oferta kulturalna', '3. Kapitał społeczny'].map((t) => svg.indexOf(t));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(svg).toContain('>4,5<');
    // The cards write their scores the same way.
    expect(svg).toContain('4,5 / 2');
    expect(plain.svg).toContain('4.5 / 2');
    expect(boardToSvg(elements, { frameId: board.ids.factors, words: pictureWords('en') }).svg).toContain('Factor ranking');
  });

  it('an empty board is a small blank picture', () => {
    const picture = boardToSvg([]);
    expect(picture.width).toBeGreaterThan(0);
    expect(picture.svg).toMatch(/^<svg/);
  });

  it('a note of 10,000 characters without a space is cut to what fits, quickly', () => {
    const board = reportBoard();
    const text = 'ż'.repeat(10_000);
    createElements(board.doc, [{ type: 'note', text, x: 0, y: 3000 }, { type: 'text', text: `${text.slice(0, 4000)} ${text.slice(0, 4000)}`, x: 0, y: 3400, w: 300 }]);
    const started = performance.now();
    const { svg } = boardToSvg(readElements(board.doc).elements);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(svg).toContain('…');
    expect(svg.length).toBeLessThan(200_000);
    const lines = wrapText('ab '.repeat(5) + 'x'.repeat(50), 60, 10);
    expect(lines.every((l) => l.length > 0)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe('ab'.repeat(5) + 'x'.repeat(50));
    expect(lines.length).toBeGreaterThan(2);
  });

  it('wraps long text into lines and escapes XML characters', () => {
    expect(wrapText('Położenie przy autostradzie A2', 100, 16).length).toBeGreaterThan(1);
    expect(escapeXml(`<a href='x'>&"</a>`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;');
  });
});
