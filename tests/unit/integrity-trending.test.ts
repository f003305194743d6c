import { describe, expect, it } from 'vitest';
import { parseIntegrityConfig } from '../../app/domain/integrity';
import { deviceKey, trendingSources, trendingWindow, type TrendingInput } from '../../app/domain/integrity/trending';
import { integrityConfig, rawIntegrityConfig } from '../support/integrity';

const config = integrityConfig;

const cfg = config((c) => {
  c.trending = { windowMinutes: 60, logAt: { network: 10, device: 5 }, alertAt: { network: 20, device: 8 }, topPerPetition: 2 };
});
const P = '11111111-1111-4111-8111-111111111111';
const Q = '22222222-2222-4222-8222-222222222222';
const rows = (n: number, f: (i: number) => Partial<TrendingInput>): TrendingInput[] => Array.from({ length: n }, (_, i) => ({ petitionId: P, ip: null, deviceId: null, ...f(i) }));

describe('trending sources', () => {
  it('takes the clock hour before now', () => {
    expect(trendingWindow(new Date('2026-03-03T10:02:00Z'), 60)).toEqual({ start: new Date('2026-03-03T09:00:00Z'), end: new Date('2026-03-03T10:00:00Z') });
    expect(trendingWindow(new Date('2026-03-03T10:00:00Z'), 60)).toEqual({ start: new Date('2026-03-03T09:00:00Z'), end: new Date('2026-03-03T10:00:00Z') });
  });

  it('logs a network at logAt and alerts at alertAt, not one below (boundaries)', () => {
    const at = (n: number) => trendingSources(rows(n, (i) => ({ ip: `203.0.113.${i % 250}` })), cfg);
    expect(at(9)).toEqual([]);
    expect(at(10)).toEqual([{ petitionId: P, kind: 'network', key: '203.0.113.0/24', signatures: 10, alertAt: 20, alerted: false, sharedRange: false }]);
    expect(at(19)[0]!.alerted).toBe(false);
    expect(at(20)[0]!.alerted).toBe(true);
  });

  it('groups IPv6 by /48 and v4-mapped addresses with IPv4', () => {
    const v6 = trendingSources(rows(10, (i) => ({ ip: `2001:db8:5:${i.toString(16)}::1` })), cfg);
    expect(v6.map((s) => s.key)).toEqual(['2001:db8:5::/48']);
    const mapped = trendingSources(rows(10, (i) => ({ ip: i % 2 ? `::ffff:198.51.100.${i}` : `198.51.100.${i}` })), cfg);
    expect(mapped.map((s) => [s.key, s.signatures])).toEqual([['198.51.100.0/24', 10]]);
  });

  it('gives shared (CGNAT) ranges the count allowance', () => {
    const factor = cfg.network.sharedRangeAllowance.countFactor;
    const cgnat = (n: number) => trendingSources(rows(n, (i) => ({ ip: `100.64.7.${i % 250}` })), cfg);
    expect(cgnat(10 * factor - 1)).toEqual([]);
    const s = cgnat(20 * factor);
    expect(s[0]).toMatchObject({ sharedRange: true, alertAt: 20 * factor, alerted: true });
  });

  it('counts devices by a hash of the cookie, per petition, and keeps the top sources only', () => {
    const list = [
      ...rows(8, () => ({ deviceId: 'dev-a' })),
      ...rows(6, () => ({ deviceId: 'dev-b' })),
      ...rows(5, () => ({ deviceId: 'dev-c' })),
      ...rows(4, () => ({ deviceId: 'dev-d' })),
      ...rows(5, () => ({ petitionId: Q, deviceId: 'dev-a' })),
    ];
    const s = trendingSources(list, cfg);
    expect(s.map((x) => [x.petitionId === P ? 'P' : 'Q', x.key, x.signatures, x.alerted])).toEqual([
      ['P', deviceKey('dev-a'), 8, true],
      ['P', deviceKey('dev-b'), 6, false],
      ['Q', deviceKey('dev-a'), 5, false],
    ]);
    expect(deviceKey('dev-a')).toMatch(/^device:[0-9a-f]{12}$/);
    expect(JSON.stringify(s)).not.toContain('dev-a');
  });

  it('ignores unreadable addresses', () => {
    expect(trendingSources(rows(30, () => ({ ip: 'not-an-ip' })), cfg)).toEqual([]);
  });

  it('refuses an alert threshold below the log threshold', () => {
    const bad = structuredClone(rawIntegrityConfig) as { trending: { alertAt: { network: number } } };
    bad.trending.alertAt.network = 1;
    expect(parseIntegrityConfig(bad).kind).toBe('invalid');
  });
});
