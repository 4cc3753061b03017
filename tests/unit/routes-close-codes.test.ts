import { describe, expect, it } from 'vitest';
import { CLOSE, finalCloseError } from '../../shared/protocol/close-codes';
import { BOARD_ID_PATTERN, routeOf } from '../../shared/protocol/routes';

describe('routeOf: which page an address shows (client and server read ids alike)', () => {
  it.each([
    ['/', '', { page: 'lobby' }],
    ['/b/abc_DEF-123', '#token=t0k', { page: 'board', boardId: 'abc_DEF-123', token: 't0k' }],
    ['/b/abc/', '', { page: 'board', boardId: 'abc', token: null }],
    ['/b/abc', '#x=1&token=a%20b', { page: 'board', boardId: 'abc', token: 'a b' }],
    ['/b/' + 'x'.repeat(65), '#token=t', { page: 'lobby' }],
    ['/b/a.b', '', { page: 'lobby' }],
    ['/b/abc/extra', '', { page: 'lobby' }],
    ['/idea/board1/key_2', '', { page: 'idea', boardId: 'board1', formKey: 'key_2' }],
    ['/idea/board1', '', { page: 'lobby' }],
    ['/deklaracja-dostepnosci', '', { page: 'statement' }],
    ['/accessibility/', '', { page: 'statement' }],
    ['/deklaracja-dostepnosci/x', '', { page: 'lobby' }],
  ])('%s %s', (pathname, hash, route) => {
    expect(routeOf(pathname, hash)).toEqual(route);
  });

  it.each([
    ['abc', true],
    ['A-b_9', true],
    ['', false],
    ['x'.repeat(64), true],
    ['x'.repeat(65), false],
    ['../etc', false],
    ['__proto__', true],
  ])('board id %j → %s', (id, valid) => {
    expect(BOARD_ID_PATTERN.test(id)).toBe(valid);
  });
});

describe('finalCloseError: after which close codes reconnecting cannot help', () => {
  it.each([
    [CLOSE.tokenRevoked.code, 'badToken'],
    [CLOSE.personalLinkRevoked.code, 'badToken'],
    [CLOSE.boardDeleted.code, 'deleted'],
    [CLOSE.docTooLarge.code, 'tooLarge'],
    [CLOSE.unsupportedSchema.code, 'generic'],
    [CLOSE.goingAway.code, null],
    [CLOSE.reopened.code, null],
    [CLOSE.storageFailure.code, null],
    [CLOSE.malformed.code, null],
    [CLOSE.timeout.code, null],
    [1006, null],
  ])('%i → %s', (code, error) => {
    expect(finalCloseError(code)).toBe(error);
  });
});
