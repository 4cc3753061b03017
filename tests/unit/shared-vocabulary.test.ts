import { describe, expect, it } from 'vitest';
import { CSV_DIALECT_NAMES, EXPORT_FORMATS, OFFERED_FORMATS, TABLE_NAMES, isCsvDialect, isExportFormat } from '../../shared/protocol/export-formats';
import { CSV_DIALECTS } from '../../shared/report/cells';
import { asRole, ROLES } from '../../shared/protocol/state';
import { handshakeSchema } from '../../shared/protocol/commands';
import { parseBoardLink } from '../../shared/protocol/board-link';
import { BOARD_ID_PATTERN } from '../../shared/protocol/routes';
import { isVotableType, placedByBox } from '../../shared/schema/elements';

/** Words the client and the server both use, each defined once in shared/protocol. */
describe('export formats, tables and CSV dialects: one list for the dialog, the route and the CLI', () => {
  it.each([
    ['docx', true],
    ['pdf', true],
    ['json', true],
    ['csv', true],
    ['DOCX', false],
    ['html', false],
    ['', false],
    [undefined, false],
    ['__proto__', false],
  ])('isExportFormat(%s) → %s', (value, expected) => {
    expect(isExportFormat(value)).toBe(expected);
  });

  it('the dialog offers every known format once, reports first', () => {
    expect([...OFFERED_FORMATS].sort()).toEqual([...EXPORT_FORMATS].sort());
    expect(new Set(OFFERED_FORMATS).size).toBe(OFFERED_FORMATS.length);
    expect(OFFERED_FORMATS.slice(0, 2)).toEqual(['docx', 'pdf']);
  });

  it.each([
    ['pl', true],
    ['en', true],
    ['de', false],
    ['', false],
    [null, false],
  ])('isCsvDialect(%s) → %s', (value, expected) => {
    expect(isCsvDialect(value)).toBe(expected);
  });

  it('every dialect name has its separators, and the tables are the report’s methods', () => {
    expect(Object.keys(CSV_DIALECTS).sort()).toEqual([...CSV_DIALECT_NAMES].sort());
    expect(TABLE_NAMES).toContain('stakeholders');
    expect(new Set(TABLE_NAMES).size).toBe(TABLE_NAMES.length);
  });
});

describe('asRole: the three roles, read from what the server or storage says', () => {
  it.each([
    ['facilitator', 'facilitator'],
    ['participant', 'participant'],
    ['observer', 'observer'],
    ['admin', undefined],
    ['Facilitator', undefined],
    ['', undefined],
    [null, undefined],
    [3, undefined],
  ])('%s → %s', (value, expected) => {
    expect(asRole(value)).toBe(expected);
  });

  it('knows exactly ROLES', () => {
    expect(ROLES.map(asRole)).toEqual([...ROLES]);
  });
});

describe('a board id means the same in the address, the facilitation handshake and a pasted link', () => {
  it.each([
    ['abc_DEF-123', true],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['a.b', false],
    ['', false],
  ])('%s → %s', (boardId, valid) => {
    expect(BOARD_ID_PATTERN.test(boardId)).toBe(valid);
    expect(handshakeSchema.safeParse({ boardId, token: 't', sessionId: 's' }).success).toBe(valid);
    const link = parseBoardLink(`https://warsztat.example/b/${boardId}#token=abcdefgh12`);
    // A pasted link reads the longest id it can; a longer one is not this board.
    expect(link.ok && link.boardId === boardId).toBe(valid);
  });
});

describe('per-type traits of shared/schema: how the area rules place a type, and whether it takes votes', () => {
  it.each<[string, boolean, boolean]>([
    ['note', true, true],
    ['text', true, true],
    ['rect', true, true],
    ['stakeholder', true, true],
    ['treeNode', true, true],
    ['idea', true, true],
    ['stroke', true, false],
    ['frame', false, false],
    ['connector', false, false],
  ])('%s: placed by its box %s, votable %s', (type, byBox, votable) => {
    expect(placedByBox(type)).toBe(byBox);
    expect(isVotableType(type)).toBe(votable);
  });
});
