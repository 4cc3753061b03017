import { create } from 'content-disposition';

/**
 * The one place downloads get their names: every export format, the `/backup` address and
 * `npm run export` name files here.
 */

/** Polish letters NFD cannot take apart (ł has no combining form). */
const LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ß: 'ss' };

/** A file name without diacritics or characters any file system or header would trip on. */
export function asciiName(name: string): string {
  const ascii = name
    .replace(/[łŁđĐøØß]/g, (c) => LETTERS[c]!)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim()
    .replace(/^[-. ]+|[-. ]+$/g, '');
  return ascii.slice(0, 120) || 'board';
}

/** The name a file is offered under: board title, then frame title and table name when given. */
export function exportBaseName(title: string, ...parts: (string | undefined)[]): string {
  return [title, ...parts].filter((p): p is string => Boolean(p && p.trim())).join(' - ');
}

/** A download's name in both forms: as the board says it (Polish letters and all) and in plain ASCII. */
export function downloadName(base: string, extension: string): { name: string; ascii: string } {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) || 'board';
  return { name: `${clean}.${extension}`, ascii: `${asciiName(clean)}.${extension}` };
}

/**
 * `Content-Disposition: attachment` (RFC 6266, by the `content-disposition` package): the
 * ASCII name as `filename` for old clients, the real one as `filename*=UTF-8''…`.
 */
export function attachmentHeader(base: string, extension: string): string {
  const { name, ascii } = downloadName(base, extension);
  return create(name, { fallback: ascii });
}
