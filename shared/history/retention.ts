/** What retention needs to know of a version. */
export interface RetainedVersion {
  id: string;
  kind: 'manual' | 'phase' | 'restore';
  createdAt: number;
}

/**
 * The versions to delete so that a board keeps at most `max`: automatic ones (saved at a phase
 * change or before a restore) go first, oldest first, then manual ones, oldest first. The
 * newest version is always kept (it was just saved).
 */
export function versionsBeyond(versions: readonly RetainedVersion[], max: number): string[] {
  const excess = versions.length - Math.max(1, max);
  if (excess <= 0) return [];
  const newest = versions.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  const byAge = (a: RetainedVersion, b: RetainedVersion) => a.createdAt - b.createdAt;
  const candidates = [
    ...versions.filter((v) => v !== newest && v.kind !== 'manual').sort(byAge),
    ...versions.filter((v) => v !== newest && v.kind === 'manual').sort(byAge),
  ];
  return candidates.slice(0, excess).map((v) => v.id);
}
