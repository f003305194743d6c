import { type IntegrityConfig } from './config';
import { featuresOf } from './features';
import { evaluateSignals, type SignalContext } from './signals';
import { type Decision, type Explanation, type SignalGroup, type SignalName, type SignalResult, type SignatureEvent } from './types';

/**
 * Combining the signals into one risk score per signature.
 *
 * Formula (noisy-OR): each triggered signal i independently "explains" the signature with
 * probability wᵢ·sᵢ (weight from score.weights, strength sᵢ ∈ [0, 1]):
 *   risk = 1 − Πᵢ (1 − wᵢ·sᵢ)
 *   decision = 'review' ⇔ risk ≥ score.reviewThreshold, else 'count'
 * A signature under review is held: excluded from the official count until a moderator restores
 * or invalidates it. The signer is never told.
 * With the default weights, a strong device or lockstep signal reaches review alone, network
 * concentration and account waves do when clearly beyond their thresholds, while a velocity burst
 * or a rate-limit excess alone never does: they corroborate.
 */

export interface Contribution {
  readonly signal: SignalName;
  readonly score: number;
  readonly weight: number;
  /** wᵢ·sᵢ */
  readonly contribution: number;
}

export interface RiskAssessment {
  readonly signatureId: string;
  /** risk ∈ [0, 1] */
  readonly score: number;
  readonly decision: Decision;
  readonly reviewThreshold: number;
  /** Triggered signals, largest contribution first. */
  readonly contributions: readonly Contribution[];
  /** Every evaluated signal, triggered or not. */
  readonly signals: readonly SignalResult[];
  /** A summary line, then one line per contributing signal (largest first); render with renderExplanation. */
  readonly explanation: readonly Explanation[];
}

export function combineSignals(
  signals: readonly SignalResult[],
  cfg: IntegrityConfig,
): { score: number; decision: Decision; contributions: Contribution[] } {
  let keep = 1;
  const contributions: Contribution[] = [];
  for (const s of signals) {
    if (!s.triggered || s.score <= 0) continue;
    const weight = cfg.score.weights[s.signal];
    const contribution = Math.min(1, Math.max(0, weight * s.score));
    keep *= 1 - contribution;
    contributions.push({ signal: s.signal, score: s.score, weight, contribution });
  }
  contributions.sort((a, b) => b.contribution - a.contribution || a.signal.localeCompare(b.signal));
  const score = 1 - keep;
  // Guard against 0.1 + 0.2-style rounding deciding a boundary case.
  const rounded = Math.round(score * 1e12) / 1e12;
  return { score: rounded, decision: rounded >= cfg.score.reviewThreshold ? 'review' : 'count', contributions };
}

/** The assessment of a signature from its signal results. */
export function scoreSignals(signatureId: string, signals: readonly SignalResult[], cfg: IntegrityConfig): RiskAssessment {
  const { score, decision, contributions } = combineSignals(signals, cfg);
  const bySignal = new Map(signals.map((s) => [s.signal, s]));
  const explanation: Explanation[] = [
    {
      key: decision === 'review' ? 'integrity.explain.summary.review' : 'integrity.explain.summary.count',
      params: { scorePct: Math.round(score * 100), thresholdPct: Math.round(cfg.score.reviewThreshold * 100) },
    },
    ...contributions.map((c) => (bySignal.get(c.signal) as SignalResult).explanation),
  ];
  return { signatureId, score, decision, reviewThreshold: cfg.score.reviewThreshold, contributions, signals, explanation };
}

/** Runs every signal on the context and combines them. */
export function assessSignature(ctx: SignalContext, cfg: IntegrityConfig): RiskAssessment {
  return scoreSignals(ctx.target.signatureId, evaluateSignals(ctx, cfg), cfg);
}

/**
 * Re-scoring with group evidence: when a later signature is put under review for a grouped signal
 * (a network, a device, a cluster, a wave), the same evidence applies to the earlier signatures of
 * the group. Returns the signal list with `evidence` in place of the same signal when it is stronger.
 */
export function withGroupEvidence(signals: readonly SignalResult[], evidence: SignalResult): SignalResult[] {
  let found = false;
  const out = signals.map((s) => {
    if (s.signal !== evidence.signal) return s;
    found = true;
    return evidence.score > s.score ? evidence : s;
  });
  if (!found) out.push(evidence);
  return out;
}

/** Whether a signature belongs to a signal's group (same petition, key and time span). */
export function groupContains(group: SignalGroup, e: SignatureEvent, cfg: IntegrityConfig): boolean {
  const t = e.signedAt.getTime();
  if (t < group.from.getTime() || t > group.to.getTime()) return false;
  const f = featuresOf(e, cfg);
  switch (group.kind) {
    case 'ip':
      return e.petitionId === group.petitionId && f.ip === group.ip;
    case 'network':
      return e.petitionId === group.petitionId && f.network === group.network;
    case 'device':
      return e.deviceId === group.deviceId;
    case 'young-accounts':
      return e.petitionId === group.petitionId && f.freshnessHours < group.youngHours;
    case 'cluster':
      return group.petitionIds.includes(e.petitionId) && group.citizenIds.includes(e.citizenId);
  }
}

/**
 * A signal group read back from stored JSON (dates as ISO strings); null when it is not a
 * well-formed group.
 */
export function parseStoredGroup(stored: unknown): SignalGroup | null {
  if (!stored || typeof stored !== 'object') return null;
  const g = stored as Record<string, unknown>;
  const from = typeof g.from === 'string' || g.from instanceof Date ? new Date(g.from) : null;
  const to = typeof g.to === 'string' || g.to instanceof Date ? new Date(g.to) : null;
  if (!from || !to || Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return null;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  const strs = (x: unknown) => (Array.isArray(x) && x.every((y) => typeof y === 'string') ? (x as string[]) : null);
  switch (g.kind) {
    case 'ip': {
      const petitionId = str(g.petitionId);
      const ip = str(g.ip);
      return petitionId && ip ? { kind: 'ip', petitionId, ip, from, to } : null;
    }
    case 'network': {
      const petitionId = str(g.petitionId);
      const network = str(g.network);
      return petitionId && network ? { kind: 'network', petitionId, network, from, to } : null;
    }
    case 'device': {
      const deviceId = str(g.deviceId);
      return deviceId ? { kind: 'device', deviceId, from, to } : null;
    }
    case 'young-accounts': {
      const petitionId = str(g.petitionId);
      return petitionId && typeof g.youngHours === 'number' ? { kind: 'young-accounts', petitionId, youngHours: g.youngHours, from, to } : null;
    }
    case 'cluster': {
      const citizenIds = strs(g.citizenIds);
      const petitionIds = strs(g.petitionIds);
      return citizenIds && petitionIds ? { kind: 'cluster', citizenIds, petitionIds, from, to } : null;
    }
    default:
      return null;
  }
}

/**
 * Group re-scoring of one earlier signature of a group: its stored signals with the group's
 * evidence in place of the same signal when stronger (withGroupEvidence), scored again. The
 * explanation says the evidence is the group's: a line `integrity.explain.groupEvidence` after the
 * summary. Returns null when the evidence changes nothing (not stronger than what it had).
 */
export function rescoreWithGroup(signatureId: string, stored: readonly SignalResult[], evidence: SignalResult, cfg: IntegrityConfig): RiskAssessment | null {
  const before = stored.find((s) => s.signal === evidence.signal);
  if (before && before.score >= evidence.score) return null;
  const a = scoreSignals(signatureId, withGroupEvidence(stored, evidence), cfg);
  const [summary, ...rest] = a.explanation;
  const line: Explanation = { key: 'integrity.explain.groupEvidence', params: {} };
  return { ...a, explanation: summary ? [summary, line, ...rest] : [line] };
}
