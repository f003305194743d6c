/**
 * Co-signing index for the lockstep signal.
 *
 * Rule: two citizens "co-sign" a petition when both signed it within Δt of each other. A pair that
 * co-signed at least `minPetitions` distinct petitions is a strong pair; the clusters are the
 * connected components of the strong pairs (union-find). Co-signing on a busy stretch of a petition
 * carries no information (hundreds of strangers sign within Δt of each other during a viral surge),
 * so an event whose Δt-window before it already holds more than `maxDensity` signatures of the same
 * petition forms no pairs. Consequence: a ring that only ever signs during busy stretches is not
 * seen by this signal.
 *
 * The index covers the events added to it: build it from the lookback window (e.g. the last 30
 * days), adding events in time order. Memory: one entry per pair formed, at most maxDensity pairs
 * per event.
 */

export interface CoSignEvent {
  readonly petitionId: string;
  readonly citizenId: string;
  readonly signedAt: Date;
}

export interface CoSignSettings {
  readonly deltaMinutes: number;
  readonly maxDensity: number;
  readonly minPetitions: number;
}

const SEP = '\u0000';

function pairKey(a: string, b: string): string {
  return a < b ? `${a}${SEP}${b}` : `${b}${SEP}${a}`;
}

/** Union-find (disjoint sets) over string ids, with path halving and union by size. */
export class UnionFind {
  private readonly parent = new Map<string, string>();
  private readonly size = new Map<string, number>();

  find(x: string): string {
    if (!this.parent.has(x)) {
      this.parent.set(x, x);
      this.size.set(x, 1);
      return x;
    }
    let r = x;
    for (;;) {
      const p = this.parent.get(r) ?? r;
      if (p === r) break;
      const gp = this.parent.get(p) ?? p;
      this.parent.set(r, gp);
      r = gp;
    }
    return r;
  }

  union(a: string, b: string): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size.get(ra) ?? 1) < (this.size.get(rb) ?? 1)) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, (this.size.get(ra) ?? 1) + (this.size.get(rb) ?? 1));
  }

  /** Every set, as arrays of members (members sorted, sets in order of their smallest member). */
  sets(): string[][] {
    const groups = new Map<string, string[]>();
    for (const x of this.parent.keys()) {
      const r = this.find(x);
      const g = groups.get(r);
      if (g) g.push(x);
      else groups.set(r, [x]);
    }
    return [...groups.values()].map((g) => g.sort()).sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1));
  }
}

export class CoSignIndex {
  private readonly deltaMs: number;
  private readonly recent = new Map<string, { citizenId: string; t: number }[]>();
  /** Petitions a not-yet-strong pair co-signed (at most minPetitions − 1 kept). */
  private readonly weakPairs = new Map<string, string[]>();
  /** Petitions each strong pair co-signed. */
  private readonly strongPairs = new Map<string, Set<string>>();
  private readonly adjacency = new Map<string, Set<string>>();
  private clusterCache = new Map<string, readonly string[]>();
  private events = 0;

  constructor(private readonly settings: CoSignSettings) {
    this.deltaMs = settings.deltaMinutes * 60_000;
  }

  /** Number of events added. */
  get size(): number {
    return this.events;
  }

  /** Adds one signature (in time order). */
  add(e: CoSignEvent): void {
    this.events++;
    const t = e.signedAt.getTime();
    let buf = this.recent.get(e.petitionId);
    if (!buf) {
      buf = [];
      this.recent.set(e.petitionId, buf);
    }
    let drop = 0;
    while (drop < buf.length && (buf[drop]?.t ?? 0) < t - this.deltaMs) drop++;
    if (drop > 0) buf.splice(0, drop);
    const others = buf.filter((b) => b.citizenId !== e.citizenId && Math.abs(b.t - t) <= this.deltaMs);
    if (others.length <= this.settings.maxDensity) {
      for (const o of others) this.countPair(e.citizenId, o.citizenId, e.petitionId);
    }
    // Keep the buffer sorted by time even if an event arrives slightly late.
    let i = buf.length;
    while (i > 0 && (buf[i - 1]?.t ?? 0) > t) i--;
    buf.splice(i, 0, { citizenId: e.citizenId, t });
  }

  private countPair(a: string, b: string, petitionId: string): void {
    const key = pairKey(a, b);
    const strong = this.strongPairs.get(key);
    if (strong) {
      strong.add(petitionId);
      return;
    }
    const list = this.weakPairs.get(key) ?? [];
    if (list.includes(petitionId)) return;
    list.push(petitionId);
    if (list.length >= this.settings.minPetitions) {
      this.weakPairs.delete(key);
      this.strongPairs.set(key, new Set(list));
      this.link(a, b);
    } else {
      this.weakPairs.set(key, list);
    }
  }

  private link(a: string, b: string): void {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const s = this.adjacency.get(x);
      if (s) s.add(y);
      else this.adjacency.set(x, new Set([y]));
    }
    this.clusterCache = new Map();
  }

  /** Distinct petitions the pair co-signed (within Δt). */
  pairCount(a: string, b: string): number {
    const key = pairKey(a, b);
    return this.strongPairs.get(key)?.size ?? this.weakPairs.get(key)?.length ?? 0;
  }

  /** Citizens linked to this one by strong pairs. */
  strongPartners(citizenId: string): readonly string[] {
    return [...(this.adjacency.get(citizenId) ?? [])].sort();
  }

  /**
   * Petitions on which members of the given set co-signed as strong pairs (within Δt), sorted:
   * where a ring acted together, including the petitions signed before it was recognized.
   */
  coSignedPetitions(members: readonly string[]): string[] {
    const set = new Set(members);
    const out = new Set<string>();
    for (const m of members) {
      for (const o of this.adjacency.get(m) ?? []) {
        if (m < o && set.has(o)) for (const p of this.strongPairs.get(pairKey(m, o)) ?? []) out.add(p);
      }
    }
    return [...out].sort();
  }

  /** The cluster (connected component of strong pairs) containing the citizen, sorted; [citizen] if none. */
  clusterOf(citizenId: string): readonly string[] {
    const hit = this.clusterCache.get(citizenId);
    if (hit) return hit;
    if (!this.adjacency.has(citizenId)) return [citizenId];
    const seen = new Set<string>([citizenId]);
    const queue = [citizenId];
    while (queue.length > 0) {
      const x = queue.pop() as string;
      for (const y of this.adjacency.get(x) ?? []) {
        if (!seen.has(y)) {
          seen.add(y);
          queue.push(y);
        }
      }
    }
    const members = [...seen].sort();
    for (const m of members) this.clusterCache.set(m, members);
    return members;
  }

  /** Every cluster of at least `minSize` citizens, by union-find over the strong pairs (largest first). */
  clusters(minSize: number): string[][] {
    const uf = new UnionFind();
    for (const key of this.strongPairs.keys()) {
      const [a, b] = key.split(SEP) as [string, string];
      uf.union(a, b);
    }
    return uf
      .sets()
      .filter((s) => s.length >= minSize)
      .sort((a, b) => b.length - a.length);
  }
}

/** Builds an index from events in any order (sorted by time first). */
export function buildCoSignIndex(events: readonly CoSignEvent[], settings: CoSignSettings): CoSignIndex {
  const idx = new CoSignIndex(settings);
  const sorted = [...events].sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());
  for (const e of sorted) idx.add(e);
  return idx;
}
