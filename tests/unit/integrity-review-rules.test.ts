import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateReasons, checkReason, clusterKeyOf, decisionDelta, maskAddress, triggeredSignals, type ReviewDecision, type SignatureStatus } from '../../app/domain/integrity/review.server';
import { integrityReview } from '../../app/i18n/areas/integrityReview';
import type { SignalName } from '../../app/domain/integrity/types';

const weights: Record<SignalName, number> = { velocityBurst: 0.3, networkConcentration: 0.7, sharedDevice: 0.9, accountWave: 0.6, lockstep: 0.9, throttle: 0.3 };

describe('decisionDelta', () => {
  const cases: [SignatureStatus, ReviewDecision, boolean, SignatureStatus | null, [number, number, number] | null][] = [
    ['under_review', 'invalidate', false, 'invalidated', [0, -1, 1]],
    ['under_review', 'invalidate', true, 'invalidated', [0, -1, 1]],
    ['valid', 'invalidate', false, null, null],
    ['valid', 'invalidate', true, 'invalidated', [-1, 0, 1]],
    ['invalidated', 'invalidate', true, null, null],
    ['under_review', 'restore', false, 'valid', [1, -1, 0]],
    ['invalidated', 'restore', false, 'valid', [1, 0, -1]],
    ['valid', 'restore', true, null, null],
  ];
  it.each(cases)('%s --%s (includeValid %s)--> %s', (from, decision, includeValid, to, deltas) => {
    const out = decisionDelta(from, decision, includeValid);
    if (to === null) expect(out).toBeNull();
    else expect(out).toEqual({ to, delta: { validDelta: deltas![0], reviewDelta: deltas![1], invalidatedDelta: deltas![2] } });
  });

  it('every change conserves the total (one signature moves between buckets)', () => {
    for (const from of ['valid', 'under_review', 'invalidated'] as const)
      for (const d of ['invalidate', 'restore'] as const)
        for (const inc of [false, true]) {
          const out = decisionDelta(from, d, inc);
          if (out) expect(out.delta.validDelta + out.delta.reviewDelta + out.delta.invalidatedDelta).toBe(0);
        }
  });

  it('invalidate then restore returns every status to valid-or-original buckets', () => {
    const inv = decisionDelta('under_review', 'invalidate')!;
    const res = decisionDelta(inv.to, 'restore')!;
    expect(res.to).toBe('valid');
    expect(inv.delta.invalidatedDelta + res.delta.invalidatedDelta).toBe(0);
  });
});

describe('checkReason', () => {
  it.each([
    [undefined, { kind: 'refused', reason: 'reason-required' }],
    [42, { kind: 'refused', reason: 'reason-required' }],
    ['   ', { kind: 'refused', reason: 'reason-required' }],
    ['abcd', { kind: 'refused', reason: 'reason-too-short' }],
    ['  ab   c ', { kind: 'refused', reason: 'reason-too-short' }],
    ['abcde', { kind: 'ok', reason: 'abcde' }],
    ['  Burst   from\n one /24 ', { kind: 'ok', reason: 'Burst from one /24' }],
    ['x'.repeat(500), { kind: 'ok', reason: 'x'.repeat(500) }],
    ['x'.repeat(501), { kind: 'refused', reason: 'reason-too-long' }],
  ] as const)('%j', (input, expected) => {
    expect(checkReason(input)).toEqual(expected);
  });

  it('an accepted reason is normalised, 5..500 characters, and stable', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (s) => {
        const out = checkReason(s);
        if (out.kind === 'ok') {
          expect([...out.reason].length).toBeGreaterThanOrEqual(5);
          expect([...out.reason].length).toBeLessThanOrEqual(500);
          expect(out.reason).toBe(out.reason.trim());
          expect(checkReason(out.reason)).toEqual(out);
        }
      }),
    );
  });
});

describe('maskAddress', () => {
  it.each([
    ['203.0.113.77', '203.0.113.0/24'],
    ['::ffff:198.51.100.9', '198.51.100.0/24'],
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd:12::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0012::', '2001:db8:0:12::/64'],
    ['300.1.1.1', null],
    ['not an address', null],
    ['1:2:3', null],
    ['1::2::3', null],
  ])('%s -> %s', (ip, expected) => {
    expect(maskAddress(ip)).toBe(expected);
  });

  it('never reveals the host part of an IPv4 address', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const masked = maskAddress(ip)!;
        expect(masked).toBe(`${ip.split('.').slice(0, 3).join('.')}.0/24`);
      }),
    );
  });
});

describe('clusterKeyOf', () => {
  const net = { signal: 'networkConcentration', score: 0.8, triggered: true, group: { kind: 'network', network: '203.0.113.0/24' } };
  const dev = { signal: 'sharedDevice', score: 0.9, triggered: true, group: { kind: 'device', deviceId: 'dev-secret-1' } };
  const burst = { signal: 'velocityBurst', score: 1, triggered: true };
  const wave = { signal: 'accountWave', score: 0.7, triggered: true, group: { kind: 'young-accounts', youngHours: 72 } };
  const ring = { signal: 'lockstep', score: 0.6, triggered: true, group: { kind: 'cluster', citizenIds: ['b', 'a'] } };
  const ip = { signal: 'networkConcentration', score: 0.9, triggered: true, group: { kind: 'ip', ip: '198.51.100.23' } };

  it('takes the strongest grouped signal (weight x score)', () => {
    expect(clusterKeyOf([burst, net], weights)).toEqual({ key: 'network:203.0.113.0/24', kind: 'network', signal: 'networkConcentration', network: '203.0.113.0/24' });
    const d = clusterKeyOf([net, dev], weights);
    expect(d.kind).toBe('device');
    expect(d.key).toMatch(/^device:[0-9a-f]{12}$/);
    expect(d.key).not.toContain('dev-secret');
    expect(clusterKeyOf([wave, burst], weights)).toMatchObject({ key: 'young:72', kind: 'young-accounts', youngHours: 72 });
  });

  it('lockstep keys do not depend on member order and reveal no ids', () => {
    const a = clusterKeyOf([ring], weights);
    const b = clusterKeyOf([{ ...ring, group: { kind: 'cluster', citizenIds: ['a', 'b'] } }], weights);
    expect(a).toEqual(b);
    expect(a.kind).toBe('lockstep');
  });

  it('an address group is shown as its network', () => {
    expect(clusterKeyOf([ip], weights)).toMatchObject({ key: 'network:198.51.100.0/24', network: '198.51.100.0/24' });
  });

  it('falls back to the strongest signal, ignores untriggered and malformed entries', () => {
    expect(clusterKeyOf([burst, { signal: 'throttle', score: 0.5, triggered: true }], weights)).toEqual({ key: 'signal:velocityBurst', kind: 'signal', signal: 'velocityBurst' });
    expect(clusterKeyOf([{ ...net, triggered: false }, null, 'x', { signal: 'unknown', score: 1, triggered: true }], weights)).toEqual({ key: 'signal:none', kind: 'signal', signal: null });
    expect(clusterKeyOf(undefined, weights).key).toBe('signal:none');
  });

  it('lists triggered signals in canonical order', () => {
    expect(triggeredSignals([net, burst, { ...dev, triggered: false }])).toEqual(['velocityBurst', 'networkConcentration']);
  });
});

describe('aggregateReasons', () => {
  it('counts the latest decision per signature, only for those invalidated now', () => {
    const out = aggregateReasons(
      [
        { decision: 'invalidate', reason: 'Bot burst from one network', signatureIds: ['a', 'b', 'c'] },
        { decision: 'restore', reason: 'Checked: a family', signatureIds: ['c'] },
        { decision: 'invalidate', reason: 'Shared device', signatureIds: ['d'] },
        { decision: 'invalidate', reason: 'Old reason', signatureIds: ['e'] },
        { decision: 'invalidate', reason: 'Newer reason', signatureIds: ['e'] },
      ],
      new Set(['a', 'b', 'd', 'e', 'zzz']),
    );
    expect(out).toEqual([
      { reason: 'Bot burst from one network', count: 2 },
      { reason: 'Newer reason', count: 1 },
      { reason: 'Shared device', count: 1 },
    ]);
  });
});

describe('integrityReview strings', () => {
  type Tree = { [k: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(tree)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(key, v);
      else for (const [a, b] of leaves(v, key)) out.set(a, b);
    }
    return out;
  };
  const base = (k: string) => k.replace(/_(one|few|many|other)$/, '');
  const en = leaves(integrityReview.en as unknown as Tree);
  it.each(['ru', 'kk'] as const)('%s has every key, translated, with the same placeholders', (l) => {
    const other = leaves(integrityReview[l] as unknown as Tree);
    expect(new Set([...other.keys()].map(base))).toEqual(new Set([...en.keys()].map(base)));
    const ph = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const [k, v] of en) {
      const o = other.get(k);
      expect(o, `${l}:${k}`).toBeTruthy();
      if (k !== 'queue.number') expect(o, `${l}:${k}`).not.toBe(v);
      expect(ph(o!), `${l}:${k}`).toEqual(ph(v));
    }
  });
});
