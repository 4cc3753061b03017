import { describe, expect, it } from 'vitest';
import { columnWidths } from '../../shared/report/column-widths';

/** 5 units a character, 6 in a (bold) header. */
const measure = (text: string, header: boolean) => text.length * (header ? 6 : 5);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('table column widths', () => {
  it('fills the width and fits every header word whole', () => {
    const columns = ['Interesariusz', 'Grupa', 'Wpływ', 'Zaangażowanie', 'Ćwiartka', 'Oceny zaangażowania: średnia ± rozrzut (liczba)'];
    // A long link in a body cell may break; it must not squeeze the headers.
    const rows = [
      ['Urząd Gminy', 'dostawcy usług', '8', '7', 'Zarządzać blisko', '7 ± 1 (2)'],
      ['=HYPERLINK("http://evil.example","kliknij")', '+48 123', '', '', 'Utrzymywać zadowolenie', '2 ± 0 (1)'],
    ];
    const widths = columnWidths(columns, rows, 450, measure, 3);
    expect(sum(widths)).toBeCloseTo(450, 6);
    columns.forEach((header, i) => {
      const widest = Math.max(...header.split(' ').map((w) => measure(w, true)));
      expect(widths[i]).toBeGreaterThanOrEqual(widest + 7);
    });
  });

  it('gives the room left to the columns whose text would wrap, up to one line', () => {
    const widths = columnWidths(['A', 'B'], [['x', 'długi opis interesariusza w kilku słowach']], 400, measure, 3);
    expect(widths[1]).toBeGreaterThan(widths[0]!);
    expect(widths[1]).toBeGreaterThanOrEqual(measure('długi opis interesariusza w kilku słowach', false) + 7);
  });

  it('shrinks in proportion when even the widest words do not fit', () => {
    const widths = columnWidths(['Zaangażowanie', 'Zaangażowanie'], [], 100, measure, 3);
    expect(sum(widths)).toBeCloseTo(100, 6);
    expect(widths[0]).toBeCloseTo(widths[1]!, 6);
  });

  it('lets a very long body word break rather than take the table', () => {
    const widths = columnWidths(['Link', 'Nazwa'], [['https://example.org/bardzo/długi/adres/który/nie/ma/spacji', 'Urząd']], 300, measure, 3);
    expect(widths[0]).toBeLessThanOrEqual(300);
    expect(widths[1]).toBeGreaterThanOrEqual(measure('Nazwa', true) + 7);
  });
});
