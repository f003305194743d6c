/**
 * Offline evaluation of the integrity signals on synthetic traffic.
 *
 *   tsx scripts/integrity/offline-eval.ts [--seed 42] [--scale 1] [--json]
 *
 * Replays the generated traffic in time order, as the workers would see it: each signature is
 * evaluated as of signedAt + evaluation.graceSeconds, with only the events recorded up to then
 * (the co-signing index, the petition, device and citizen histories, and the weak-key and
 * young-account baselines taken from traffic older than 24 hours). Two figures per scenario:
 *   at signing  — the decision the worker takes for the signature itself;
 *   with groups — after group re-scoring: when a signature goes to review for a grouped signal
 *                 (a network, a device, a cluster, a wave), earlier signatures of the same group get
 *                 the same evidence and are re-scored (what a worker does next).
 * Precision, recall and false-positive rate are per scenario: positives are the scenario's attack
 * signatures; negatives are the organic signatures on the scenario's petitions during its windows
 * (± 30 minutes). The organic surge and the background report their false-positive rate.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  CoSignIndex,
  evaluateSignals,
  featuresOf,
  groupContains,
  integrityTranslator,
  parseIntegrityConfig,
  renderAssessment,
  requiredLookback,
  scoreSignals,
  withGroupEvidence,
  type IntegrityConfig,
  type RiskAssessment,
  type SignalGroup,
  type SignalName,
  type SignalResult,
  type WeakKeyBaseline,
  SIGNAL_NAMES,
} from '../../app/domain/integrity';
import { generateTraffic, type LabelledSignature, type ScenarioInfo } from './scenarios';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BASELINE_LAG = 24 * HOUR;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function loadConfig(): IntegrityConfig {
  const url = new URL('../../db/seed/data/dauys_integrity_config.json', import.meta.url);
  const parsed = parseIntegrityConfig(JSON.parse(readFileSync(url, 'utf8')) as unknown);
  if (parsed.kind !== 'ok') throw new Error(`dauys_integrity_config.json is invalid:\n${parsed.issues.join('\n')}`);
  return parsed.config;
}

/** Events sorted by time, with their times, for slicing by binary search. */
class Series {
  readonly events: LabelledSignature[] = [];
  readonly times: number[] = [];
  push(e: LabelledSignature): void {
    this.events.push(e);
    this.times.push(e.signedAt.getTime());
  }
  /** Events with from < t ≤ to (or from ≤ t ≤ to when inclusive). */
  slice(from: number, to: number, inclusive = false): LabelledSignature[] {
    const lo = inclusive ? lowerBound(this.times, from) : upperBound(this.times, from);
    const hi = upperBound(this.times, to);
    return this.events.slice(lo, hi);
  }
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] ?? 0) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function seriesMap(events: readonly LabelledSignature[], key: (e: LabelledSignature) => string | null): Map<string, Series> {
  const m = new Map<string, Series>();
  for (const e of events) {
    const k = key(e);
    if (k === null) continue;
    let s = m.get(k);
    if (!s) {
      s = new Series();
      m.set(k, s);
    }
    s.push(e);
  }
  return m;
}

export interface EvaluationRun {
  readonly assessments: Map<string, RiskAssessment>;
  readonly rescored: Map<string, RiskAssessment>;
  readonly seconds: number;
}

/** Evaluates every signature in time order, then applies group re-scoring. */
export function runEvaluation(events: readonly LabelledSignature[], cfg: IntegrityConfig): EvaluationRun {
  const started = Date.now();
  const look = requiredLookback(cfg);
  const grace = cfg.evaluation.graceSeconds * 1000;
  const byPetition = seriesMap(events, (e) => e.petitionId);
  const byDevice = seriesMap(events, (e) => e.deviceId);
  const byCitizen = seriesMap(events, (e) => e.citizenId);
  const coSign = new CoSignIndex(cfg.lockstep);

  // Baselines from traffic older than 24 hours (as a nightly job would compute them).
  const weakCounts = new Map<string, number>();
  let baselineTotal = 0;
  let baselineYoung = 0;
  const weakBaseline: WeakKeyBaseline = { share: (k) => (weakCounts.has(k) ? (weakCounts.get(k) ?? 0) / baselineTotal : undefined) };

  const assessments = new Map<string, RiskAssessment>();
  let indexed = 0;
  let lagged = 0;
  for (const s of events) {
    const t = s.signedAt.getTime();
    const asOf = t + grace;
    while (indexed < events.length && (events[indexed] as LabelledSignature).signedAt.getTime() <= asOf) {
      coSign.add(events[indexed] as LabelledSignature);
      indexed++;
    }
    while (lagged < events.length && (events[lagged] as LabelledSignature).signedAt.getTime() < asOf - BASELINE_LAG) {
      const e = events[lagged] as LabelledSignature;
      const f = featuresOf(e, cfg);
      baselineTotal++;
      if (f.freshnessHours < cfg.wave.youngHours) baselineYoung++;
      if (f.weakKey !== null) weakCounts.set(f.weakKey, (weakCounts.get(f.weakKey) ?? 0) + 1);
      lagged++;
    }
    const haveBaseline = baselineTotal >= 5_000;
    const signals = evaluateSignals(
      {
        target: s,
        asOf: new Date(asOf),
        // The whole petition history: the signals ignore events after asOf, and the array is
        // indexed once per petition (a worker passes the batch window it loaded).
        petitionEvents: (byPetition.get(s.petitionId) as Series).events,
        deviceEvents: s.deviceId ? (byDevice.get(s.deviceId) as Series).slice(asOf - look.deviceMinutes * MIN, asOf) : [],
        citizenEvents: (byCitizen.get(s.citizenId) as Series).slice(t - look.citizenSeconds * 1000, t, true),
        weakKeyBaseline: haveBaseline ? weakBaseline : undefined,
        youngShareBaseline: haveBaseline ? baselineYoung / baselineTotal : undefined,
        coSign,
      },
      cfg,
    );
    assessments.set(s.signatureId, scoreSignals(s.signatureId, signals, cfg));
  }

  // Group re-scoring: the evidence of a reviewed grouped signal applies to the whole group.
  const upgraded = new Map<string, SignalResult[]>();
  const seenGroups = new Map<string, number>();
  for (const s of events) {
    const a = assessments.get(s.signatureId) as RiskAssessment;
    if (a.decision !== 'review') continue;
    for (const sig of a.signals) {
      if (!sig.triggered || !sig.group) continue;
      const g = sig.group;
      const key = groupKey(g);
      if ((seenGroups.get(key) ?? -1) >= sig.score) continue;
      seenGroups.set(key, sig.score);
      for (const e of candidates(g, byPetition, byDevice)) {
        if (e.signatureId === s.signatureId || !groupContains(g, e, cfg)) continue;
        const base = upgraded.get(e.signatureId) ?? [...(assessments.get(e.signatureId) as RiskAssessment).signals];
        upgraded.set(e.signatureId, withGroupEvidence(base, sig));
      }
    }
  }
  const rescored = new Map(assessments);
  for (const [id, signals] of upgraded) rescored.set(id, scoreSignals(id, signals, cfg));
  return { assessments, rescored, seconds: (Date.now() - started) / 1000 };
}

function groupKey(g: SignalGroup): string {
  switch (g.kind) {
    case 'ip':
      return `ip|${g.petitionId}|${g.ip}|${g.from.getTime()}|${g.to.getTime()}`;
    case 'network':
      return `net|${g.petitionId}|${g.network}|${g.from.getTime()}|${g.to.getTime()}`;
    case 'device':
      return `dev|${g.deviceId}|${g.from.getTime()}|${g.to.getTime()}`;
    case 'young-accounts':
      return `young|${g.petitionId}|${g.from.getTime()}|${g.to.getTime()}`;
    case 'cluster':
      return `cluster|${g.petitionIds.join(',')}|${g.citizenIds.join(',')}|${g.from.getTime()}`;
  }
}

function candidates(g: SignalGroup, byPetition: Map<string, Series>, byDevice: Map<string, Series>): LabelledSignature[] {
  const from = g.from.getTime();
  const to = g.to.getTime();
  if (g.kind === 'device') return byDevice.get(g.deviceId)?.slice(from, to, true) ?? [];
  if (g.kind === 'cluster') return g.petitionIds.flatMap((p) => byPetition.get(p)?.slice(from, to, true) ?? []);
  return byPetition.get(g.petitionId)?.slice(from, to, true) ?? [];
}

// ---------------------------------------------------------------------------------------------
// Metrics

export interface ScenarioMetrics {
  readonly scenario: string;
  readonly label: 'attack' | 'organic';
  readonly positives: number;
  readonly negatives: number;
  readonly atSigning: Rates;
  readonly withGroups: Rates;
  /** Share of the scenario's own events on which each signal triggered (at signing). */
  readonly signalRates: Partial<Record<SignalName, number>>;
}

export interface Rates {
  readonly tp: number;
  readonly fp: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly fpr: number | null;
}

function rates(positives: readonly LabelledSignature[], negatives: readonly LabelledSignature[], flagged: (e: LabelledSignature) => boolean): Rates {
  const tp = positives.filter(flagged).length;
  const fp = negatives.filter(flagged).length;
  return {
    tp,
    fp,
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: positives.length === 0 ? null : tp / positives.length,
    fpr: negatives.length === 0 ? null : fp / negatives.length,
  };
}

export function scenarioMetrics(
  traffic: { events: readonly LabelledSignature[]; scenarios: readonly ScenarioInfo[]; warmupUntil: Date },
  run: EvaluationRun,
): ScenarioMetrics[] {
  const after = traffic.warmupUntil.getTime();
  const scored = traffic.events.filter((e) => e.signedAt.getTime() >= after);
  const atSigning = (e: LabelledSignature) => run.assessments.get(e.signatureId)?.decision === 'review';
  const withGroups = (e: LabelledSignature) => run.rescored.get(e.signatureId)?.decision === 'review';
  const out: ScenarioMetrics[] = [];
  for (const s of traffic.scenarios) {
    const own = scored.filter((e) => e.scenario === s.name);
    let positives: LabelledSignature[];
    let negatives: LabelledSignature[];
    if (s.label === 'organic') {
      positives = [];
      negatives = own;
    } else {
      positives = own;
      negatives = scored.filter(
        (e) =>
          e.label === 'organic' &&
          s.windows.some((w) => w.petitionId === e.petitionId && e.signedAt.getTime() >= w.from.getTime() - 30 * MIN && e.signedAt.getTime() <= w.to.getTime() + 30 * MIN),
      );
    }
    const signalRates: Partial<Record<SignalName, number>> = {};
    for (const name of SIGNAL_NAMES) {
      const n = own.filter((e) => run.assessments.get(e.signatureId)?.signals.some((x) => x.signal === name && x.triggered)).length;
      signalRates[name] = own.length === 0 ? 0 : n / own.length;
    }
    out.push({
      scenario: s.name,
      label: s.label,
      positives: positives.length,
      negatives: negatives.length,
      atSigning: rates(positives, negatives, atSigning),
      withGroups: rates(positives, negatives, withGroups),
      signalRates,
    });
  }
  const organic = scored.filter((e) => e.label === 'organic');
  out.push({
    scenario: 'all organic',
    label: 'organic',
    positives: 0,
    negatives: organic.length,
    atSigning: rates([], organic, atSigning),
    withGroups: rates([], organic, withGroups),
    signalRates: {},
  });
  return out;
}

const fmt = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));
const pctFmt = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)} %`);

export function printTable(metrics: readonly ScenarioMetrics[]): void {
  const header = ['scenario', 'label', 'pos', 'neg', 'P@sign', 'R@sign', 'FPR@sign', 'P+groups', 'R+groups', 'FPR+groups'];
  const rows = metrics.map((m) => [
    m.scenario,
    m.label,
    String(m.positives),
    String(m.negatives),
    fmt(m.atSigning.precision),
    fmt(m.atSigning.recall),
    pctFmt(m.atSigning.fpr),
    fmt(m.withGroups.precision),
    fmt(m.withGroups.recall),
    pctFmt(m.withGroups.fpr),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

export function printSignalRates(metrics: readonly ScenarioMetrics[], when = 'at signing'): void {
  console.log(`\nShare of each scenario’s signatures on which a signal triggered (${when}):`);
  const header = ['scenario', ...SIGNAL_NAMES];
  const rows = metrics.filter((m) => m.scenario !== 'all organic').map((m) => [m.scenario, ...SIGNAL_NAMES.map((n) => fmt(m.signalRates[n] ?? 0, 2))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

function main(): void {
  const seed = Number(arg('seed') ?? 42);
  const scale = Number(arg('scale') ?? 1);
  const cfg = loadConfig();
  const traffic = generateTraffic({ seed, scale });
  const run = runEvaluation(traffic.events, cfg);
  const metrics = scenarioMetrics(traffic, run);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ seed, scale, events: traffic.events.length, seconds: run.seconds, metrics }, null, 2));
    return;
  }
  console.log(`Synthetic traffic: seed ${seed}, scale ${scale}, ${traffic.events.length} signatures (${run.seconds.toFixed(1)} s to evaluate)\n`);
  printTable(metrics);
  printSignalRates(metrics);
  console.log('\nExample explanations (one reviewed signature per attack scenario):');
  const t = { en: integrityTranslator('en'), ru: integrityTranslator('ru'), kk: integrityTranslator('kk') };
  for (const s of traffic.scenarios) {
    if (s.label !== 'attack') continue;
    const e = traffic.events.find((x) => x.scenario === s.name && run.assessments.get(x.signatureId)?.decision === 'review');
    if (!e) {
      console.log(`\n[${s.name}] no signature reviewed at signing`);
      continue;
    }
    const a = run.assessments.get(e.signatureId) as RiskAssessment;
    console.log(`\n[${s.name}] ${e.signatureId}`);
    for (const line of renderAssessment(a, t.en)) console.log(`  en: ${line}`);
    if (s.name === 'bot-farm') {
      for (const line of renderAssessment(a, t.ru)) console.log(`  ru: ${line}`);
      for (const line of renderAssessment(a, t.kk)) console.log(`  kk: ${line}`);
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
