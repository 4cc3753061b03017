interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: CpuProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time of the main thread, ms. */
  totalMs: number;
  idleMs: number;
  /** Functions by self time (ms), busiest first. */
  top: { name: string; selfMs: number }[];
  /** Inclusive time of selected functions (ms): time spent in them and what they called. */
  inclusive: { name: string; ms: number }[];
}

function label(node: CpuProfileNode): string {
  const { functionName, url } = node.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').split('/').slice(-2).join('/') : '';
  return `${functionName || '(anonymous)'}${file ? ` (${file})` : ''}`;
}

/**
 * Summarises a V8 CPU profile (DevTools Profiler.stop result or a .cpuprofile file).
 * `inclusiveOf` names functions as "name@file-suffix" (e.g. "relay@sync/room.ts").
 */
export function summarizeProfile(profile: CpuProfile, inclusiveOf: string[], topCount = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const inclusiveCache = new Map<number, number>();
  const inclusive = (id: number): number => {
    const cached = inclusiveCache.get(id);
    if (cached !== undefined) return cached;
    const node = byId.get(id)!;
    let total = selfTime.get(id) ?? 0;
    for (const child of node.children ?? []) total += inclusive(child);
    inclusiveCache.set(id, total);
    return total;
  };

  let totalMs = 0;
  let idleMs = 0;
  const bySelf = new Map<string, number>();
  for (const node of profile.nodes) {
    const t = selfTime.get(node.id) ?? 0;
    totalMs += t;
    if (node.callFrame.functionName === '(idle)') idleMs += t;
    else bySelf.set(label(node), (bySelf.get(label(node)) ?? 0) + t);
  }

  const matches = (node: CpuProfileNode, spec: string) => {
    const [name, file] = spec.split('@');
    return node.callFrame.functionName === name && (!file || node.callFrame.url.endsWith(file));
  };
  const inclusiveRows = inclusiveOf.map((spec) => {
    // Sum the outermost frames of the function only, so recursion is not counted twice.
    let sum = 0;
    const walk = (id: number, inside: boolean) => {
      const node = byId.get(id)!;
      const hit = !inside && matches(node, spec);
      if (hit) sum += inclusive(id);
      for (const child of node.children ?? []) walk(child, inside || hit);
    };
    walk(profile.nodes[0]!.id, false);
    return { name: spec, ms: sum };
  });

  return {
    totalMs,
    idleMs,
    top: [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, topCount).map(([name, selfMs]) => ({ name, selfMs })),
    inclusive: inclusiveRows,
  };
}
