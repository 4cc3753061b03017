import { describe, expect, it } from 'vitest';
import { MAX_FRAME_TITLES, roomAboveNested, shortenToWidth, FRAME_TITLE_MIN_WIDTH_PX, FRAME_TITLE_SCREEN_PX, FRAME_TITLE_SCREEN_SCALE, frameTitlePlacements, type FrameTitleSource } from '../../shared/geometry/frame-titles';
import { EDITING_MIN_TEXT_PX, readableViewport } from '../../shared/geometry/viewport';

const screen = { width: 1280, height: 800 };
const frame = (id: string, x: number, y: number, w: number, h: number, title = id, nested = false): FrameTitleSource => ({ id, title, x, y, w, h, nested });

describe('frame titles at screen size', () => {
  it('are drawn by the frames themselves once the zoom makes their own title legible', () => {
    expect(frameTitlePlacements([frame('A', 0, 0, 1000, 800)], { x: 0, y: 100, scale: FRAME_TITLE_SCREEN_SCALE }, screen)).toEqual([]);
    expect(frameTitlePlacements([frame('A', 0, 0, 1000, 800)], { x: 0, y: 100, scale: FRAME_TITLE_SCREEN_SCALE * 0.99 }, screen)).toHaveLength(1);
  });

  it('sit above a frame, as wide as it, and inside a frame that is within another', () => {
    const v = { x: 100, y: 200, scale: 0.1 };
    const [outer, inner] = frameTitlePlacements([frame('SWOT', 0, 0, 2000, 1600), frame('Mocne strony', 40, 60, 900, 700, 'Mocne strony', true)], v, screen);
    expect(outer).toEqual({ id: 'SWOT', title: 'SWOT', x: 100, y: 200 - 5 - FRAME_TITLE_SCREEN_PX, maxWidth: 200, inside: false });
    expect(inner).toEqual({ id: 'Mocne strony', title: 'Mocne strony', x: 104, y: 206 + 5, maxWidth: 90, inside: true });
  });

  it('leave out frames too narrow for a word, untitled ones and those off screen', () => {
    const v = { x: 0, y: 100, scale: 0.1 };
    const tooNarrow = frame('narrow', 0, 0, (FRAME_TITLE_MIN_WIDTH_PX - 1) * 10, 1000);
    const untitled = frame('blank', 5000, 0, 1000, 1000, '   ');
    const offScreen = frame('far', 20000, 0, 1000, 1000);
    const above = frame('above', 0, -5000, 1000, 1000);
    expect(frameTitlePlacements([tooNarrow, untitled, offScreen, above, frame('ok', 2000, 0, 1000, 1000)], v, screen).map((p) => p.id)).toEqual(['ok']);
  });

  it('are at most MAX_FRAME_TITLES at once, those of the largest frames', () => {
    const many = Array.from({ length: MAX_FRAME_TITLES + 50 }, (_, i) => frame(`f${i}`, (i % 20) * 600, Math.floor(i / 20) * 600, 500, 400 + i));
    const placed = frameTitlePlacements(many, { x: 0, y: 50, scale: 0.1 }, screen);
    expect(placed).toHaveLength(MAX_FRAME_TITLES);
    expect(placed.map((p) => p.id)).not.toContain('f0');
    expect(placed.map((p) => p.id)).toContain(`f${MAX_FRAME_TITLES + 49}`);
  });

  it('place the larger of two overlapping frames and drop the other title', () => {
    const v = { x: 0, y: 100, scale: 0.1 };
    const big = frame('big', 0, 0, 3000, 2000);
    const overlapping = frame('small', 100, 20, 1000, 500);
    expect(frameTitlePlacements([overlapping, big], v, screen).map((p) => p.id)).toEqual(['big']);
  });
});

describe('zooming in to type', () => {
  const note = { x: 1000, y: 500, w: 200, h: 200 };

  it('leaves a legible view alone', () => {
    expect(readableViewport({ x: 0, y: 0, scale: 1 }, note, 16, 1280, 800)).toBeNull();
  });

  it('zooms in far enough to read the text, centred on the element', () => {
    const v = readableViewport({ x: 0, y: 0, scale: 0.1 }, note, 16, 1280, 800)!;
    expect(v.scale * 16).toBeCloseTo(EDITING_MIN_TEXT_PX);
    expect(1100 * v.scale + v.x).toBeCloseTo(640);
    expect(600 * v.scale + v.y).toBeCloseTo(400);
  });

  it('stops where a large element still fits on the screen', () => {
    const frame = { x: 0, y: 0, w: 20000, h: 10000 };
    const v = readableViewport({ x: 0, y: 0, scale: 0.02 }, frame, 18, 1280, 800)!;
    expect(v.scale).toBeCloseTo(Math.min((1280 - 96) / 20000, (800 - 96) / 10000));
    expect(readableViewport({ x: 0, y: 0, scale: 0.07 }, frame, 18, 1280, 800)).toBeNull();
  });
});

describe('cutting a title to the width of its frame', () => {
  // Every character 10 px wide, the ellipsis too.
  const tenEach = () => 10;

  it('keeps a title that fits whole', () => {
    expect(shortenToWidth('Mapa', 40, tenEach)).toBe('Mapa');
  });

  it('cuts between characters, ends with an ellipsis, and never leaves a space before it', () => {
    expect(shortenToWidth('Mapa interesariuszy', 80, tenEach)).toBe('Mapa in…');
    // Room for "Mapa " and the ellipsis: the space is dropped.
    expect(shortenToWidth('Mapa interesariuszy', 60, tenEach)).toBe('Mapa…');
    expect(shortenToWidth('Zagrożenia', 60, tenEach)).toBe('Zagro…');
  });

  it('gives nothing when not even a letter and the ellipsis fit', () => {
    expect(shortenToWidth('Szanse', 15, tenEach)).toBeNull();
  });
});

describe('titles of frames within frames (TOWS cells, SWOT quadrants)', () => {
  const box = (id: string, x: number, y: number, w: number, h: number, parentId: string | null = null) => ({ id, x, y, w, h, parentId });

  it.each([
    ['a cell under the outer frame’s top', [box('T', 0, 0, 1300, 1120), box('SO', 40, 60, 600, 480, 'T')], 'SO', 60],
    ['a cell under another cell', [box('T', 0, 0, 1300, 1120), box('SO', 40, 60, 600, 480, 'T'), box('ST', 40, 600, 600, 480, 'T')], 'ST', 60],
    ['a cell beside, not under, another', [box('T', 0, 0, 1300, 1120), box('SO', 40, 60, 600, 480, 'T'), box('WT', 660, 600, 600, 480, 'T')], 'WT', 600],
    ['a cell touching the outer top', [box('T', 0, 0, 100, 100), box('A', 0, 0, 50, 50, 'T')], 'A', 0],
  ])('room above %s', (_, frames, id, room) => {
    expect(roomAboveNested(frames).get(id)).toBe(room);
  });

  it('goes above the cell when the room there fits the title at this zoom, inside it when not', () => {
    const cell = { ...frame('SO – maxi-maxi', 40, 600, 600, 480, 'SO – maxi-maxi', true), roomAbove: 60 };
    const [above] = frameTitlePlacements([cell], { x: 0, y: 0, scale: 0.5 }, screen);
    expect(above!.y).toBeLessThan(600 * 0.5);
    const [inside] = frameTitlePlacements([cell], { x: 0, y: 0, scale: 0.2 }, screen);
    expect(inside!.y).toBeGreaterThan(600 * 0.2);
    // A nested frame with no room stated keeps its title inside, as before.
    const [old] = frameTitlePlacements([{ ...cell, roomAbove: undefined }], { x: 0, y: 0, scale: 0.5 }, screen);
    expect(old!.y).toBeGreaterThan(600 * 0.5);
  });

  it('from 40 % up (where the S1/O1 labels are legible) every TOWS cell title is above its cell', () => {
    const frames = [box('T', 0, 0, 1300, 1120), box('SO', 40, 60, 600, 480, 'T'), box('WO', 660, 60, 600, 480, 'T'), box('ST', 40, 600, 600, 480, 'T'), box('WT', 660, 600, 600, 480, 'T')];
    const room = roomAboveNested(frames);
    const sources = frames.map((f) => ({ ...frame(f.id, f.x, f.y, f.w, f.h, `${f.id} title`, f.parentId !== null), roomAbove: room.get(f.id) }));
    for (const scale of [0.4, 0.5, 0.6, 0.7]) {
      const placements = frameTitlePlacements(sources, { x: 0, y: 0, scale }, { width: 5000, height: 5000 });
      for (const id of ['SO', 'WO', 'ST', 'WT']) {
        const f = frames.find((g) => g.id === id)!;
        const p = placements.find((q) => q.id === id)!;
        expect(p.y + FRAME_TITLE_SCREEN_PX, `${id} at ${scale}`).toBeLessThanOrEqual(f.y * scale);
      }
    }
  });
});
