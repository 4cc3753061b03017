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
    .replace(/^[-.]+|[-.]+$/g, '');
  return ascii.slice(0, 120) || 'board';
}

/**
 * `Content-Disposition: attachment` with both forms (RFC 6266): an ASCII `filename` for old
 * clients and `filename*=UTF-8''…` with the real name, Polish letters and all.
 */
export function contentDisposition(base: string, extension: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f/\\]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) || 'board';
  const utf8 = encodeURIComponent(`${clean}.${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName(clean)}.${extension}"; filename*=UTF-8''${utf8}`;
}

/** The name a file is offered under: board title, then frame title and table name when given. */
export function exportBaseName(title: string, ...parts: (string | undefined)[]): string {
  return [title, ...parts].filter((p): p is string => Boolean(p && p.trim())).join(' - ');
}
