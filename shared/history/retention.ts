/** What retention needs to know of a version. */
export interface RetainedVersion {
  id: string;
  kind: 'manual' | 'phase' | 'restore';
  createdAt: number;
}

/**
 * The versions to delete so that a board keeps at most `max`: automatic ones (saved at a phase
 * change or before a restore) go first, oldest first, then manual ones, oldest first. The
 * newest version is always kept (it was just saved). `versions` come newest first, as storage
 * lists them; that order also settles versions saved within the same millisecond.
 */
export function versionsBeyond(versions: readonly RetainedVersion[], max: number): string[] {
  const excess = versions.length - Math.max(1, max);
  if (excess <= 0) return [];
  // Oldest first: by time, then later in the (newest-first) list is older.
  const aged = versions.map((version, i) => ({ version, i })).sort((a, b) => a.version.createdAt - b.version.createdAt || b.i - a.i);
  const newest = aged[aged.length - 1]!.version;
  const candidates = [...aged.filter(({ version: v }) => v !== newest && v.kind !== 'manual'), ...aged.filter(({ version: v }) => v !== newest && v.kind === 'manual')];
  return candidates.slice(0, excess).map(({ version }) => version.id);
}
