import { describe, expect, it } from 'vitest';
import {
  CoSignIndex,
  assessSignature,
  checkSigningAttempt,
  combineSignals,
  groupContains,
  integrityConfigSchema,
  integrityTranslator,
  parseCidr,
  parseIntegrityConfig,
  renderAssessment,
  requiredLookback,
  scoreSignals,
  withGroupEvidence,
  type SignalName,
  type SignalResult,
  type SignatureEvent,
} from '../../app/domain/integrity';
import { integrityConfig, rawIntegrityConfig } from '../support/integrity';

const config = integrityConfig;

const cfg = config();
const T = Date.parse('2026-03-03T06:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;

function signal(name: SignalName, score: number, triggered = score > 0): SignalResult {
  return { signal: name, score, triggered, evidence: {}, explanation: { key: `integrity.explain.${name}.x`, params: {} } };
}

let seq = 0;
function ev(o: Partial<Omit<SignatureEvent, 'signedAt'>> & { at?: number } = {}): SignatureEvent {
  const n = ++seq;
  const { at = 0, ...rest } = o;
  return {
    signatureId: `sig-${n}`,
    petitionId: 'p1',
    citizenId: `citizen-${n}`,
    signedAt: new Date(T + at),
    ip: `10.${(n >> 8) & 255}.${n & 255}.1`,
    userAgent: 'UA',
    deviceId: `device-${n}`,
    aaguid: null,
    accountCreatedAt: new Date(T - 400 * DAY),
    proofedAt: new Date(T - 400 * DAY),
    passkeyCreatedAt: new Date(T - 400 * DAY),
    regionKato: ['750000000', '710000000', '790000000', '610000000'][n % 4] ?? null,
    ...rest,
  };
}

describe('combining signals', () => {
  it('noisy-OR: risk = 1 − Π(1 − wᵢ·sᵢ), untriggered signals ignored, contributions sorted', () => {
    const r = combineSignals([signal('networkConcentration', 0.5), signal('velocityBurst', 1), signal('sharedDevice', 0.9, false)], cfg);
    const expected = 1 - (1 - 0.85 * 0.5) * (1 - 0.3 * 1);
    expect(r.score).toBeCloseTo(expected, 12);
    expect(r.decision).toBe('review');
    expect(r.contributions.map((c) => c.signal)).toEqual(['networkConcentration', 'velocityBurst']);
    expect(r.contributions[0]?.contribution).toBeCloseTo(0.425, 12);
  });

  it('the review threshold is inclusive', () => {
    const exact = config((c) => {
      c.score.weights.networkConcentration = 1;
    });
    expect(combineSignals([signal('networkConcentration', 0.5)], exact)).toMatchObject({ score: 0.5, decision: 'review' });
    const under = config((c) => {
      c.score.weights.networkConcentration = 0.99;
    });
    expect(combineSignals([signal('networkConcentration', 0.5)], under).decision).toBe('count');
    expect(combineSignals([], cfg)).toMatchObject({ score: 0, decision: 'count', contributions: [] });
  });

  it('with the default weights a velocity burst or a rate-limit excess alone never reaches review', () => {
    expect(combineSignals([signal('velocityBurst', 1)], cfg).decision).toBe('count');
    expect(combineSignals([signal('throttle', 1)], cfg).decision).toBe('count');
    expect(combineSignals([signal('sharedDevice', 0.6)], cfg).decision).toBe('review');
    expect(combineSignals([signal('lockstep', 1)], cfg).decision).toBe('review');
  });

  it('explanation: a summary line, then the contributing signals, largest first', () => {
    const a = scoreSignals('sig-x', [signal('throttle', 0.5), signal('accountWave', 0.9)], cfg);
    expect(a.explanation.map((e) => e.key)).toEqual(['integrity.explain.summary.review', 'integrity.explain.accountWave.x', 'integrity.explain.throttle.x']);
    expect(a.explanation[0]?.params).toEqual({ scorePct: Math.round(a.score * 100), thresholdPct: 50 });
  });

  it('group evidence replaces a weaker result of the same signal, never a stronger one', () => {
    const weak = signal('networkConcentration', 0);
    const strong = signal('networkConcentration', 0.9);
    expect(withGroupEvidence([weak, signal('throttle', 0)], strong)[0]).toBe(strong);
    expect(withGroupEvidence([strong], signal('networkConcentration', 0.6))[0]).toBe(strong);
    expect(withGroupEvidence([], strong)).toEqual([strong]);
  });

  it('group membership: petition, key and time span', () => {
    const from = new Date(T - 10 * MIN);
    const to = new Date(T);
    const inNet = ev({ ip: '95.56.12.40', at: -MIN });
    expect(groupContains({ kind: 'network', petitionId: 'p1', network: '95.56.12.0/24', from, to }, inNet, cfg)).toBe(true);
    expect(groupContains({ kind: 'network', petitionId: 'p2', network: '95.56.12.0/24', from, to }, inNet, cfg)).toBe(false);
    expect(groupContains({ kind: 'network', petitionId: 'p1', network: '95.56.12.0/24', from, to }, ev({ ip: '95.56.12.40', at: -11 * MIN }), cfg)).toBe(false);
    expect(groupContains({ kind: 'ip', petitionId: 'p1', ip: '95.56.12.40', from, to }, ev({ ip: '::ffff:95.56.12.40' }), cfg)).toBe(true);
    expect(groupContains({ kind: 'device', deviceId: 'dX', from, to }, ev({ deviceId: 'dX', petitionId: 'p9' }), cfg)).toBe(true);
    const young = ev({ passkeyCreatedAt: new Date(T - 3_600_000) });
    expect(groupContains({ kind: 'young-accounts', petitionId: 'p1', youngHours: 48, from, to }, young, cfg)).toBe(true);
    expect(groupContains({ kind: 'young-accounts', petitionId: 'p1', youngHours: 48, from, to }, ev(), cfg)).toBe(false);
    const member = ev({ citizenId: 'm1', petitionId: 'q2' });
    expect(groupContains({ kind: 'cluster', citizenIds: ['m1', 'm2'], petitionIds: ['q1', 'q2'], from, to }, member, cfg)).toBe(true);
    expect(groupContains({ kind: 'cluster', citizenIds: ['m1', 'm2'], petitionIds: ['q1'], from, to }, member, cfg)).toBe(false);
  });
});

describe('assessing a signature end to end', () => {
  // 41 signatures in 3 minutes from one /24 on a petition with ~30 others a minute (the anchors' example).
  const organic = Array.from({ length: 300 }, (_, i) => ev({ at: -10 * MIN + 1 + i * 2000 }));
  const farm = Array.from({ length: 41 }, (_, i) => ev({ ip: `95.56.12.${i + 10}`, at: -3 * MIN + 1 + i * 4000, passkeyCreatedAt: new Date(T - 3_600_000) }));
  const target = farm[farm.length - 1] as SignatureEvent;
  const events = [...organic, ...farm];
  const index = new CoSignIndex(cfg.lockstep);
  for (const e of [...events].sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime())) index.add(e);
  const a = assessSignature({ target, asOf: target.signedAt, petitionEvents: events, coSign: index }, cfg);

  it('is held for review with an explanation in three languages naming the network and the counts', () => {
    expect(a.decision).toBe('review');
    expect(a.signatureId).toBe(target.signatureId);
    expect(a.contributions[0]?.signal).toBe('networkConcentration');
    const en = renderAssessment(a, integrityTranslator('en'));
    expect(en[1]).toBe('41 signatures in 3 minutes from the network 95.56.12.0/24, 31.3 % of this petition’s signatures in that window.');
    const ru = renderAssessment(a, integrityTranslator('ru'));
    expect(ru[1]).toBe('41 подпись за 3 мин из сети 95.56.12.0/24 — 31,3 % подписей под этой петицией за это время.');
    const kk = renderAssessment(a, integrityTranslator('kk'));
    expect(kk[1]).toBe('95.56.12.0/24 желісінен 3 минутта 41 қолтаңба — осы аралықтағы петиция қолтаңбаларының 31,3 пайызы.');
    for (const line of [...en, ...ru, ...kk]) expect(line).not.toContain('{{');
  });

  it('never puts personal data or ids into explanations', () => {
    for (const s of a.signals) {
      for (const v of Object.values(s.explanation.params)) {
        if (typeof v === 'string') expect(v).toMatch(/^[0-9a-f.:]+\/[0-9]+$/);
        else expect(typeof v).toBe('number');
      }
    }
    const text = ['en', 'ru', 'kk'].flatMap((l) => renderAssessment(a, integrityTranslator(l as 'en'))).join('\n');
    expect(text).not.toMatch(/citizen-|device-|sig-/);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
type Json = any;

describe('configuration', () => {
  it('the seed file is valid; its metadata is dropped; shared ranges parse', () => {
    const r = parseIntegrityConfig(rawIntegrityConfig);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.config).not.toHaveProperty('_meta');
    expect(r.config.network.sharedRanges.length).toBeGreaterThan(100);
    for (const range of r.config.network.sharedRanges) {
      expect(parseCidr(range.cidr)).not.toBeNull();
      if (range.kind === 'mobile-carrier') expect(range.approximate).toBe(true);
    }
    expect(r.config.throttle.ipPerPetition).toEqual([
      { windowSeconds: 60, max: 1 },
      { windowSeconds: 300, max: 5 },
    ]);
    expect(typeof rawIntegrityConfig._meta).toBe('object');
  });

  it.each([
    ['a saturation at or below its threshold', (c: Json) => (c.network.windows[0].prefix.saturationShare = 0.1), 'network.windows.0.prefix.saturationShare'],
    ['a malformed range', (c: Json) => (c.network.sharedRanges[1].cidr = '2.72.0.0/40'), 'network.sharedRanges.1.cidr'],
    ['a share above 1', (c: Json) => (c.wave.minShare = 1.5), 'wave.minShare'],
    ['a missing weight', (c: Json) => delete c.score.weights.lockstep, 'score.weights.lockstep'],
    ['a cluster saturation below the minimum', (c: Json) => (c.lockstep.saturationClusterSize = 3), 'lockstep.saturationClusterSize'],
  ])('refuses %s, naming the field', (_what, mutate, path) => {
    const c = structuredClone(rawIntegrityConfig);
    mutate(c);
    const r = parseIntegrityConfig(c);
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.issues.join('\n')).toContain(path);
  });

  it('tells the worker how far back to query', () => {
    expect(requiredLookback(cfg)).toEqual({ petitionMinutes: 1442, deviceMinutes: 1440, citizenSeconds: 3600, lockstepDays: 30, graceSeconds: 120 });
    expect(integrityConfigSchema).toBeDefined();
  });
});

describe('signing attempts per citizen (request path)', () => {
  const limits = [
    { windowSeconds: 60, max: 3 },
    { windowSeconds: 3600, max: 20 },
  ];
  const now = new Date(T);
  const ago = (s: number) => new Date(T - s * 1000);

  it('allows up to max attempts in (now − P, now]', () => {
    expect(checkSigningAttempt([], now, limits)).toEqual({ kind: 'ok' });
    expect(checkSigningAttempt([ago(10), ago(20)], now, limits)).toEqual({ kind: 'ok' });
    // An attempt exactly P ago has left the window.
    expect(checkSigningAttempt([ago(60), ago(10), ago(20)], now, limits)).toEqual({ kind: 'ok' });
  });

  it('refuses the next one and says when to retry', () => {
    expect(checkSigningAttempt([ago(50), ago(10), ago(20)], now, limits)).toEqual({
      kind: 'refused',
      reason: 'rate-limited',
      windowSeconds: 60,
      max: 3,
      retryAfterSeconds: 10,
    });
    const hour = Array.from({ length: 20 }, (_, i) => ago(3000 - i * 100));
    const r = checkSigningAttempt(hour, now, limits);
    expect(r).toMatchObject({ kind: 'refused', windowSeconds: 3600, retryAfterSeconds: 600 });
  });
});
