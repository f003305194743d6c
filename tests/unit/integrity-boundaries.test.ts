import { describe, expect, it } from 'vitest';
import {
  accountWave,
  buildCoSignIndex,
  lockstep,
  networkConcentration,
  sharedDevice,
  throttle,
  type SignalContext,
  type SignalResult,
  type SignatureEvent,
} from '../../app/domain/integrity';
import { parseStoredGroup, rescoreWithGroup, scoreSignals } from '../../app/domain/integrity/score';
import { integrityConfig } from '../support/integrity';

/**
 * Boundary values the per-signal tests (integrity-signals.test.ts) leave out: saturation points,
 * one step past them, Δt exactly, co-signers exactly at the minimum; and the group re-scoring
 * helpers the worker uses (stored groups read back from JSON, re-scoring with a group's evidence).
 */
const config = integrityConfig;

const cfg = config();
const T = Date.parse('2026-03-03T06:00:00Z');
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const REGIONS = ['750000000', '710000000', '790000000', '610000000', '190000000'];

let seq = 0;
type Over = Partial<Omit<SignatureEvent, 'signedAt'>> & { at?: number };
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
const spread = (n: number, end: number, span: number, o: (i: number) => Over = () => ({})) =>
  Array.from({ length: n }, (_, i) => ev({ at: end - span + ((i + 1) * span) / n, ...o(i) }));
const ctx = (target: SignatureEvent, events: SignatureEvent[], extra: Partial<SignalContext> = {}): SignalContext => ({ target, asOf: target.signedAt, petitionEvents: events, ...extra });
const last = <T>(xs: T[]) => xs[xs.length - 1] as T;

describe('saturation points', () => {
  it('shared device: strength 0.5 + 0.5·(d − min)/(sat − min), 1 at saturationCitizens and beyond', () => {
    const on = (n: number) => {
      const list = Array.from({ length: n }, (_, i) => ev({ at: -i * MIN, deviceId: 'kiosk', citizenId: `k${i}` }));
      return sharedDevice(ctx(list[0] as SignatureEvent, [list[0] as SignatureEvent], { deviceEvents: list }), cfg).score;
    };
    const { minCitizens: lo, saturationCitizens: hi } = cfg.device;
    expect(on(lo - 1)).toBe(0);
    expect(on(lo)).toBeCloseTo(0.5, 12);
    expect(on(lo + 1)).toBeCloseTo(0.5 + 0.5 / (hi - lo), 12);
    expect(on(hi - 1)).toBeLessThan(1);
    expect(on(hi)).toBeCloseTo(1, 12);
    expect(on(hi + 5)).toBeCloseTo(1, 12);
  });

  it('network concentration: strength 1 at the saturation share of the window', () => {
    // 10-minute window, /24: saturationShare 0.5 → 100 of 200 signatures.
    const net = spread(100, 0, 10 * MIN - 1, (i) => ({ ip: `95.57.3.${(i % 250) + 1}` }));
    const others = spread(100, 0, 10 * MIN - 1);
    const r = networkConcentration(ctx(last(net), [...others, ...net], { asOf: new Date(T) }), cfg);
    expect(r.evidence).toMatchObject({ share: 0.5 });
    expect(r.score).toBeCloseTo(1, 12);
  });

  it('account wave: strength 1 when every signer of the window is young', () => {
    const young = spread(40, 0, 60 * MIN - 1, () => ({ accountCreatedAt: new Date(T - HOUR), proofedAt: new Date(T - HOUR), passkeyCreatedAt: new Date(T - HOUR) }));
    const r = accountWave(ctx(last(young), young), cfg);
    expect(r.evidence).toMatchObject({ young: 40, total: 40, share: 1 });
    expect(r.score).toBeCloseTo(1, 12);
  });

  it('throttle: strength 1 at an excess of saturationExcess × the limit, 0.5 just over the limit', () => {
    // Per address per petition, 60 s, max 1: n signatures in [t − 60 s, t] → excess n − 1.
    const at = (n: number) => {
      const list = Array.from({ length: n }, (_, i) => ev({ ip: '95.58.1.9', at: -i * SEC }));
      return throttle(ctx(list[0] as SignatureEvent, list), cfg).score;
    };
    const sat = cfg.throttle.saturationExcess;
    expect(at(1)).toBe(0);
    // Two signatures: excess 1 on the 60-s limit, also within 300 s (below its max of 5).
    expect(at(2)).toBeCloseTo(0.5 + 0.5 * (1 / sat), 12);
    expect(at(1 + sat)).toBeCloseTo(1, 12);
    expect(at(10 + sat)).toBeCloseTo(1, 12);
  });
});

describe('lockstep boundaries', () => {
  const ring = ['r1', 'r2', 'r3', 'r4', 'r5'];
  const session = (petitionId: string, start: number, members = ring, gap = 20 * SEC) => members.map((c, i) => ev({ petitionId, citizenId: c, at: start + i * gap }));

  it('a cluster of exactly minClusterSize with exactly minCoSignersHere co-signers triggers; one co-signer fewer does not', () => {
    expect(ring.length).toBe(cfg.lockstep.minClusterSize);
    const history = [...session('h1', -2 * DAY), ...session('h2', -DAY)];
    // Here: the target and two ring members (minCoSignersHere = 2).
    const here = session('h3', 0, ['r1', 'r2', 'r3']);
    const index = buildCoSignIndex([...history, ...here], cfg.lockstep);
    const r = lockstep(ctx(here[0] as SignatureEvent, here, { asOf: new Date(T + 2 * MIN), coSign: index }), cfg);
    expect(r.evidence).toMatchObject({ clusterSize: 5, coSignersHere: 2 });
    expect(r.triggered).toBe(true);
    expect(r.score).toBeCloseTo(0.5, 12);
    const fewer = session('h4', 0, ['r1', 'r2']);
    const index2 = buildCoSignIndex([...history, ...fewer], cfg.lockstep);
    const r2 = lockstep(ctx(fewer[0] as SignatureEvent, fewer, { asOf: new Date(T + 2 * MIN), coSign: index2 }), cfg);
    expect(r2.evidence).toMatchObject({ clusterSize: 5, coSignersHere: 1 });
    expect(r2.triggered).toBe(false);
  });

  it('co-signing exactly Δt apart is a pair; one millisecond more is not', () => {
    const delta = cfg.lockstep.deltaMinutes * MIN;
    const pairOn = (gap: number) => {
      const events = ['x1', 'x2', 'x3'].flatMap((p, k) => [ev({ petitionId: p, citizenId: 'u', at: k * DAY }), ev({ petitionId: p, citizenId: 'v', at: k * DAY + gap })]);
      return buildCoSignIndex(events, cfg.lockstep).pairCount('u', 'v');
    };
    expect(pairOn(delta)).toBe(3);
    expect(pairOn(delta + 1)).toBe(0);
  });
});

describe('group re-scoring helpers', () => {
  const group = { kind: 'network', petitionId: 'p1', network: '95.59.1.0/24', from: new Date(T - 10 * MIN), to: new Date(T) } as const;
  const evidence: SignalResult = {
    signal: 'networkConcentration',
    score: 0.8,
    triggered: true,
    evidence: { count: 60, total: 100 },
    explanation: { key: 'integrity.explain.networkConcentration.prefix', params: { count: 60, total: 100, minutes: 10, network: '95.59.1.0/24', sharePct: 60 } },
    group,
  };

  it('reads groups back from stored JSON and refuses malformed ones', () => {
    const stored = JSON.parse(JSON.stringify(group)) as unknown;
    expect(parseStoredGroup(stored)).toEqual(group);
    expect(parseStoredGroup({ ...(stored as object), from: 'not a date' })).toBeNull();
    expect(parseStoredGroup({ ...(stored as object), kind: 'galaxy' })).toBeNull();
    expect(parseStoredGroup({ kind: 'device', from: group.from.toISOString(), to: group.to.toISOString() })).toBeNull();
    expect(parseStoredGroup({ kind: 'cluster', citizenIds: ['a', 'b'], petitionIds: ['p1'], from: group.from.toISOString(), to: group.to.toISOString() })).toMatchObject({ kind: 'cluster', citizenIds: ['a', 'b'] });
    expect(parseStoredGroup(null)).toBeNull();
  });

  it('an earlier signature of the group takes the stronger evidence, is held, and says why', () => {
    const before = scoreSignals('e1', [], cfg);
    expect(before.decision).toBe('count');
    const after = rescoreWithGroup('e1', before.signals, evidence, cfg)!;
    expect(after.decision).toBe('review');
    expect(after.score).toBeCloseTo(0.85 * 0.8, 12);
    expect(after.explanation.map((e) => e.key)).toEqual([
      'integrity.explain.summary.review',
      'integrity.explain.groupEvidence',
      'integrity.explain.networkConcentration.prefix',
    ]);
  });

  it('changes nothing when the signature already had the same or stronger evidence (idempotent)', () => {
    const once = rescoreWithGroup('e2', [], evidence, cfg)!;
    expect(rescoreWithGroup('e2', once.signals, evidence, cfg)).toBeNull();
    expect(rescoreWithGroup('e2', [{ ...evidence, score: 0.9 }], evidence, cfg)).toBeNull();
  });

  it('group evidence under the review threshold leaves the decision at count', () => {
    const weak: SignalResult = { ...evidence, score: 0.5 };
    // 0.85 × 0.5 = 0.425 < 0.5
    expect(rescoreWithGroup('e3', [], weak, cfg)!.decision).toBe('count');
  });
});
