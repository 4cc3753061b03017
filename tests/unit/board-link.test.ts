import { describe, expect, it } from 'vitest';
import { parseBoardLink } from '../../shared/protocol/board-link';

const token = 'vB9Cfh4nNPEDFs4mNC1YNuOjZGkspf0K';

describe('reading a pasted board link', () => {
  it('takes a whole address, keeping its host', () => {
    expect(parseBoardLink(`https://warsztat.gmina.pl/b/113UybjGjKBpSrwJ#token=${token}`)).toEqual({
      ok: true,
      boardId: '113UybjGjKBpSrwJ',
      token,
      href: `https://warsztat.gmina.pl/b/113UybjGjKBpSrwJ#token=${token}`,
    });
  });

  it('takes the part from /b/ on, and a link inside other words', () => {
    expect(parseBoardLink(`  /b/abc#token=${token} `)).toMatchObject({ ok: true, href: `/b/abc#token=${token}` });
    expect(parseBoardLink(`Link do warsztatu: http://127.0.0.1:3000/b/abc#token=${token} – do zobaczenia!`)).toMatchObject({ ok: true, href: `http://127.0.0.1:3000/b/abc#token=${token}` });
  });

  it('tells a link without its access key from text that is no board link', () => {
    expect(parseBoardLink('https://warsztat.gmina.pl/b/abc')).toEqual({ ok: false, reason: 'noToken' });
    expect(parseBoardLink('https://warsztat.gmina.pl/b/abc#token=<script>')).toEqual({ ok: false, reason: 'noToken' });
    expect(parseBoardLink('https://warsztat.gmina.pl/idea/abc')).toEqual({ ok: false, reason: 'notLink' });
    expect(parseBoardLink('zażółć gęślą jaźń')).toEqual({ ok: false, reason: 'notLink' });
    expect(parseBoardLink('')).toEqual({ ok: false, reason: 'notLink' });
  });
});
