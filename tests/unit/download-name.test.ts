import { describe, expect, it } from 'vitest';
import { downloadName } from '../../client/src/panels/download';
import { attachmentHeader, exportBaseName } from '../../server/export/filename';

describe('download names: written by the server, read by the client, one package both ways', () => {
  it.each([
    ['Polish letters', 'Warsztat w Łęczycy: żółć', 'pdf', 'Warsztat w Leczycy- zolc.pdf'],
    ['plain ASCII', 'Plan 2027', 'csv', 'Plan 2027.csv'],
    ['quotes and semicolons', 'Plan "B"; wersja 2', 'md', 'Plan -B- wersja 2.md'],
    ['a path in the title', '../../etc/passwd', 'json', 'etc passwd.json'],
    ['an en dash and a date suffix', exportBaseName('Warsztat – Żory', undefined, '2026-12-03'), 'json', 'Warsztat - Zory - 2026-12-03.json'],
    ['control characters', 'a\u0000b\nc', 'svg', 'a b c.svg'],
  ])('%s', (_name, base, extension, ascii) => {
    const header = attachmentHeader(base, extension);
    expect(header.startsWith('attachment; filename=')).toBe(true);
    expect(header).toContain(ascii.includes(' ') || ascii.includes('-') ? `filename="${ascii}"` : `filename=${ascii}`);
    const name = downloadName(header, 'fallback');
    // eslint-disable-next-line no-control-regex -- control characters are what must not come through
    expect(name).not.toMatch(/[/\\\u0000-\u001f]/);
    expect(name.endsWith(`.${extension}`)).toBe(true);
  });

  it('the client takes the UTF-8 form when there is one, the ASCII one otherwise', () => {
    expect(downloadName(attachmentHeader('Łódź — plan', 'docx'), 'x')).toBe('Łódź — plan.docx');
    expect(downloadName('attachment; filename="Plan.pdf"', 'x')).toBe('Plan.pdf');
    expect(downloadName(`attachment; filename="a.pdf"; filename*=UTF-8''%C5%BC.pdf`, 'x')).toBe('ż.pdf');
  });

  it.each([
    ['no header', null],
    ['no name', 'attachment'],
    ['a broken UTF-8 form and no ASCII one', `attachment; filename*=UTF-8''%E0%A4%A.pdf`],
    ['a path', 'attachment; filename="../x.pdf"'],
  ])('%s: the fallback', (_name, header) => {
    expect(downloadName(header, 'tablica.json')).toBe('tablica.json');
  });
});
