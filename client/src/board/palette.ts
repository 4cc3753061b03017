/**
 * Colours for people (cursors, selections, avatars), picked by a stable hash. Each carries
 * white initials at 4.5:1 or more (WCAG 1.4.3): the lighter shades did not (2.9:1 for yellow).
 */
export const PEOPLE_COLOURS = ['#be123c', '#1d4ed8', '#15803d', '#7e22ce', '#c2410c', '#0e7490', '#a16207', '#be185d', '#4338ca', '#047857'];

export function colourFor(seed: number | string): string {
  let h = 0;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return PEOPLE_COLOURS[Math.abs(h) % PEOPLE_COLOURS.length]!;
}

export const SELECTION_COLOUR = '#2563eb';
