import { describe, expect, it } from 'vitest';
import { importedCards, normaliseHeader, readStakeholderRows } from '../../shared/methods/stakeholder-import';
import { cardPosition, scoresAt } from '../../shared/methods/stakeholders';
import { declaredUnpackedSize, isZip, unpackedSizeAtMost } from '../../server/import/spreadsheet';

describe('reading stakeholder rows', () => {
  it('accepts Polish and English headers in any case, with or without diacritics', () => {
    expect(['Nazwa', 'NAME', 'Wpływ', 'wplyw', 'Zaangażowanie', ' Uwagi '].map(normaliseHeader)).toEqual(['nazwa', 'name', 'wplyw', 'wplyw', 'zaangazowanie', 'uwagi']);
    const result = readStakeholderRows([
      ['Lp.', 'Nazwa', 'Grupa', 'Zaangażowanie', 'Wpływ'],
      ['1', 'Rada Seniorów', 'użytkownicy miasta', '8', '7,5'],
      ['', '', '', '', ''],
      ['2', 'MPK', 'dostawcy usług', '', ''],
    ]);
    expect(result).toEqual({
      ok: true,
      stakeholders: [
        { name: 'Rada Seniorów', group: 'użytkownicy miasta', notes: '', influence: 7.5, engagement: 8 },
        { name: 'MPK', group: 'dostawcy usług', notes: '', influence: null, engagement: null },
      ],
    });
  });

  it.each([
    [[['Nazwa', 'Nazwa'], ['a', 'b']], /column for name appears twice/],
    [[['Name', 'Phone'], ['a', '1']], /unknown column "Phone"; expected the columns nazwa\/name \(required\)/],
    [[['Group'], ['x']], /no name column/],
    [[['Name', 'Engagement'], ['a', 'high']], /row 2: engagement must be a number from 0 to 10 \(got "high"\)/],
    [[['Name'], ['x'.repeat(201)]], /row 2: the name is longer than 200/],
    [[], /the file is empty/],
  ])('refuses %j', (rows, error) => {
    const result = readStakeholderRows(rows as string[][]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });

  it('places scored cards at their scores and piles unscored ones after those already there', () => {
    const frame = { id: 'map', x: 0, y: 0, w: 1280, h: 1280 };
    const cards = importedCards(frame, [
      { name: 'A', group: '', notes: '', influence: 2, engagement: 9 },
      { name: 'B', group: '', notes: '', influence: null, engagement: null },
    ], 3);
    expect(cards[0]).toMatchObject({ type: 'stakeholder', parentId: 'map', ...cardPosition(frame, { influence: 2, engagement: 9 }, { w: 220, h: 110 }) });
    expect(scoresAt(frame, cards[0] as never)).toEqual({ influence: 2, engagement: 9 });
    expect(cards[1]).toMatchObject({ influence: null, engagement: null, parentId: 'map' });
  });
});

describe('zip directory check (before unpacking an XLSX)', () => {
  it('tells zip from text and finds no directory in garbage', () => {
    expect(isZip(Buffer.from('Nazwa;Grupa'))).toBe(false);
    expect(isZip(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe(true);
    expect(declaredUnpackedSize(Buffer.alloc(64))).toBeNull();
  });

  it('sums the sizes a central directory declares', () => {
    // One entry declaring 5 GB-ish (0xfffffff0) unpacked: what a zip bomb says of itself.
    const name = Buffer.from('xl/a.xml');
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(0xfffffff0, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(4, 16);
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), central, name, end]);
    expect(declaredUnpackedSize(zip)).toBe(0xfffffff0);
  });

  it('counts what a zip really unpacks to, whatever its directory declares', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(30 * 1024 * 1024));
    const honest = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(honest.length).toBeLessThan(100_000);
    expect(() => unpackedSizeAtMost(honest, 20 * 1024 * 1024)).toThrow(/unpacks to more than 20 MB/);
    // The same bomb lying about itself: its directory says 10 bytes, and it says 0 entries.
    const lying = Buffer.from(honest);
    const endAt = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const centralAt = lying.readUInt32LE(endAt + 16);
    lying.writeUInt32LE(10, centralAt + 24);
    lying.writeUInt16LE(0, endAt + 8);
    lying.writeUInt16LE(0, endAt + 10);
    expect(declaredUnpackedSize(lying)).toBe(0);
    expect(() => unpackedSizeAtMost(lying, 20 * 1024 * 1024)).toThrow(/unpacks to more than 20 MB/);
    const small = new JSZip();
    small.file('a.xml', 'zażółć gęślą jaźń');
    expect(unpackedSizeAtMost(await small.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 1000)).toBe(Buffer.byteLength('zażółć gęślą jaźń'));
  });
});

