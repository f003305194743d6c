import { describe, expect, it } from 'vitest';
import { loadConfig, runEvaluation, scenarioMetrics } from '../../scripts/integrity/offline-eval';
import { generateTraffic } from '../../scripts/integrity/scenarios';

const EVENT_KEYS = [
  'signatureId',
  'petitionId',
  'citizenId',
  'signedAt',
  'ip',
  'userAgent',
  'deviceId',
  'aaguid',
  'accountCreatedAt',
  'proofedAt',
  'passkeyCreatedAt',
  'regionKato',
  'label',
  'scenario',
].sort();

describe('synthetic traffic generator', () => {
  const traffic = generateTraffic({ seed: 7, scale: 0.25 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateTraffic({ seed: 7, scale: 0.25 });
    expect(JSON.stringify(again.events)).toBe(JSON.stringify(traffic.events));
    const other = generateTraffic({ seed: 8, scale: 0.25 });
    expect(JSON.stringify(other.events.slice(0, 50))).not.toBe(JSON.stringify(traffic.events.slice(0, 50)));
  });

  it('labels every event, keeps one signature per citizen per petition, and sorts by time', () => {
    const seen = new Set<string>();
    let prev = 0;
    for (const e of traffic.events) {
      expect(Object.keys(e).sort()).toEqual(EVENT_KEYS);
      const key = `${e.petitionId}|${e.citizenId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(e.signedAt.getTime()).toBeGreaterThanOrEqual(prev);
      prev = e.signedAt.getTime();
      const info = traffic.scenarios.find((s) => s.name === e.scenario);
      expect(info?.label).toBe(e.label);
    }
    const names = traffic.scenarios.map((s) => s.name);
    expect(names).toEqual(['background', 'viral-surge', 'bot-farm', 'device-farm', 'account-wave', 'lockstep-ring', 'workplace-terminal', 'slow-drip', 'slow-drip-proxies']);
    for (const s of traffic.scenarios) expect(s.events).toBeGreaterThan(0);
  });
});

describe('offline evaluation (seed 42): the targets hold', () => {
  it('catches the attacks and leaves the organic surge alone', { timeout: 120_000 }, () => {
    const traffic = generateTraffic({ seed: 42 });
    const metrics = scenarioMetrics(traffic, runEvaluation(traffic.events, loadConfig()));
    const by = new Map(metrics.map((m) => [m.scenario, m]));
    expect(by.get('viral-surge')?.atSigning.fpr).toBeLessThanOrEqual(0.01);
    expect(by.get('viral-surge')?.withGroups.fpr).toBeLessThanOrEqual(0.01);
    expect(by.get('all organic')?.withGroups.fpr).toBeLessThanOrEqual(0.01);
    for (const name of ['bot-farm', 'device-farm', 'account-wave', 'lockstep-ring', 'workplace-terminal', 'slow-drip']) {
      expect(by.get(name)?.withGroups.recall, name).toBeGreaterThanOrEqual(0.9);
      expect(by.get(name)?.withGroups.precision, name).toBeGreaterThanOrEqual(0.9);
    }
    // At signing time, before group re-scoring:
    expect(by.get('bot-farm')?.atSigning.recall).toBeGreaterThanOrEqual(0.9);
    expect(by.get('account-wave')?.atSigning.recall).toBeGreaterThanOrEqual(0.9);
    // Residential proxies with population-like browsers: out of reach of these signals (documented).
    expect(by.get('slow-drip-proxies')?.withGroups.recall).toBeLessThan(0.1);
  });
});
