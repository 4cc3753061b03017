import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cardPosition } from '../../shared/methods/stakeholders';
import { elementsOf } from '../../shared/schema/doc';
import { toPlain } from '../../shared/schema/plain';
import { stockClient, synced, waitFor } from '../helpers/clients';
import { startServer, type CreatedBoard, type TestServer } from '../helpers/server';

/** Stakeholders in the server's copy (the reader keeps the board loaded). */
const stakeholdersOf = (server: TestServer, board: CreatedBoard) =>
  [...elementsOf(server.warsztat.rooms.peek(board.id)!.doc).values()].map((e) => toPlain(e)).filter((e) => e.type === 'stakeholder');

async function upload(server: TestServer, board: CreatedBoard, body: Buffer | string, token = board.tokens.facilitator, type = 'text/csv') {
  const res = await fetch(`${server.url}/api/boards/${board.id}/stakeholders/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: (await res.json()) as { error?: string; created?: number; ids?: string[] } };
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Interesariusze');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function mapBoard(server: TestServer) {
  const board = await server.createBoard('Mapa', { template: 'stakeholder-map' });
  const reader = stockClient(server.wsUrl, board.id, board.tokens.observer);
  await synced(reader);
  const frame = [...elementsOf(reader.doc).values()].map((e) => toPlain(e)).find((e) => e.method === 'stakeholders')!;
  return { board, reader, frame: frame as { id: string; x: number; y: number; w: number; h: number } };
}

describe('POST /api/boards/:id/stakeholders/import', () => {
  it('creates cards from a Polish CSV (semicolons, decimal commas) in the map frame, live for everyone', async () => {
    const server = await startServer();
    const { board, reader, frame } = await mapBoard(server);
    const csv = 'Lp.;Nazwa;Grupa;Uwagi;Wpływ;Zaangażowanie\n1;Rada Seniorów;użytkownicy miasta;spotkania co miesiąc;7,5;8\n2;MPK;dostawcy usług;;;\n';
    const res = await upload(server, board, csv);
    expect(res).toMatchObject({ status: 201, body: { created: 2 } });
    await waitFor(() => [...elementsOf(reader.doc).values()].filter((e) => e.get('type') === 'stakeholder').length === 2);
    const cards = [...elementsOf(reader.doc).values()].map((e) => toPlain(e)).filter((e) => e.type === 'stakeholder');
    const seniors = cards.find((c) => c.name === 'Rada Seniorów')!;
    expect(seniors).toMatchObject({ group: 'użytkownicy miasta', notes: 'spotkania co miesiąc', influence: 7.5, engagement: 8, parentId: frame.id });
    expect({ x: seniors.x, y: seniors.y }).toEqual(cardPosition(frame, { influence: 7.5, engagement: 8 }, { w: 220, h: 110 }));
    expect(cards.find((c) => c.name === 'MPK')).toMatchObject({ group: 'dostawcy usług', influence: null, engagement: null, parentId: frame.id });
  });

  it('creates cards from an XLSX with English headers', async () => {
    const server = await startServer();
    const { board, frame } = await mapBoard(server);
    const file = await xlsx([
      ['Name', 'Group', 'Notes', 'Influence', 'Engagement'],
      ['Local businesses', 'service providers', 'chamber of commerce', 3, 9],
      ['Residents', 'city users', '', '', ''],
    ]);
    const res = await upload(server, board, file, board.tokens.facilitator, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res).toMatchObject({ status: 201, body: { created: 2 } });
    const cards = stakeholdersOf(server, board);
    expect(cards.map((c) => [c.name, c.group, c.influence, c.engagement, c.parentId])).toEqual([
      ['Local businesses', 'service providers', 3, 9, frame.id],
      ['Residents', 'city users', null, null, frame.id],
    ]);
  });

  it.each([
    ['an unknown column', 'Nazwa;Telefon\nRada;123\n', /unknown column "Telefon"; expected the columns nazwa\/name \(required\), grupa\/group/],
    ['no name column', 'Grupa;Uwagi\nużytkownicy miasta;x\n', /no name column \(nazwa\/name\)/],
    ['a score out of range', 'Nazwa;Wpływ\nRada;11\n', /row 2: influence must be a number from 0 to 10/],
    ['an empty name', 'Nazwa;Grupa\n;użytkownicy miasta\n', /row 2: the name is empty/],
    ['a header only', 'Nazwa;Grupa\n', /no stakeholders/],
  ])('refuses %s with 400 and creates nothing', async (_case, csv, error) => {
    const server = await startServer();
    const { board } = await mapBoard(server);
    const res = await upload(server, board, csv);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
    expect(stakeholdersOf(server, board)).toEqual([]);
  });

  it('refuses an XLSX with wrong columns, an empty body and a damaged XLSX with 400', async () => {
    const server = await startServer();
    const { board } = await mapBoard(server);
    const wrong = await upload(server, board, await xlsx([['Firma', 'Miasto'], ['X', 'Y']]));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/unknown column "Firma", "Miasto"; expected the columns/);
    expect((await upload(server, board, Buffer.alloc(0))).body).toEqual({ error: 'send the CSV or XLSX file as the request body' });
    const damaged = await upload(server, board, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]));
    expect(damaged).toMatchObject({ status: 400, body: { error: expect.stringMatching(/XLSX file is damaged/) } });
    expect(stakeholdersOf(server, board)).toEqual([]);
  });

  it('answers 413 to a file over the limit, 403 to a participant, 409 without a map, and creates nothing', async () => {
    const server = await startServer();
    const { board } = await mapBoard(server);
    const big = 'Nazwa\n' + 'Rada Osiedla\n'.repeat(100_000);
    expect(await upload(server, board, big)).toEqual({ status: 413, body: { error: 'request body too large' } });
    expect((await upload(server, board, 'Nazwa\nRada\n', board.tokens.participant)).status).toBe(403);
    expect((await upload(server, board, 'Nazwa\nRada\n', 'wrong-token')).status).toBe(401);
    expect(stakeholdersOf(server, board)).toEqual([]);
    const blank = await server.createBoard('Pusta');
    expect(await upload(server, blank, 'Nazwa\nRada\n')).toEqual({ status: 409, body: { error: 'this board has no stakeholder map; add one first' } });
  });
});
