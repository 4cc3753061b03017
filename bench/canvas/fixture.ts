import type { NewElement } from '../../shared/ops/elements';
import { NOTE_COLOURS } from '../../shared/schema/elements';

/**
 * A large, realistic workshop board: blocks laid out in a grid, each block a titled frame
 * holding a 6 × 4 grid of slots (20 sticky notes with Polish text, a rectangle, an ellipse,
 * a free text and a pen stroke) plus two connectors between its notes. 27 elements a block:
 * 74 % notes, 7 % connectors, 4 % each frames, rects, ellipses, texts and strokes.
 */

const SLOT = 240;
const COLS = 6;
const ROWS = 4;
const PAD = 40;
const GAP = 200;
const BLOCK_W = COLS * SLOT + 2 * PAD;
const BLOCK_H = ROWS * SLOT + 2 * PAD;
const NOTE = 200;

const NOTE_TEXTS = [
  'Za długo czekamy na decyzje zarządu',
  'Brak wspólnej wizji zespołu',
  'Więcej spotkań twarzą w twarz!',
  'Klienci zgłaszają błędy przez telefon, a nie przez formularz',
  'Żółte karteczki zamiast maili',
  'Szkolenie z nowego systemu zgłoszeń dla wszystkich działów',
  'Zbyt wiele narzędzi naraz',
  'Źle opisane wymagania → poprawki w ostatniej chwili',
  'Docenić pracę zespołu wsparcia',
  'Cotygodniowy przegląd priorytetów (15 min, na stojąco)',
  'Gęstość spotkań w czwartki jest nie do zniesienia',
  'Łatwiejszy dostęp do danych sprzedażowych',
  'Nikt nie wie, kto odpowiada za budżet',
  'Pilotaż w jednym oddziale przed wdrożeniem w całej firmie',
  'Świetna atmosfera na ostatnim wyjeździe',
  'Mniej raportów, więcej rozmów',
  'Dokumentacja jest nieaktualna od dwóch lat i nikt jej nie czyta, bo nie wiadomo, gdzie leży',
  'Ćwiczenia z priorytetyzacji (MoSCoW)',
  'Zażółć gęślą jaźń',
  'Rotacja prowadzących retrospektywę',
  'Ograniczyć liczbę projektów równoległych do trzech',
  'Brakuje mentora dla nowych osób',
  'Jasne kryteria ukończenia zadania',
  'Wspólny kalendarz urlopów',
];
const SHAPE_TEXTS = ['Problem', 'Przyczyny', 'Skutki', 'Rozwiązania', 'Decyzja', 'Ryzyko', 'Pomysły', 'Pytania'];
const FRAME_TITLES = ['Drzewo problemów', 'Mapa interesariuszy', 'Burza mózgów', 'Retrospektywa', 'Analiza SWOT', 'Plan działań', 'Priorytety', 'Wnioski'];

/** Deterministic pseudo-random numbers (mulberry32), so every run draws the same board. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NoteInfo {
  id: string;
  x: number;
  y: number;
}

export interface Fixture {
  inputs: NewElement[];
  notes: NoteInfo[];
  /** The board area the elements cover. */
  bounds: { x: number; y: number; w: number; h: number };
  counts: Record<string, number>;
}

export function buildFixture(size: number, seed = 20_260_122): Fixture {
  const rnd = random(seed + size);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const blocks = Math.ceil(size / 27);
  // A landscape board, roughly the shape of a screen.
  const blockCols = Math.max(1, Math.ceil(Math.sqrt((blocks * 1.6 * (BLOCK_H + GAP)) / (BLOCK_W + GAP))));
  const inputs: NewElement[] = [];
  const notes: NoteInfo[] = [];
  let maxX = 0;
  let maxY = 0;
  for (let b = 0; b < blocks && inputs.length < size; b++) {
    const bx = (b % blockCols) * (BLOCK_W + GAP);
    const by = Math.floor(b / blockCols) * (BLOCK_H + GAP);
    maxX = Math.max(maxX, bx + BLOCK_W);
    maxY = Math.max(maxY, by + BLOCK_H);
    const frameId = `f${b}`;
    inputs.push({ type: 'frame', id: frameId, x: bx, y: by, w: BLOCK_W, h: BLOCK_H, title: `${pick(FRAME_TITLES)} – grupa ${b + 1}` });
    // Four slots of the 24 hold the other kinds of element; the rest are notes.
    const special = new Map<number, string>();
    for (const kind of ['rect', 'ellipse', 'text', 'stroke']) {
      let slot: number;
      do slot = Math.floor(rnd() * COLS * ROWS);
      while (special.has(slot));
      special.set(slot, kind);
    }
    const blockNotes: string[] = [];
    for (let slot = 0; slot < COLS * ROWS; slot++) {
      const x = bx + PAD + (slot % COLS) * SLOT + (rnd() - 0.5) * 16;
      const y = by + PAD + Math.floor(slot / COLS) * SLOT + (rnd() - 0.5) * 16;
      const id = `e${b}-${slot}`;
      const base = { id, x: Math.round(x), y: Math.round(y), parentId: frameId };
      switch (special.get(slot)) {
        case 'rect':
          inputs.push({ ...base, type: 'rect', w: NOTE, h: 120, text: pick(SHAPE_TEXTS), fill: '#e0f2fe', stroke: '#0369a1' });
          break;
        case 'ellipse':
          inputs.push({ ...base, type: 'ellipse', w: NOTE, h: 140, text: pick(SHAPE_TEXTS), fill: '#fef3c7', stroke: '#b45309' });
          break;
        case 'text':
          inputs.push({ ...base, type: 'text', w: NOTE, h: 60, text: `Wnioski: ${pick(NOTE_TEXTS)}`, fontSize: 18 });
          break;
        case 'stroke': {
          const points: number[] = [];
          for (let i = 0; i <= 24; i++) points.push(Math.round((i / 24) * NOTE), Math.round(60 + Math.sin(i / 2.5) * 40 + (rnd() - 0.5) * 10));
          inputs.push({ ...base, type: 'stroke', points, stroke: pick(['#dc2626', '#2563eb', '#16a34a']), strokeWidth: 3 });
          break;
        }
        default:
          inputs.push({ ...base, type: 'note', w: NOTE, h: NOTE, text: pick(NOTE_TEXTS), color: pick(NOTE_COLOURS) });
          blockNotes.push(id);
          notes.push({ id, x: base.x, y: base.y });
      }
    }
    for (let c = 0; c < 2; c++) {
      const from = pick(blockNotes);
      let to = pick(blockNotes);
      if (to === from) to = blockNotes[(blockNotes.indexOf(from) + 1) % blockNotes.length]!;
      inputs.push({ type: 'connector', id: `c${b}-${c}`, from, to, parentId: frameId });
    }
  }
  inputs.length = Math.min(inputs.length, size);
  const kept = new Set(inputs.map((i) => i.id));
  const counts: Record<string, number> = {};
  for (const input of inputs) counts[input.type] = (counts[input.type] ?? 0) + 1;
  return { inputs, notes: notes.filter((n) => kept.has(n.id)), bounds: { x: 0, y: 0, w: maxX, h: maxY }, counts };
}
