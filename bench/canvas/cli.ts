import fs from 'node:fs';
import path from 'node:path';
import { runCanvasBench } from './index';

/**
 * npx tsx bench/canvas/cli.ts [sizes…]
 * Prints the Markdown section and writes it to bench/canvas/last-run.md; progress goes to stderr.
 */
const sizes = process.argv
  .slice(2)
  .map((a) => Number(a.replace(/[_,]/g, '')))
  .filter((n) => Number.isInteger(n) && n > 0);
const controller = new AbortController();
const onSignal = () => controller.abort();
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

try {
  const markdown = await runCanvasBench({ sizes: sizes.length ? sizes : undefined, signal: controller.signal });
  process.stdout.write(markdown);
  fs.writeFileSync(path.join(import.meta.dirname, 'last-run.md'), markdown);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
