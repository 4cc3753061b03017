/**
 * Colours for people (cursors, selections, avatars), picked by a stable hash. Dark enough
 * for the white initials on an avatar to reach 4.5:1 (WCAG 1.4.3; checked in a unit test).
 */
export const PEOPLE_COLOURS = ['#be123c', '#1d4ed8', '#15803d', '#7e22ce', '#c2410c', '#0e7490', '#a16207', '#be185d', '#4338ca', '#047857'];

export function colourFor(seed: number | string): string {
  let h = 0;
  const s = String(seed);
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return PEOPLE_COLOURS[Math.abs(h) % PEOPLE_COLOURS.length]!;
}

export const SELECTION_COLOUR = '#2563eb';
