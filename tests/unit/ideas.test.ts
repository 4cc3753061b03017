import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addIdeaToInbox, IDEA_CARD, ideaSubmissionSchema, nextIdeaSlot } from '../../shared/methods/ideas';
import { createElements, initBoard } from '../../shared/ops';
import { readElements } from '../../shared/schema';
import { addressKey } from '../../server/http/ideas';

describe('ideaSubmissionSchema', () => {
  it('trims, collapses whitespace in single-line fields and keeps line breaks in the description', () => {
    const parsed = ideaSubmissionSchema.parse({ title: '  Zielony \t\n skwer ', description: 'Linia 1\r\nLinia 2\u0007', place: ' ul.  Długa ' });
    expect(parsed).toEqual({ title: 'Zielony skwer', description: 'Linia 1\nLinia 2', place: 'ul. Długa', contact: '', consent: false });
  });
  it('needs a title', () => {
    expect(ideaSubmissionSchema.safeParse({ title: ' \n ' }).success).toBe(false);
  });
});

describe('nextIdeaSlot', () => {
  const frame = { x: 0, y: 0, w: 1300, h: 1000 };
  it('fills the first row left to right, then the next row', () => {
    const first = nextIdeaSlot(frame, []);
    expect(first).toEqual({ x: IDEA_CARD.margin, y: IDEA_CARD.header + IDEA_CARD.margin });
    const row: { x: number; y: number; w: number; h: number }[] = [];
    let slot = first;
    for (let i = 0; i < 4; i++) {
      row.push({ ...slot, w: IDEA_CARD.w, h: IDEA_CARD.h });
      slot = nextIdeaSlot(frame, row);
    }
    expect(row.map((r) => r.y)).toEqual([first.y, first.y, first.y, first.y]);
    expect(slot.y).toBe(first.y + IDEA_CARD.h + IDEA_CARD.gap);
    expect(slot.x).toBe(first.x);
  });
  it('skips a cell that a moved card still covers', () => {
    const moved = { x: IDEA_CARD.margin + 100, y: IDEA_CARD.header + IDEA_CARD.margin + 50, w: 50, h: 50 };
    expect(nextIdeaSlot(frame, [moved]).x).toBe(IDEA_CARD.margin + IDEA_CARD.w + IDEA_CARD.gap);
  });
});

describe('addIdeaToInbox', () => {
  it('creates the Ideas frame right of the content when there is none and grows it when full', () => {
    const doc = new Y.Doc();
    initBoard(doc, 'T', 'pl', 0);
    createElements(doc, [{ type: 'note', x: 0, y: 100, w: 200, h: 200 }]);
    const small = { frameTitle: 'Pomysły', now: 5 };
    const first = addIdeaToInbox(doc, { title: 'A', description: '', place: '' }, small);
    const frame = readElements(doc).elements.find((e) => e.type === 'frame')!;
    expect(frame).toMatchObject({ method: 'ideas', title: 'Pomysły', x: 400, y: 100 });
    expect(readElements(doc).elements.find((e) => e.id === first)).toMatchObject({ type: 'idea', parentId: frame.id, submittedAt: 5, status: 'new' });
    for (let i = 0; i < 20; i++) addIdeaToInbox(doc, { title: `I${i}`, description: '', place: '' }, small);
    const { elements } = readElements(doc);
    const grown = elements.find((e) => e.id === frame.id)!;
    const lowest = Math.max(...elements.filter((e) => e.type === 'idea').map((e) => e.y + e.h));
    expect(grown.y + grown.h).toBeGreaterThanOrEqual(lowest);
    expect(readElements(doc).invalid).toEqual([]);
  });
});

describe('addressKey (who a flood is counted against)', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });
});
