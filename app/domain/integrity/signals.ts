import { type IntegrityConfig } from './config';
import { featuresOf, type EventFeatures } from './features';
import { type CoSignIndex } from './lockstep';
import { petitionSeriesOf } from './series';
import { binomialUpperTail, clamp01, ewma, median, normalizedEntropy, poissonUpperTail } from './stats';
import { type Explanation, type SignalGroup, type SignalName, type SignalResult, type SignatureEvent } from './types';

/**
 * The integrity signals: pure functions of a window of signature events and the configuration.
 *
 * Conventions shared by every signal:
 * - A signature is evaluated "as of" a time `asOf` ≥ its signedAt (a worker waits a short grace,
 *   `evaluation.graceSeconds`, so that a burst's own events are visible). Events after `asOf` are
 *   ignored, whatever the caller passes.
 * - A window of W minutes is the half-open interval (asOf − W, asOf]: an event exactly W before asOf
 *   is outside it.
 * - A threshold is met at equality (count ≥ minCount, share ≥ minShare) unless said otherwise.
 * - score = 0 when the signal is not triggered; a triggered signal scores 0.5 at its threshold and
 *   grows linearly to 1 at its saturation point (weak-key evidence is further discounted).
 * - Explanations carry i18n keys of the `integrity` area and parameters that are counts, shares,
 *   durations and network prefixes: never a citizen id, device id, IIN or name.
 */

/** Shares of weak device keys (AAGUID + user agent) in the platform's recent traffic. */
export interface WeakKeyBaseline {
  /** Share of all recent signatures carrying this key; undefined when never seen. */
  share(weakKey: string): number | undefined;
}

export interface SignalContext {
  /** The signature being evaluated. */
  readonly target: SignatureEvent;
  /** Evaluation time (≥ target.signedAt). */
  readonly asOf: Date;
  /**
   * Signatures on the target's petition covering the longest petition window (see requiredLookback);
   * later events and other petitions' events may be included (they are ignored). The array is
   * indexed once and memoized by identity: pass the same array for a batch, never mutate it.
   */
  readonly petitionEvents: readonly SignatureEvent[];
  /** Signatures on any petition from the target's device cookie (defaults to petitionEvents). */
  readonly deviceEvents?: readonly SignatureEvent[];
  /** The target citizen's signatures on any petition (defaults to petitionEvents). */
  readonly citizenEvents?: readonly SignatureEvent[];
  /** Weak-key shares over a past period (e.g. 7 days ending 24 h ago); without it the weak key is off. */
  readonly weakKeyBaseline?: WeakKeyBaseline;
  /** Platform-wide share of young accounts among recent signers; defaults to the configured value. */
  readonly youngShareBaseline?: number;
  /** Co-signing index over the lockstep lookback, holding the events up to asOf; without it lockstep is skipped. */
  readonly coSign?: CoSignIndex;
}

const MIN = 60_000;

const round1 = (x: number) => Math.round(x * 10) / 10;
const pct = (share: number) => round1(share * 100);

/** Strength of a triggered signal: 0.5 at the threshold, 1 at saturation. */
function strength(value: number, threshold: number, saturation: number): number {
  if (saturation <= threshold) return 1;
  return 0.5 + 0.5 * clamp01((value - threshold) / (saturation - threshold));
}

function explanation(key: string, params: Explanation['params']): Explanation {
  return { key: `integrity.explain.${key}`, params };
}

function result(
  signal: SignalName,
  score: number,
  evidence: Record<string, number>,
  key: string,
  params: Explanation['params'],
  group?: SignalGroup,
): SignalResult {
  const base = { signal, score, triggered: score > 0, evidence, explanation: explanation(key, params) };
  return group && score > 0 ? { ...base, group } : base;
}

interface Windowed {
  readonly e: SignatureEvent;
  readonly f: EventFeatures;
}

/**
 * The events of a small list (device or citizen history; plus the target if missing) with
 * from < t ≤ to, with their features.
 */
function windowOf(events: readonly SignatureEvent[], target: SignatureEvent, fromMs: number, toMs: number, cfg: IntegrityConfig): Windowed[] {
  const out: Windowed[] = [];
  let sawTarget = false;
  for (const e of events) {
    if (e.signatureId === target.signatureId) {
      if (sawTarget) continue;
      sawTarget = true;
    }
    const t = e.signedAt.getTime();
    if (t > fromMs && t <= toMs) out.push({ e, f: featuresOf(e, cfg) });
  }
  if (!sawTarget) {
    const f = featuresOf(target, cfg);
    if (f.t > fromMs && f.t <= toMs) out.push({ e: target, f });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 1. Velocity burst

/**
 * Velocity burst on the petition, organic or concentrated.
 *
 * Formula:
 *   k   = signatures in the last w minutes (w = velocity.windowMinutes)
 *   cᵢ  = signatures per minute over the H minutes before that window (H = baselineMinutes), oldest first
 *   λ   = max(floorPerMinute, EWMA(cᵢ; half-life halfLifeMinutes, start priorPerMinute))
 *   p   = P(X ≥ k | X ~ Poisson(λ·w))                       — the burst test; burst ⇔ k ≥ minCount ∧ p < α
 * Diversity of the burst window (an organic surge comes from many networks, regions and established accounts):
 *   d_net = distinct networks / signatures with a valid address   c_net = (minDistinctNetworkShare − d_net) / minDistinctNetworkShare
 *   drop  = Ĥ(regions before) − Ĥ(regions in window)             c_reg = (drop − maxRegionalEntropyDrop) / (1 − maxRegionalEntropyDrop)
 *           (Ĥ = entropy / ln(min(n, regionCategories)); only with ≥ minRegionHistory earlier signatures in regionHistoryMinutes)
 *   m_age = median account age (days)                             c_age = (minMedianAccountAgeDays − m_age) / minMedianAccountAgeDays
 *   c = max(clamp01(c_net), clamp01(c_reg), clamp01(c_age))      — concentrated ⇔ c > 0 (a measure strictly beyond its limit)
 * triggered ⇔ burst ∧ c > 0; score = 0.5 + 0.5·c. The signal is petition-wide: every signature of a
 * concentrated burst gets it, so its weight is kept low and it mostly corroborates other signals.
 */
export function velocityBurst(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const v = cfg.velocity;
  const asOf = ctx.asOf.getTime();
  const w = v.windowMinutes * MIN;
  const regionStart = asOf - w - v.regionHistoryMinutes * MIN;
  const series = petitionSeriesOf(ctx.petitionEvents, ctx.target, cfg);

  // Minute bins before the window, oldest first: bin i covers (end − (H − i)·1 min, end − (H − i − 1)·1 min].
  const end = asOf - w;
  const bins: number[] = [];
  for (let i = v.baselineMinutes; i >= 1; i--) bins.push(series.count(end - i * MIN, end - (i - 1) * MIN));
  const regionsBefore = series.regionCounts(regionStart, end);
  let historyWithRegion = 0;
  for (const n of regionsBefore.values()) historyWithRegion += n;
  const [lo, hi] = series.range(end, asOf);
  const k = Math.max(0, hi - lo);
  const lambda = Math.max(v.floorPerMinute, ewma(bins, v.halfLifeMinutes, v.priorPerMinute));
  const expected = lambda * v.windowMinutes;
  const p = poissonUpperTail(k, expected);
  const burst = k >= v.minCount && p < v.alpha;

  const networks = new Set<string>();
  let withNetwork = 0;
  const regionsNow = new Map<string, number>();
  const ages: number[] = [];
  for (let i = lo; i < hi; i++) {
    const f = series.features[i] as EventFeatures;
    if (f.network !== null) {
      networks.add(f.network);
      withNetwork++;
    }
    if (f.region !== null) regionsNow.set(f.region, (regionsNow.get(f.region) ?? 0) + 1);
    ages.push(f.accountAgeDays);
  }
  const distinctShare = withNetwork === 0 ? 1 : networks.size / withNetwork;
  const hNow = normalizedEntropy(regionsNow.values(), v.regionCategories);
  const hBefore = normalizedEntropy(regionsBefore.values(), v.regionCategories);
  const regionDrop = historyWithRegion >= v.minRegionHistory ? Math.max(0, hBefore - hNow) : 0;
  const medianAge = ages.length === 0 ? Number.POSITIVE_INFINITY : median(ages);

  const cNet = v.minDistinctNetworkShare > 0 ? clamp01((v.minDistinctNetworkShare - distinctShare) / v.minDistinctNetworkShare) : 0;
  const cReg = regionDrop > v.maxRegionalEntropyDrop ? clamp01((regionDrop - v.maxRegionalEntropyDrop) / (1 - v.maxRegionalEntropyDrop)) : 0;
  const cAge = v.minMedianAccountAgeDays > 0 ? clamp01((v.minMedianAccountAgeDays - medianAge) / v.minMedianAccountAgeDays) : 0;
  const c = Math.max(cNet, cReg, cAge);
  const triggered = burst && c > 0;
  const score = triggered ? 0.5 + 0.5 * c : 0;

  const evidence = {
    count: k,
    windowMinutes: v.windowMinutes,
    baselinePerMinute: lambda,
    expected,
    pValue: p,
    alpha: v.alpha,
    burst: burst ? 1 : 0,
    distinctNetworks: networks.size,
    distinctNetworkShare: distinctShare,
    regionalEntropy: hNow,
    regionalEntropyBefore: hBefore,
    regionalEntropyDrop: regionDrop,
    medianAccountAgeDays: Number.isFinite(medianAge) ? medianAge : -1,
    concentration: c,
  };
  const params = {
    count: k,
    minutes: v.windowMinutes,
    expected: round1(expected),
    distinctNetworks: networks.size,
    distinctPct: pct(distinctShare),
    regionDropPct: pct(regionDrop),
    medianAgeDays: Number.isFinite(medianAge) ? round1(medianAge) : 0,
  };
  let key = 'velocityBurst.none';
  if (triggered) key = cNet === c ? 'velocityBurst.networks' : cAge === c ? 'velocityBurst.youngAccounts' : 'velocityBurst.regions';
  else if (burst) key = 'velocityBurst.organic';
  return result('velocityBurst', score, evidence, key, params);
}

// ---------------------------------------------------------------------------------------------
// 2. Network concentration

/**
 * Share of the petition's signatures from the target's address and from its network (IPv4 /24,
 * IPv6 /48), in each configured window (network.windows: 3 and 10 minutes for bursts, 24 hours for
 * slow drips).
 *
 * Formula, for each window W and level L ∈ {ip, prefix}:
 *   N = signatures on the petition in W with a valid address,  n = those with the target's key at level L
 *   s = n / N
 *   In a shared range (RFC 6598 100.64.0.0/10, or a listed mobile-carrier CGNAT range), where many
 *   unrelated people share few public addresses:
 *     minCount' = ⌈minCount · countFactor⌉, minShare' = min(1, minShare · shareFactor), sat' = min(1, saturationShare · shareFactor)
 *   triggered(W, L) ⇔ n ≥ minCount' ∧ s ≥ minShare';  strength = 0.5 + 0.5·clamp01((s − minShare') / (sat' − minShare'))
 * score = the largest strength over windows and levels (the explanation describes that one).
 */
export function networkConcentration(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const tf = featuresOf(ctx.target, cfg);
  if (tf.ip === null || tf.network === null) {
    return result('networkConcentration', 0, { validAddress: 0 }, 'networkConcentration.noAddress', {});
  }
  const asOf = ctx.asOf.getTime();
  const series = petitionSeriesOf(ctx.petitionEvents, ctx.target, cfg);
  const shared = tf.shared !== null;
  const allow = cfg.network.sharedRangeAllowance;

  type Candidate = {
    level: 'ip' | 'prefix';
    minutes: number;
    n: number;
    total: number;
    share: number;
    minCount: number;
    minShare: number;
    saturation: number;
    triggered: boolean;
    strength: number;
    from: number;
  };
  let best: Candidate | null = null;
  let closest: Candidate | null = null;
  for (const win of cfg.network.windows) {
    const from = asOf - win.minutes * MIN;
    const total = series.countValid(from, asOf);
    const nIp = series.countIp(tf.ip, from, asOf);
    const nNet = series.countNetwork(tf.network, from, asOf);
    for (const level of ['ip', 'prefix'] as const) {
      const thr = win[level];
      const n = level === 'ip' ? nIp : nNet;
      const minCount = shared ? Math.ceil(thr.minCount * allow.countFactor) : thr.minCount;
      const minShare = shared ? Math.min(1, thr.minShare * allow.shareFactor) : thr.minShare;
      const saturation = shared ? Math.min(1, thr.saturationShare * allow.shareFactor) : thr.saturationShare;
      const share = total === 0 ? 0 : n / total;
      const triggered = n >= minCount && share >= minShare;
      const c: Candidate = {
        level,
        minutes: win.minutes,
        n,
        total,
        share,
        minCount,
        minShare,
        saturation,
        triggered,
        strength: triggered ? strength(share, minShare, saturation) : 0,
        from,
      };
      if (triggered && (best === null || c.strength > best.strength)) best = c;
      const closeness = Math.min(n / minCount, share / minShare);
      if (closest === null || closeness > Math.min(closest.n / closest.minCount, closest.share / closest.minShare)) closest = c;
    }
  }
  const c = (best ?? closest) as Candidate;
  const evidence = {
    count: c.n,
    total: c.total,
    share: c.share,
    minCount: c.minCount,
    minShare: c.minShare,
    windowMinutes: c.minutes,
    level: c.level === 'ip' ? 0 : 1,
    sharedRange: shared ? 1 : 0,
  };
  const params = { count: c.n, total: c.total, minutes: c.minutes, network: tf.network, sharePct: pct(c.share) };
  const key = `networkConcentration.${c.level}${shared ? 'Shared' : ''}`;
  const group: SignalGroup =
    c.level === 'ip'
      ? { kind: 'ip', petitionId: ctx.target.petitionId, ip: tf.ip, from: new Date(c.from), to: new Date(asOf) }
      : { kind: 'network', petitionId: ctx.target.petitionId, network: tf.network, from: new Date(c.from), to: new Date(asOf) };
  return result('networkConcentration', c.strength, evidence, best ? key : 'networkConcentration.none', params, group);
}

// ---------------------------------------------------------------------------------------------
// 3. Shared devices

/**
 * One device signing for many citizens.
 *
 * Strong key (first-party device cookie), over the last device.windowMinutes, any petition:
 *   d = distinct citizens who signed from the target's device id
 *   triggered ⇔ d ≥ minCitizens;  strength = 0.5 + 0.5·clamp01((d − minCitizens) / (saturationCitizens − minCitizens))
 * Weak key (passkey AAGUID + user agent: a device model and browser build, shared by many honest
 * people), over the last weakKey.windowMinutes on this petition, against the key's share b in the
 * platform's earlier traffic (b = max(baseline share, floorShare)):
 *   N = signatures, n = those with the target's weak key,  p = P(Y ≥ n | Y ~ Binomial(N, b))
 *   triggered ⇔ n ≥ weakKey.minCount ∧ p < weakKey.alpha
 *   strength = factor · (0.5 + 0.5·clamp01((log10 α − log10 p) / saturationDecades))
 * score = max(strong, weak). A family tablet (2–4 citizens) stays under minCitizens.
 */
export function sharedDevice(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const d = cfg.device;
  const asOf = ctx.asOf.getTime();
  const target = ctx.target;
  let strongScore = 0;
  let citizens = 0;
  if (target.deviceId !== null) {
    const from = asOf - d.windowMinutes * MIN;
    const set = new Set<string>();
    for (const x of windowOf(ctx.deviceEvents ?? ctx.petitionEvents, target, from, asOf, cfg)) {
      if (x.e.deviceId === target.deviceId) set.add(x.e.citizenId);
    }
    citizens = set.size;
    if (citizens >= d.minCitizens) strongScore = strength(citizens, d.minCitizens, d.saturationCitizens);
  }

  const wk = d.weakKey;
  const tf = featuresOf(target, cfg);
  let weakScore = 0;
  let n = 0;
  let total = 0;
  let base = 0;
  let p = 1;
  const weakFrom = asOf - wk.windowMinutes * MIN;
  if (wk.enabled && tf.weakKey !== null && ctx.weakKeyBaseline) {
    const series = petitionSeriesOf(ctx.petitionEvents, target, cfg);
    total = series.count(weakFrom, asOf);
    n = series.countWeakKey(tf.weakKey, weakFrom, asOf);
    base = Math.max(ctx.weakKeyBaseline.share(tf.weakKey) ?? wk.floorShare, wk.floorShare);
    p = binomialUpperTail(n, total, base);
    if (n >= wk.minCount && p < wk.alpha) {
      const decades = Math.log10(wk.alpha) - Math.log10(Math.max(p, 1e-300));
      weakScore = wk.factor * (0.5 + 0.5 * clamp01(decades / wk.saturationDecades));
    }
  }

  const evidence = {
    citizensOnDevice: citizens,
    minCitizens: d.minCitizens,
    windowMinutes: d.windowMinutes,
    weakKeyCount: n,
    weakKeyTotal: total,
    weakKeyBaselineShare: base,
    weakKeyExpected: total * base,
    weakKeyPValue: p,
  };
  const hours = round1(d.windowMinutes / 60);
  if (strongScore > 0 && strongScore >= weakScore && target.deviceId !== null) {
    return result('sharedDevice', strongScore, evidence, 'sharedDevice.device', { count: citizens, hours }, {
      kind: 'device',
      deviceId: target.deviceId,
      from: new Date(asOf - d.windowMinutes * MIN),
      to: new Date(asOf),
    });
  }
  if (weakScore > 0) {
    return result(
      'sharedDevice',
      weakScore,
      evidence,
      'sharedDevice.model',
      { count: n, minutes: wk.windowMinutes, expected: round1(total * base) },
    );
  }
  return result('sharedDevice', 0, evidence, 'sharedDevice.none', { count: citizens, hours });
}

// ---------------------------------------------------------------------------------------------
// 4. Account waves

/**
 * Many signers proofed or given a passkey shortly before signing the same petition.
 *
 * Formula, over the last wave.windowMinutes on the petition:
 *   young(e) ⇔ signedAt − max(accountCreatedAt, proofedAt, passkeyCreatedAt) < youngHours
 *   N = signatures, y = young ones, s = y / N
 *   b = clamp(platform share of young signers (or baselineYoungShare), minBaselineShare, maxBaselineShare)
 *     (platform-wide, so that a long wave cannot become its own baseline)
 *   need = max(minShare, minRatio · b),  p = P(Y ≥ y | Y ~ Binomial(N, b))
 *   triggered ⇔ the target is young ∧ y ≥ minYoung ∧ s ≥ need ∧ p < alpha
 *   strength = 0.5 + 0.5·clamp01((s − need) / (1 − need))
 * New citizens joining for a viral petition raise s a little (≈ 10–15 %); a wave raises it to most
 * of the window. A wave diluted in heavy organic traffic stays under `need`: the limit of this check.
 */
export function accountWave(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const w = cfg.wave;
  const asOf = ctx.asOf.getTime();
  const from = asOf - w.windowMinutes * MIN;
  const series = petitionSeriesOf(ctx.petitionEvents, ctx.target, cfg);
  const total = series.count(from, asOf);
  const young = series.countYoung(from, asOf);
  const b = Math.min(w.maxBaselineShare, Math.max(w.minBaselineShare, ctx.youngShareBaseline ?? w.baselineYoungShare));
  const need = Math.max(w.minShare, w.minRatio * b);
  const share = total === 0 ? 0 : young / total;
  const p = binomialUpperTail(young, total, b);
  const targetFreshness = featuresOf(ctx.target, cfg).freshnessHours;
  const targetYoung = targetFreshness < w.youngHours;
  const triggered = targetYoung && young >= w.minYoung && share >= need && p < w.alpha;
  const score = triggered ? strength(share, need, 1) : 0;
  const evidence = {
    young,
    total,
    share,
    baselineShare: b,
    requiredShare: need,
    pValue: p,
    targetFreshnessHours: targetFreshness,
    windowMinutes: w.windowMinutes,
    youngHours: w.youngHours,
  };
  const params = {
    count: young,
    total,
    sharePct: pct(share),
    baselinePct: pct(b),
    minutes: w.windowMinutes,
    hours: w.youngHours,
  };
  return result('accountWave', score, evidence, triggered ? 'accountWave.wave' : 'accountWave.none', params, {
    kind: 'young-accounts',
    petitionId: ctx.target.petitionId,
    youngHours: w.youngHours,
    from: new Date(from),
    to: new Date(asOf),
  });
}

// ---------------------------------------------------------------------------------------------
// 5. Lockstep co-signing

/**
 * Accounts that repeatedly sign the same petitions within minutes of each other.
 *
 * Rule (index: see lockstep.ts): pairs co-signing ≥ minPetitions distinct petitions within Δt are
 * strong; clusters are connected components of strong pairs (union-find).
 *   C = the target citizen's cluster, m = members of C other than the target who signed this petition
 *       within Δt of the target (as of asOf)
 *   triggered ⇔ |C| ≥ minClusterSize ∧ m ≥ minCoSignersHere
 *   strength = 0.5 + 0.5·clamp01((|C| − minClusterSize) / (saturationClusterSize − minClusterSize))
 * A couple or a family signing together forms clusters of 2–4 and stays under minClusterSize. The
 * first petitions a ring signs are not yet evidence: the ring becomes visible from its
 * minPetitions-th petition on (earlier signatures are caught when the worker re-scores the group).
 */
export function lockstep(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const l = cfg.lockstep;
  const index = ctx.coSign;
  const target = ctx.target;
  const cluster = index ? index.clusterOf(target.citizenId) : [target.citizenId];
  const asOf = ctx.asOf.getTime();
  const t = target.signedAt.getTime();
  const delta = l.deltaMinutes * MIN;
  const members = new Set(cluster);
  const here = new Set<string>();
  if (cluster.length >= l.minClusterSize) {
    const series = petitionSeriesOf(ctx.petitionEvents, target, cfg);
    const [lo, hi] = series.range(t - delta - 1, Math.min(asOf, t + delta));
    for (let i = lo; i < hi; i++) {
      const c = (series.events[i] as SignatureEvent).citizenId;
      if (c !== target.citizenId && members.has(c)) here.add(c);
    }
  }
  const partners = index ? index.strongPartners(target.citizenId) : [];
  let petitionsTogether = 0;
  for (const o of partners) petitionsTogether = Math.max(petitionsTogether, index?.pairCount(target.citizenId, o) ?? 0);
  const size = cluster.length;
  const triggered = size >= l.minClusterSize && here.size >= l.minCoSignersHere;
  const score = triggered ? strength(size, l.minClusterSize, l.saturationClusterSize) : 0;
  const evidence = {
    clusterSize: size,
    coSignersHere: here.size,
    strongPartners: partners.length,
    petitionsTogether,
    deltaMinutes: l.deltaMinutes,
    indexed: index ? 1 : 0,
  };
  const params = { count: size, here: here.size, petitions: petitionsTogether, minutes: l.deltaMinutes };
  const petitionIds = index && triggered ? index.coSignedPetitions(cluster) : [];
  if (triggered && !petitionIds.includes(target.petitionId)) petitionIds.push(target.petitionId);
  return result('lockstep', score, evidence, triggered ? 'lockstep.ring' : 'lockstep.none', params, {
    kind: 'cluster',
    citizenIds: cluster,
    petitionIds,
    from: new Date(asOf - l.lookbackDays * 24 * 60 * MIN),
    to: new Date(asOf),
  });
}

// ---------------------------------------------------------------------------------------------
// 6. Throttles

/**
 * Rate limits, checked after the fact (the signature is not refused: like the UK petitions site,
 * a signature over a limit is silently scored, never announced).
 *
 * Rule (as alphagov/e-petitions' RateLimit): for each limit (period P, max M)
 *   per address per petition: n = signatures on this petition from the target's address with
 *     signedAt in [t − P, t] (the target included); exceeded ⇔ n > M'
 *     (M' = ⌈M · sharedRangeFactor⌉ for an address in a shared CGNAT range, else M)
 *   per citizen: n = the citizen's signatures on any petition in [t − P, t]; exceeded ⇔ n > M
 *   excess = (n − M') / M';  strength = 0.5 + 0.5·clamp01(max excess / saturationExcess)
 * Defaults: 1 per 60 s burst and 5 per 300 s sustained per address per petition (the UK values).
 * Two people of one household signing within a minute exceed the burst limit: the weight of this
 * signal alone stays under the review threshold.
 */
export function throttle(ctx: SignalContext, cfg: IntegrityConfig): SignalResult {
  const th = cfg.throttle;
  const target = ctx.target;
  const tf = featuresOf(target, cfg);
  const t = tf.t;
  type Hit = { kind: 'ip' | 'citizen'; n: number; max: number; seconds: number; excess: number };
  let worst: Hit | null = null;
  let checked = 0;
  const consider = (h: Hit) => {
    checked++;
    if (h.n > h.max && (worst === null || h.excess > worst.excess)) worst = h;
  };
  if (tf.ip !== null) {
    const series = petitionSeriesOf(ctx.petitionEvents, target, cfg);
    for (const r of th.ipPerPetition) {
      const max = tf.shared ? Math.ceil(r.max * th.sharedRangeFactor) : r.max;
      // [t − P, t]: the start is included (from = t − P − 1 ms, exclusive).
      const n = series.countIp(tf.ip, t - r.windowSeconds * 1000 - 1, t);
      consider({ kind: 'ip', n, max, seconds: r.windowSeconds, excess: (n - max) / max });
    }
  }
  if (th.perCitizen.length > 0) {
    const longest = Math.max(...th.perCitizen.map((r) => r.windowSeconds));
    const mine = windowOf(ctx.citizenEvents ?? ctx.petitionEvents, target, t - longest * 1000 - 1, t, cfg).filter(
      (x) => x.e.citizenId === target.citizenId,
    );
    for (const r of th.perCitizen) {
      const n = mine.filter((x) => x.f.t >= t - r.windowSeconds * 1000).length;
      consider({ kind: 'citizen', n, max: r.max, seconds: r.windowSeconds, excess: (n - r.max) / r.max });
    }
  }
  const w = worst as Hit | null;
  const score = w ? 0.5 + 0.5 * clamp01(w.excess / th.saturationExcess) : 0;
  const evidence = {
    limitsChecked: checked,
    count: w?.n ?? 0,
    limit: w?.max ?? 0,
    windowSeconds: w?.seconds ?? 0,
    perAddress: w?.kind === 'ip' ? 1 : 0,
    sharedRange: tf.shared ? 1 : 0,
  };
  if (!w) return result('throttle', 0, evidence, 'throttle.none', {});
  return result('throttle', score, evidence, w.kind === 'ip' ? 'throttle.address' : 'throttle.citizen', {
    count: w.n,
    seconds: w.seconds,
    limit: w.max,
  });
}

// ---------------------------------------------------------------------------------------------

/** Runs every signal that has its inputs (lockstep needs ctx.coSign). */
export function evaluateSignals(ctx: SignalContext, cfg: IntegrityConfig): SignalResult[] {
  const out = [
    velocityBurst(ctx, cfg),
    networkConcentration(ctx, cfg),
    sharedDevice(ctx, cfg),
    accountWave(ctx, cfg),
    throttle(ctx, cfg),
  ];
  if (ctx.coSign) out.splice(4, 0, lockstep(ctx, cfg));
  return out;
}

/** How far back each input of a SignalContext must reach (for the worker's queries). */
export interface RequiredLookback {
  /** Signatures on the petition in (asOf − petitionMinutes, asOf]. */
  readonly petitionMinutes: number;
  /** Signatures from the device cookie, any petition, in (asOf − deviceMinutes, asOf]. */
  readonly deviceMinutes: number;
  /** The citizen's signatures, any petition, in [signedAt − citizenSeconds, signedAt]. */
  readonly citizenSeconds: number;
  /** Signatures for the co-signing index: the last lockstepDays. */
  readonly lockstepDays: number;
  /** A worker evaluates a signature this many seconds after it was signed. */
  readonly graceSeconds: number;
}

export function requiredLookback(cfg: IntegrityConfig): RequiredLookback {
  const v = cfg.velocity;
  const petitionMinutes = Math.max(
    v.windowMinutes + Math.max(v.baselineMinutes, v.regionHistoryMinutes),
    ...cfg.network.windows.map((w) => w.minutes),
    cfg.device.weakKey.windowMinutes,
    cfg.wave.windowMinutes,
    2 * cfg.lockstep.deltaMinutes,
    Math.ceil(Math.max(...cfg.throttle.ipPerPetition.map((r) => r.windowSeconds)) / 60) + 1,
  );
  return {
    petitionMinutes: petitionMinutes + Math.ceil(cfg.evaluation.graceSeconds / 60),
    deviceMinutes: cfg.device.windowMinutes,
    citizenSeconds: Math.max(0, ...cfg.throttle.perCitizen.map((r) => r.windowSeconds)),
    lockstepDays: cfg.lockstep.lookbackDays,
    graceSeconds: cfg.evaluation.graceSeconds,
  };
}

