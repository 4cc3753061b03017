import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';

/**
 * The last line of defence runs in a process of its own: vitest installs its own handlers
 * for escaped errors, so the net is only truly tested where nothing else catches them.
 */
function runWithNet(script: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout })));
}

describe('the process-level net', () => {
  it('logs an escaped rejection and exception with the board id, and the process carries on', async () => {
    const net = path.join(ROOT, 'server/process-net.ts');
    const log = path.join(ROOT, 'server/log.ts');
    const { code, stdout } = await runWithNet(`
      const { installProcessNet, onBehalfOf, escapedErrors } = await import(${JSON.stringify(net)});
      const { createLogger } = await import(${JSON.stringify(log)});
      installProcessNet(createLogger('error'));
      onBehalfOf('tablica-a', () => Promise.resolve().then(() => { throw new Error('odrzucenie'); }));
      onBehalfOf('tablica-b', () => setTimeout(() => { throw new Error('wyjątek'); }, 1));
      const deadline = Date.now() + 5000;
      const wait = () => escapedErrors.unhandledRejection + escapedErrors.uncaughtException === 2 || Date.now() > deadline
        ? console.log('STILL RUNNING ' + JSON.stringify(escapedErrors))
        : setTimeout(wait, 5);
      wait();
    `);
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { boardId?: string; kind: string; err: { message: string } });
    expect(lines.map((l) => [l.boardId, l.kind, l.err.message])).toEqual([
      ['tablica-a', 'unhandledRejection', 'odrzucenie'],
      ['tablica-b', 'uncaughtException', 'wyjątek'],
    ]);
    expect(stdout).toContain('STILL RUNNING {"unhandledRejection":1,"uncaughtException":1}');
  });
});
