import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told otherwise, and its probe for
// that already counts as a violation of the page's Content-Security-Policy (script-src
// 'self', no 'unsafe-eval'). Imported first by mount.tsx, before any schema is built.
z.config({ jitless: true });
