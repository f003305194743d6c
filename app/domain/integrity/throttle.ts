/**
 * Request-path limit on signing attempts per citizen (per minute, per hour): a pure decision for the
 * route that issues signing challenges. (The after-the-fact per-address-per-petition check is the
 * `throttle` signal in signals.ts.)
 *
 * Rule: for each limit (period P, max M), the attempt at `now` is allowed iff the earlier attempts
 * in (now − P, now] number at most M − 1. When refused, retryAfterSeconds is the time until enough
 * of them leave the window: with the window's attempts a₁ ≤ … ≤ aₙ, j = n − M + 1 must leave, so
 * retry after ⌈(aⱼ + P − now) / 1 s⌉ (the largest over the violated limits).
 */

export interface AttemptLimit {
  readonly windowSeconds: number;
  readonly max: number;
}

export type AttemptCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'refused'; readonly reason: 'rate-limited'; readonly windowSeconds: number; readonly max: number; readonly retryAfterSeconds: number };

export function checkSigningAttempt(previous: readonly Date[], now: Date, limits: readonly AttemptLimit[]): AttemptCheck {
  const t = now.getTime();
  let worst: { windowSeconds: number; max: number; retryAfterSeconds: number } | null = null;
  for (const limit of limits) {
    const p = limit.windowSeconds * 1000;
    const inWindow = previous
      .map((d) => d.getTime())
      .filter((a) => a > t - p && a <= t)
      .sort((a, b) => a - b);
    if (inWindow.length + 1 <= limit.max) continue;
    const j = inWindow.length - limit.max + 1;
    const leaving = inWindow[j - 1] ?? t;
    const retryAfterSeconds = Math.max(1, Math.ceil((leaving + p - t) / 1000));
    if (worst === null || retryAfterSeconds > worst.retryAfterSeconds) {
      worst = { windowSeconds: limit.windowSeconds, max: limit.max, retryAfterSeconds };
    }
  }
  return worst === null ? { kind: 'ok' } : { kind: 'refused', reason: 'rate-limited', ...worst };
}
