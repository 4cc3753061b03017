import { expect } from 'vitest';
import { createElement } from '../../shared/ops/elements';
import { elementsOf } from '../../shared/schema/doc';
import { stockClient, synced, waitFor } from './clients';
import type { TestServer } from './server';

/**
 * A bystander board that must keep syncing whatever happens elsewhere on the server: two
 * stock clients; the returned check writes a note on one and waits for it on the other,
 * then asks /api/health.
 */
export async function bystanders(server: TestServer): Promise<() => Promise<void>> {
  const board = await server.createBoard('Świadkowie');
  const a = stockClient(server.wsUrl, board.id, board.tokens.participant);
  const b = stockClient(server.wsUrl, board.id, board.tokens.participant);
  await Promise.all([synced(a), synced(b)]);
  return async function stillSyncing() {
    const id = createElement(a.doc, { type: 'note', text: 'nadal działa' });
    await waitFor(() => elementsOf(b.doc).has(id), 3000, 'bystander board to keep syncing');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  };
}
