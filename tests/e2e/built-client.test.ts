import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

// The real build must hold no inline script or style for script-src/style-src 'self' to work.
// Here, not among the integration tests: only the browser project builds the client.
describe('the built client', () => {
  it('index.html loads only files: no inline script, style or handler', () => {
    const html = fs.readFileSync(path.join(ROOT, 'dist/client/index.html'), 'utf8');
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) expect(tag).toMatch(/^<script\b[^>]*\bsrc="\/[^"]+"[^>]*><\/script>$/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
  });
});
