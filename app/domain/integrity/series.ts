import { type IntegrityConfig } from './config';
import { featuresOf, type EventFeatures } from './features';
import { type SignatureEvent } from './types';

/**
 * A petition's events sorted by time with per-key time indexes, so that a signal's window counts
 * are binary searches instead of scans. Built once per (events array, petition, configuration) and
 * memoized by object identity: the arrays handed to the signals are treated as immutable. A worker
 * that evaluates a batch of new signatures of one petition passes the same array for all of them
 * and pays for the index once.
 */
export class EventSeries {
  readonly events: readonly SignatureEvent[];
  readonly features: readonly EventFeatures[];
  readonly times: readonly number[];
  private readonly ids: ReadonlySet<string>;
  private readonly validTimes: readonly number[];
  private readonly byIp = new Map<string, number[]>();
  private readonly byNetwork = new Map<string, number[]>();
  private readonly byWeakKey = new Map<string, number[]>();
  private readonly byRegion = new Map<string, number[]>();
  private readonly youngPrefix: Int32Array;

  constructor(events: readonly SignatureEvent[], cfg: IntegrityConfig) {
    const pairs = events.map((e) => ({ e, f: featuresOf(e, cfg) }));
    let sorted = true;
    for (let i = 1; i < pairs.length && sorted; i++) if ((pairs[i - 1]?.f.t ?? 0) > (pairs[i]?.f.t ?? 0)) sorted = false;
    if (!sorted) pairs.sort((a, b) => a.f.t - b.f.t);
    this.events = pairs.map((p) => p.e);
    this.features = pairs.map((p) => p.f);
    this.times = this.features.map((f) => f.t);
    this.ids = new Set(this.events.map((e) => e.signatureId));
    const valid: number[] = [];
    this.youngPrefix = new Int32Array(pairs.length + 1);
    const push = (m: Map<string, number[]>, k: string | null, t: number) => {
      if (k === null) return;
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    };
    this.features.forEach((f, i) => {
      if (f.ip !== null) valid.push(f.t);
      push(this.byIp, f.ip, f.t);
      push(this.byNetwork, f.network, f.t);
      push(this.byWeakKey, f.weakKey, f.t);
      push(this.byRegion, f.region, f.t);
      this.youngPrefix[i + 1] = (this.youngPrefix[i] ?? 0) + (f.freshnessHours < cfg.wave.youngHours ? 1 : 0);
    });
    this.validTimes = valid;
  }

  has(signatureId: string): boolean {
    return this.ids.has(signatureId);
  }

  /** Index range [lo, hi) of the events with from < t ≤ to. */
  range(fromMs: number, toMs: number): [number, number] {
    return [upperBound(this.times, fromMs), upperBound(this.times, toMs)];
  }

  count(fromMs: number, toMs: number): number {
    const [lo, hi] = this.range(fromMs, toMs);
    return Math.max(0, hi - lo);
  }

  /** Events with a readable address, from < t ≤ to. */
  countValid(fromMs: number, toMs: number): number {
    return countIn(this.validTimes, fromMs, toMs);
  }

  countIp(ip: string, fromMs: number, toMs: number): number {
    return countIn(this.byIp.get(ip), fromMs, toMs);
  }

  countNetwork(network: string, fromMs: number, toMs: number): number {
    return countIn(this.byNetwork.get(network), fromMs, toMs);
  }

  countWeakKey(key: string, fromMs: number, toMs: number): number {
    return countIn(this.byWeakKey.get(key), fromMs, toMs);
  }

  /** Events per region, from < t ≤ to. */
  regionCounts(fromMs: number, toMs: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [r, list] of this.byRegion) {
      const n = countIn(list, fromMs, toMs);
      if (n > 0) out.set(r, n);
    }
    return out;
  }

  /** Young events (fresh account or passkey, per wave.youngHours), from < t ≤ to. */
  countYoung(fromMs: number, toMs: number): number {
    const [lo, hi] = this.range(fromMs, toMs);
    return hi <= lo ? 0 : (this.youngPrefix[hi] ?? 0) - (this.youngPrefix[lo] ?? 0);
  }
}

/** Index of the first element > x in an ascending list. */
export function upperBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countIn(list: readonly number[] | undefined, fromMs: number, toMs: number): number {
  if (!list) return 0;
  return Math.max(0, upperBound(list, toMs) - upperBound(list, fromMs));
}

const memo = new WeakMap<readonly SignatureEvent[], WeakMap<IntegrityConfig, Map<string, EventSeries>>>();

/**
 * The series of one petition's events in `events` (events of other petitions are ignored), with the
 * target added when the caller left it out.
 */
export function petitionSeriesOf(events: readonly SignatureEvent[], target: SignatureEvent, cfg: IntegrityConfig): EventSeries {
  let byCfg = memo.get(events);
  if (!byCfg) {
    byCfg = new WeakMap();
    memo.set(events, byCfg);
  }
  let byPetition = byCfg.get(cfg);
  if (!byPetition) {
    byPetition = new Map();
    byCfg.set(cfg, byPetition);
  }
  let series = byPetition.get(target.petitionId);
  if (!series) {
    const own = events.filter((e) => e.petitionId === target.petitionId);
    series = new EventSeries(own, cfg);
    byPetition.set(target.petitionId, series);
  }
  if (series.has(target.signatureId)) return series;
  // The caller left the target out: index it with the target added (memoized per target).
  let augmented = withTarget.get(series);
  if (!augmented) {
    augmented = new WeakMap();
    withTarget.set(series, augmented);
  }
  let s = augmented.get(target);
  if (!s) {
    s = new EventSeries([...series.events, target], cfg);
    augmented.set(target, s);
  }
  return s;
}

const withTarget = new WeakMap<EventSeries, WeakMap<SignatureEvent, EventSeries>>();
