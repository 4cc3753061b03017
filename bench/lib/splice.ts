import fs from 'node:fs';

/**
 * Writes `section` (starting with `heading`, a text or a pattern) into the report `out`: in place of the section
 * under that heading, up to the next `## `, or appended when the report has none yet.
 */
export function spliceSectionByHeading(out: string, heading: string | RegExp, section: string): void {
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '# Benchmarks\n';
  const start = typeof heading === 'string' ? old.indexOf(heading) : old.search(heading);
  if (start < 0) {
    fs.writeFileSync(out, `${old.trimEnd()}\n\n${section}`);
    return;
  }
  const next = old.slice(start + 1).search(/^## /m);
  fs.writeFileSync(out, `${old.slice(0, start)}${section}${next < 0 ? '' : `\n${old.slice(start + 1 + next)}`}`);
}
