/** Small line icons (24×24, stroke) for the toolbar; no icon font to load. */
const PATHS: Record<string, string> = {
  select: 'M5 3l14 8-6 2-3 6z',
  hand: 'M8 13V5a1.5 1.5 0 013 0v6m0-1V4a1.5 1.5 0 013 0v6m0-1V5.5a1.5 1.5 0 013 0V14a7 7 0 01-7 7h-1a6 6 0 01-5-3l-2.5-4a1.5 1.5 0 012.5-1.5L8 14',
  note: 'M4 4h16v11l-5 5H4z M15 20v-5h5',
  text: 'M5 6V4h14v2 M12 4v16 M9 20h6',
  rect: 'M4 6h16v12H4z',
  ellipse: 'M12 5c4.5 0 8 3.1 8 7s-3.5 7-8 7-8-3.1-8-7 3.5-7 8-7z',
  connector: 'M5 19L19 5 M13 5h6v6',
  pen: 'M4 20l4-1L19 8l-3-3L5 16z M14 7l3 3',
  frame: 'M7 3v18 M17 3v18 M3 7h18 M3 17h18',
  undo: 'M9 14L4 9l5-5 M4 9h10a6 6 0 010 12h-3',
  redo: 'M15 14l5-5-5-5 M20 9H10a6 6 0 000 12h3',
  fit: 'M4 9V4h5 M20 9V4h-5 M4 15v5h5 M20 15v5h-5',
  help: 'M9.5 9a2.5 2.5 0 115 0c0 1.5-2.5 2-2.5 4 M12 17h.01 M12 3a9 9 0 100 18 9 9 0 000-18z',
  plus: 'M12 5v14 M5 12h14',
  minus: 'M5 12h14',
  menu: 'M4 6h16 M4 12h16 M4 18h16',
  trash: 'M4 7h16 M10 11v6 M14 11v6 M6 7l1 13h10l1-13 M9 7V4h6v3',
};

export function Icon({ name, size = 20 }: { name: keyof typeof PATHS | string; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name] ?? ''} />
    </svg>
  );
}
