/** Colours for people (cursors, selections, avatars), picked by a stable hash. */
export const PEOPLE_COLOURS = ['#e11d48', '#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4f46e5', '#059669'];

export function colourFor(seed: number | string): string {
  let h = 0;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return PEOPLE_COLOURS[Math.abs(h) % PEOPLE_COLOURS.length]!;
}

export const SELECTION_COLOUR = '#2563eb';
