import { describe, expect, it } from 'vitest';
import {
  CoSignIndex,
  UnionFind,
  accountWave,
  buildCoSignIndex,
  evaluateSignals,
  lockstep,
  networkConcentration,
  sharedDevice,
  throttle,
  velocityBurst,
  type SignalContext,
  type SignatureEvent,
} from '../../app/domain/integrity';
import { integrityConfig } from '../support/integrity';

const config = integrityConfig;

const cfg = config();
const T = Date.parse('2026-03-03T06:00:00Z');
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const REGIONS = ['750000000', '710000000', '790000000', '610000000', '190000000', '310000000', '350000000', '630000000', '150000000', '390000000'];

let seq = 0;
type Over = Partial<Omit<SignatureEvent, 'signedAt'>> & { at?: number };
/** A signature `at` ms after T; by default an established account on its own device and own /24. */
function ev(o: Over = {}): SignatureEvent {
  const n = ++seq;
  const { at = 0, ...rest } = o;
  return {
    signatureId: `s${n}`,
    petitionId: 'p1',
    citizenId: `c${n}`,
    signedAt: new Date(T + at),
    ip: `10.${(n >> 8) & 255}.${n & 255}.1`,
    userAgent: 'UA-test',
    deviceId: `d${n}`,
    aaguid: null,
    accountCreatedAt: new Date(T - 400 * DAY),
    proofedAt: new Date(T - 400 * DAY + MIN),
    passkeyCreatedAt: new Date(T - 400 * DAY + 2 * MIN),
    regionKato: REGIONS[n % REGIONS.length] ?? null,
    ...rest,
  };
}

/** n events spread evenly over (end − span, end]. */
function spread(n: number, end: number, span: number, o: (i: number) => Over = () => ({})): SignatureEvent[] {
  return Array.from({ length: n }, (_, i) => ev({ at: end - span + ((i + 1) * span) / n, ...o(i) }));
}

function ctx(target: SignatureEvent, events: SignatureEvent[], extra: Partial<SignalContext> = {}): SignalContext {
  return { target, asOf: target.signedAt, petitionEvents: events, ...extra };
}

const last = <T>(xs: T[]) => xs[xs.length - 1] as T;

describe('velocity burst', () => {
  const oneNet = (i: number): Over => ({ ip: `95.56.12.${i + 1}` });

  it('triggers at exactly minCount signatures from one network on a quiet petition, not one below', () => {
    const at20 = spread(20, 0, 3 * MIN - 1, oneNet);
    const r = velocityBurst(ctx(last(at20), at20), cfg);
    expect(r.triggered).toBe(true);
    expect(r.evidence.count).toBe(20);
    expect(r.explanation.key).toBe('integrity.explain.velocityBurst.networks');
    expect(r.score).toBeGreaterThan(0.5);
    const at19 = spread(19, 0, 3 * MIN - 1, oneNet);
    const r19 = velocityBurst(ctx(last(at19), at19), cfg);
    expect(r19.triggered).toBe(false);
    expect(r19.evidence.burst).toBe(0);
  });

  it('an organic surge (many networks, regions, established accounts) is a burst but not flagged', () => {
    const events = spread(60, 0, 3 * MIN - 1);
    const r = velocityBurst(ctx(last(events), events), cfg);
    expect(r.evidence.burst).toBe(1);
    expect(r.triggered).toBe(false);
    expect(r.score).toBe(0);
    expect(r.explanation.key).toBe('integrity.explain.velocityBurst.organic');
  });

  it('a burst of young accounts is concentrated', () => {
    const events = spread(30, 0, 3 * MIN - 1, () => ({ accountCreatedAt: new Date(T - DAY) }));
    const r = velocityBurst(ctx(last(events), events), cfg);
    expect(r.triggered).toBe(true);
    expect(r.explanation.key).toBe('integrity.explain.velocityBurst.youngAccounts');
    expect(r.evidence.concentration).toBeCloseTo((14 - 1) / 14, 3);
  });

  it('a distinct-network share exactly at the minimum is not concentrated; just below it is', () => {
    const withNets = (nets: number) => spread(20, 0, 3 * MIN - 1, (i) => ({ ip: `95.56.${i % nets}.${i + 1}` }));
    const at = withNets(6); // 6 / 20 = 0.3
    const rAt = velocityBurst(ctx(last(at), at), cfg);
    expect(rAt.evidence.distinctNetworkShare).toBeCloseTo(0.3, 12);
    expect(rAt.evidence.burst).toBe(1);
    expect(rAt.triggered).toBe(false);
    const below = withNets(5); // 0.25
    const rBelow = velocityBurst(ctx(last(below), below), cfg);
    expect(rBelow.triggered).toBe(true);
    expect(rBelow.score).toBeCloseTo(0.5 + 0.5 * (0.05 / 0.3), 9);
  });

  it('steady traffic at the same pace is no burst (EWMA baseline)', () => {
    const history = spread(630, -3 * MIN, 63 * MIN, oneNet);
    const now = spread(30, 0, 3 * MIN - 1, oneNet);
    const all = [...history, ...now];
    const r = velocityBurst(ctx(last(now), all), cfg);
    expect(r.evidence.baselinePerMinute).toBeGreaterThan(9);
    expect(r.evidence.burst).toBe(0);
    expect(r.triggered).toBe(false);
  });

  it('a burst from one region after a nationwide history is concentrated by region', () => {
    const history = spread(200, -3 * MIN, 5 * HOUR);
    const burst = spread(40, 0, 3 * MIN - 1, () => ({ regionKato: '790000000' }));
    const all = [...history, ...burst];
    const r = velocityBurst(ctx(last(burst), all), cfg);
    expect(r.evidence.regionalEntropyDrop).toBeGreaterThan(0.35);
    expect(r.triggered).toBe(true);
    expect(r.explanation.key).toBe('integrity.explain.velocityBurst.regions');
  });

  it('ignores events after asOf and events of other petitions', () => {
    const events = spread(19, 0, 3 * MIN - 1, oneNet);
    const later = spread(10, 5 * MIN, MIN, oneNet);
    const other = spread(10, 0, MIN, (i) => ({ ...oneNet(i), petitionId: 'p2' }));
    const r = velocityBurst(ctx(last(events), [...events, ...later, ...other]), cfg);
    expect(r.evidence.count).toBe(19);
    expect(r.triggered).toBe(false);
  });
});

describe('network concentration', () => {
  const organic = (n: number) => spread(n, 0, 10 * MIN - 1);
  const fromNet = (n: number, net = '95.56.12') => spread(n, 0, 10 * MIN - 1, (i) => ({ ip: `${net}.${i + 1}` }));

  it('triggers at exactly minCount and minShare of a /24 (strength 0.5), with an explanation naming the network', () => {
    const net = fromNet(20);
    const events = [...organic(180), ...net];
    const r = networkConcentration(ctx(last(net), events, { asOf: new Date(T) }), cfg);
    expect(r.triggered).toBe(true);
    expect(r.score).toBeCloseTo(0.5, 12);
    expect(r.evidence).toMatchObject({ count: 20, total: 200, share: 0.1, level: 1, windowMinutes: 10, sharedRange: 0 });
    expect(r.explanation).toEqual({
      key: 'integrity.explain.networkConcentration.prefix',
      params: { count: 20, total: 200, minutes: 10, network: '95.56.12.0/24', sharePct: 10 },
    });
    expect(r.group).toMatchObject({ kind: 'network', petitionId: 'p1', network: '95.56.12.0/24' });
  });

  it('one below the count, or a share just below the threshold, does not trigger', () => {
    const net19 = fromNet(19);
    expect(networkConcentration(ctx(last(net19), [...organic(160), ...net19]), cfg).triggered).toBe(false);
    const net20 = fromNet(20);
    const r = networkConcentration(ctx(last(net20), [...organic(181), ...net20]), cfg);
    expect(r.evidence.share).toBeLessThan(0.1);
    expect(r.triggered).toBe(false);
    expect(r.score).toBe(0);
    expect(r.group).toBeUndefined();
  });

  it('single address: minCount 10 at a 5 % share', () => {
    const same = spread(10, 0, 10 * MIN - 1, () => ({ ip: '95.56.12.7' }));
    const r = networkConcentration(ctx(last(same), [...organic(190), ...same]), cfg);
    expect(r.triggered).toBe(true);
    expect(r.explanation.key).toBe('integrity.explain.networkConcentration.ip');
    expect(r.group).toMatchObject({ kind: 'ip', ip: '95.56.12.7' });
  });

  it('carrier-grade NAT ranges get higher thresholds (RFC 6598 and listed mobile operators)', () => {
    for (const net of ['100.64.1', '2.72.5']) {
      const n20 = fromNet(20, net);
      const r = networkConcentration(ctx(last(n20), [...organic(180), ...n20]), cfg);
      expect(r.evidence.sharedRange).toBe(1);
      expect(r.evidence.minCount).toBe(100);
      expect(r.triggered).toBe(false);
    }
    const n100 = fromNet(100, '100.64.1');
    const r = networkConcentration(ctx(last(n100), [...organic(200), ...n100]), cfg);
    expect(r.evidence.share).toBeCloseTo(1 / 3, 9);
    expect(r.triggered).toBe(true);
    expect(r.explanation.key).toBe('integrity.explain.networkConcentration.prefixShared');
  });

  it('groups IPv6 by /48 and v4-mapped IPv6 with its IPv4 network', () => {
    const v6 = spread(20, 0, 10 * MIN - 1, (i) => ({ ip: `2001:db8:77:${(i + 1).toString(16)}::1` }));
    const r6 = networkConcentration(ctx(last(v6), [...organic(180), ...v6]), cfg);
    expect(r6.triggered).toBe(true);
    expect(r6.explanation.params.network).toBe('2001:db8:77::/48');
    const mixed = spread(20, 0, 10 * MIN - 1, (i) => ({ ip: i % 2 === 0 ? `::ffff:95.56.12.${i + 1}` : `95.56.12.${i + 1}` }));
    const rm = networkConcentration(ctx(last(mixed), [...organic(180), ...mixed]), cfg);
    expect(rm.evidence.count).toBe(20);
    expect(rm.explanation.params.network).toBe('95.56.12.0/24');
  });

  it('an unreadable address is not evaluated; such events are left out of the totals', () => {
    const bad = ev({ ip: 'unknown' });
    expect(networkConcentration(ctx(bad, [bad]), cfg)).toMatchObject({ triggered: false, score: 0, explanation: { key: 'integrity.explain.networkConcentration.noAddress' } });
    const net = fromNet(20);
    const junk = spread(50, 0, 5 * MIN, () => ({ ip: 'garbage' }));
    const r = networkConcentration(ctx(last(net), [...organic(180), ...junk, ...net]), cfg);
    expect(r.evidence.total).toBe(200);
  });

  it('gives the same verdict whether or not the caller included the target, and in any order', () => {
    const net = fromNet(20);
    const others = [...organic(180), ...net.slice(0, 19)];
    const target = last(net);
    const without = networkConcentration(ctx(target, others), cfg);
    const shuffled = [...others, target].reverse();
    const within = networkConcentration(ctx(target, shuffled), cfg);
    expect(without).toEqual(within);
    expect(within.evidence.count).toBe(20);
  });

  it('the window is (asOf − W, asOf]: an event exactly W earlier is outside', () => {
    const edge = ev({ at: -10 * MIN, ip: '95.56.12.200' });
    const net = fromNet(19);
    const r = networkConcentration(ctx(last(net), [edge, ...organic(161), ...net]), cfg);
    expect(r.evidence.count).toBe(19);
    expect(r.triggered).toBe(false);
  });

  it('the long window catches a slow drip from one network', () => {
    const drip = spread(40, 0, 20 * HOUR, (i) => ({ ip: `95.57.140.${(i % 12) + 1}` }));
    const background = spread(400, 0, 20 * HOUR);
    const r = networkConcentration(ctx(last(drip), [...background, ...drip]), cfg);
    expect(r.triggered).toBe(true);
    expect(r.evidence.windowMinutes).toBe(1440);
    expect(r.evidence.count).toBe(40);
  });
});

describe('shared device', () => {
  it('triggers at minCitizens distinct citizens on one device cookie (any petition), counting a citizen once', () => {
    const device = (n: number) =>
      Array.from({ length: n }, (_, i) => ev({ at: -i * HOUR, deviceId: 'terminal', petitionId: `p${i}`, citizenId: `w${i}` }));
    const six = device(6);
    const target = six[0] as SignatureEvent;
    const r = sharedDevice(ctx(target, [target], { deviceEvents: six }), cfg);
    expect(r).toMatchObject({ triggered: true, score: 0.5, explanation: { key: 'integrity.explain.sharedDevice.device', params: { count: 6, hours: 24 } } });
    expect(r.group).toMatchObject({ kind: 'device', deviceId: 'terminal' });
    const five = device(5);
    const again = [...five, ev({ at: -30 * MIN, deviceId: 'terminal', petitionId: 'px', citizenId: 'w1' })];
    const r5 = sharedDevice(ctx(five[0] as SignatureEvent, [five[0] as SignatureEvent], { deviceEvents: again }), cfg);
    expect(r5.evidence.citizensOnDevice).toBe(5);
    expect(r5.triggered).toBe(false);
  });

  it('signatures older than the window do not count; a missing cookie is not evaluated', () => {
    const old = ev({ at: -24 * HOUR, deviceId: 'tab' });
    const recent = Array.from({ length: 5 }, (_, i) => ev({ at: -i * MIN, deviceId: 'tab' }));
    const r = sharedDevice(ctx(recent[0] as SignatureEvent, [...recent, old]), cfg);
    expect(r.evidence.citizensOnDevice).toBe(5);
    const none = ev({ deviceId: null });
    expect(sharedDevice(ctx(none, [none]), cfg).evidence.citizensOnDevice).toBe(0);
  });

  it('weak key (AAGUID + user agent) is tested against its baseline share, discounted, and has no group', () => {
    const baseline = { share: (k: string) => (k === 'aaguid-x|Model UA' ? 0.01 : undefined) };
    const build = (n: number) => {
      const same = spread(n, 0, 60 * MIN - 1, () => ({ aaguid: 'AAGUID-X', userAgent: 'Model UA' }));
      return { same, all: [...spread(100 - n, 0, 60 * MIN - 1), ...same] };
    };
    const { same, all } = build(12);
    const r = sharedDevice(ctx(last(same), all, { weakKeyBaseline: baseline }), cfg);
    expect(r.triggered).toBe(true);
    expect(r.explanation.key).toBe('integrity.explain.sharedDevice.model');
    expect(r.evidence.weakKeyExpected).toBeCloseTo(1, 9);
    expect(r.score).toBeGreaterThanOrEqual(0.5 * cfg.device.weakKey.factor);
    expect(r.score).toBeLessThanOrEqual(cfg.device.weakKey.factor);
    expect(r.group).toBeUndefined();
    const eleven = build(11);
    expect(sharedDevice(ctx(last(eleven.same), eleven.all, { weakKeyBaseline: baseline }), cfg).triggered).toBe(false);
    expect(sharedDevice(ctx(last(same), all), cfg).triggered).toBe(false);
  });
});

describe('account wave', () => {
  const young = (): Over => ({ accountCreatedAt: new Date(T - 3 * HOUR), proofedAt: new Date(T - 3 * HOUR), passkeyCreatedAt: new Date(T - 2 * HOUR) });
  const build = (nYoung: number, total: number, targetYoung = true) => {
    const y = spread(nYoung, 0, 60 * MIN - 1, young);
    const o = spread(total - nYoung, -1, 60 * MIN - 1);
    const target = targetYoung ? last(y) : last(o);
    return { target, all: [...o, ...y] };
  };

  it('triggers at exactly the required share of young signers (max(minShare, minRatio × baseline))', () => {
    const { target, all } = build(30, 100);
    const r = accountWave(ctx(target, all), cfg);
    expect(r.evidence).toMatchObject({ young: 30, total: 100, share: 0.3, requiredShare: 0.3 });
    expect(r).toMatchObject({ triggered: true, score: 0.5 });
    expect(r.explanation.key).toBe('integrity.explain.accountWave.wave');
    const below = build(29, 100);
    expect(accountWave(ctx(below.target, below.all), cfg).triggered).toBe(false);
  });

  it('does not flag an established signer inside a wave', () => {
    const { target, all } = build(80, 100, false);
    expect(accountWave(ctx(target, all), cfg).triggered).toBe(false);
  });

  it('a higher platform baseline raises the bar; too few young signers never trigger', () => {
    const { target, all } = build(30, 100);
    const r = accountWave(ctx(target, all, { youngShareBaseline: 0.15 }), cfg);
    expect(r.evidence.requiredShare).toBeCloseTo(0.45, 12);
    expect(r.triggered).toBe(false);
    const small = build(14, 14);
    expect(accountWave(ctx(small.target, small.all), cfg).triggered).toBe(false);
    const enough = build(15, 15);
    expect(accountWave(ctx(enough.target, enough.all), cfg).triggered).toBe(true);
  });

  it('young means strictly less than youngHours since the latest of account, proofing and passkey', () => {
    const exactly = ev({ passkeyCreatedAt: new Date(T - 48 * HOUR) });
    const inside = ev({ passkeyCreatedAt: new Date(T - 48 * HOUR + 1) });
    const rExact = accountWave(ctx(exactly, [exactly]), cfg);
    const rInside = accountWave(ctx(inside, [inside]), cfg);
    expect(rExact.evidence.young).toBe(0);
    expect(rInside.evidence.young).toBe(1);
  });
});

describe('lockstep co-signing', () => {
  const ring = ['a', 'b', 'c', 'd', 'e', 'f'];
  const session = (petitionId: string, start: number, members = ring) =>
    members.map((c, i) => ev({ petitionId, citizenId: c, at: start + i * 20 * SEC }));

  it('a group that co-signed two petitions within Δt is a cluster; its next co-signing triggers', () => {
    const p1 = session('q1', -2 * DAY);
    const p2 = session('q2', -DAY);
    const p3 = session('q3', 0);
    const all = [...p1, ...p2, ...p3];
    const index = buildCoSignIndex(all, cfg.lockstep);
    expect(index.clusterOf('a')).toEqual(ring);
    expect(index.pairCount('a', 'f')).toBe(3);
    expect(index.clusters(5)).toEqual([ring]);
    const target = p3[0] as SignatureEvent;
    const r = lockstep(ctx(target, p3, { asOf: new Date(T + 2 * MIN), coSign: index }), cfg);
    expect(r.triggered).toBe(true);
    expect(r.evidence).toMatchObject({ clusterSize: 6, coSignersHere: 5, petitionsTogether: 3 });
    expect(r.score).toBeCloseTo(0.5 + 0.5 * (1 / 15), 12);
    expect(r.group).toMatchObject({ kind: 'cluster', citizenIds: ring, petitionIds: ['q1', 'q2', 'q3'] });
    expect(r.explanation.params).toEqual({ count: 6, here: 5, petitions: 3, minutes: 5 });
  });

  it('a household of four signing together is below minClusterSize', () => {
    const four = ['h1', 'h2', 'h3', 'h4'];
    const all = [...session('q1', -DAY, four), ...session('q2', 0, four)];
    const index = buildCoSignIndex(all, cfg.lockstep);
    expect(index.clusterOf('h1')).toHaveLength(4);
    const target = all[all.length - 1] as SignatureEvent;
    expect(lockstep(ctx(target, all, { coSign: index }), cfg).triggered).toBe(false);
  });

  it('signatures further apart than Δt form no pair; a dense stretch forms none either', () => {
    const apart = [ev({ petitionId: 'q1', citizenId: 'x', at: 0 }), ev({ petitionId: 'q1', citizenId: 'y', at: 5 * MIN + 1 })];
    expect(buildCoSignIndex(apart, cfg.lockstep).pairCount('x', 'y')).toBe(0);
    const within = [ev({ petitionId: 'q1', citizenId: 'x', at: 0 }), ev({ petitionId: 'q1', citizenId: 'y', at: 5 * MIN })];
    expect(buildCoSignIndex(within, cfg.lockstep).pairCount('x', 'y')).toBe(1);
    const idx = new CoSignIndex({ deltaMinutes: 5, maxDensity: 3, minPetitions: 2 });
    for (let i = 1; i <= 5; i++) idx.add(ev({ petitionId: 'q1', citizenId: `m${i}`, at: i * SEC }));
    expect(idx.pairCount('m4', 'm1')).toBe(1); // 3 earlier signatures: at the limit
    expect(idx.pairCount('m5', 'm1')).toBe(0); // 4 earlier: too dense, no pairs
    expect(idx.size).toBe(5);
  });

  it('without an index the signal is skipped by evaluateSignals', () => {
    const e = ev();
    expect(evaluateSignals(ctx(e, [e]), cfg).map((s) => s.signal)).toEqual(['velocityBurst', 'networkConcentration', 'sharedDevice', 'accountWave', 'throttle']);
    const idx = new CoSignIndex(cfg.lockstep);
    idx.add(e);
    expect(evaluateSignals(ctx(e, [e], { coSign: idx }), cfg).map((s) => s.signal)).toContain('lockstep');
  });

  it('union-find joins transitively', () => {
    const uf = new UnionFind();
    uf.union('a', 'b');
    uf.union('c', 'd');
    uf.union('b', 'c');
    uf.find('z');
    expect(uf.sets()).toEqual([['a', 'b', 'c', 'd'], ['z']]);
    expect(uf.find('a')).toBe(uf.find('d'));
  });
});

describe('throttles', () => {
  it('per address per petition: a second signature within 60 s exceeds the burst limit, the start of the period included', () => {
    const first = ev({ ip: '95.56.12.7', at: -60 * SEC });
    const second = ev({ ip: '95.56.12.7' });
    const r = throttle(ctx(second, [first, second]), cfg);
    expect(r).toMatchObject({ triggered: true, explanation: { key: 'integrity.explain.throttle.address', params: { count: 2, seconds: 60, limit: 1 } } });
    const early = ev({ ip: '95.56.12.8', at: -60 * SEC - 1 });
    const late = ev({ ip: '95.56.12.8' });
    expect(throttle(ctx(late, [early, late]), cfg).triggered).toBe(false);
    // The later signature is judged, not the earlier one.
    expect(throttle(ctx(first, [first, second], { asOf: new Date(T) }), cfg).triggered).toBe(false);
  });

  it('sustained limit: more than 5 in 300 s', () => {
    const loose = config((c) => {
      c.throttle.ipPerPetition[0].max = 3;
    });
    const build = (n: number) => Array.from({ length: n }, (_, i) => ev({ ip: '95.56.12.9', at: -(n - 1 - i) * 50 * SEC }));
    const six = build(6);
    const r = throttle(ctx(last(six), six), loose);
    expect(r.triggered).toBe(true);
    expect(r.evidence).toMatchObject({ count: 6, limit: 5, windowSeconds: 300 });
    expect(r.score).toBeCloseTo(0.5 + 0.5 * (0.2 / 5), 12);
    const five = build(5);
    expect(throttle(ctx(last(five), five), loose).triggered).toBe(false);
  });

  it('shared CGNAT addresses get sharedRangeFactor × the limits', () => {
    const two = [ev({ ip: '100.64.0.5', at: -10 * SEC }), ev({ ip: '100.64.0.5' })];
    expect(throttle(ctx(last(two), two), cfg).triggered).toBe(false);
    const eleven = Array.from({ length: 11 }, (_, i) => ev({ ip: '100.64.0.5', at: -i * SEC }));
    expect(throttle(ctx(eleven[0] as SignatureEvent, eleven), cfg).evidence).toMatchObject({ count: 11, limit: 10 });
  });

  it('per citizen, across petitions', () => {
    const mine = (n: number) => Array.from({ length: n }, (_, i) => ev({ citizenId: 'busy', petitionId: `p${i}`, at: -i * 10 * SEC }));
    const four = mine(4);
    const r = throttle(ctx(four[0] as SignatureEvent, [four[0] as SignatureEvent], { citizenEvents: four }), cfg);
    expect(r).toMatchObject({ triggered: true, explanation: { key: 'integrity.explain.throttle.citizen', params: { count: 4, seconds: 60, limit: 3 } } });
    const three = mine(3);
    expect(throttle(ctx(three[0] as SignatureEvent, [three[0] as SignatureEvent], { citizenEvents: three }), cfg).triggered).toBe(false);
  });
});
