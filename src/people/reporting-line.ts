// Reporting lines: a person's managers up the chain, and cycle detection.

/** Follows manager links from `start`; returns the chain (nearest first) or the cycle it ran into. */
export function chainOf(
  start: string,
  managerOf: (id: string) => string | null | undefined,
): { chain: string[]; cycle: string[] | null } {
  const chain: string[] = [];
  const seen = new Set<string>([start]);
  let current = managerOf(start);
  while (current) {
    if (seen.has(current)) {
      const from = chain.indexOf(current);
      return { chain, cycle: [start, ...chain.slice(0, from === -1 ? chain.length : from + 1)] };
    }
    seen.add(current);
    chain.push(current);
    current = managerOf(current);
  }
  return { chain, cycle: null };
}

/** Every person caught in a reporting-line cycle, given all manager links. */
export function peopleInCycles(managers: ReadonlyMap<string, string | null>): Set<string> {
  const state = new Map<string, 1 | 2>(); // 1 on the current path, 2 done
  const inCycle = new Set<string>();
  for (const start of managers.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let node: string | null | undefined = start;
    while (node && !state.has(node)) {
      state.set(node, 1);
      path.push(node);
      node = managers.get(node) ?? null;
    }
    if (node && state.get(node) === 1) {
      for (let i = path.indexOf(node); i < path.length; i++) inCycle.add(path[i] as string);
    }
    for (const p of path) state.set(p, 2);
  }
  return inCycle;
}
