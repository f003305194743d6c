import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { getEnv } from './env.server';
import { createRedis } from './redis.server';
import { singleton } from './singleton.server';

/**
 * Rate limits on Redis (rate-limiter-flexible), shared by every web process; an in-memory limiter
 * insures against a Redis outage. Limits are per client IP, configured by RATE_LIMIT_* variables.
 */
export type LimitName = 'proofing' | 'signIn' | 'invite';

function limiters() {
  return singleton('rate-limiters', () => {
    const env = getEnv();
    const client = createRedis(env.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return Object.fromEntries(
      Object.entries(env.rateLimits).map(([name, cfg]) => [
        name,
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `${env.redisPrefix}:rl:${name}`,
          points: cfg.points,
          duration: cfg.duration,
          insuranceLimiter: new RateLimiterMemory({ points: cfg.points, duration: cfg.duration }),
        }),
      ]),
    ) as Record<LimitName, RateLimiterRedis>;
  });
}

/** Consumes one point; returns the seconds to wait when the limit is reached, else null. */
export async function hitLimit(name: LimitName, key: string): Promise<number | null> {
  try {
    await limiters()[name].consume(key || 'unknown');
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    throw err;
  }
}

/**
 * Per-citizen limits on signing attempts (challenges asked for), from the integrity configuration
 * (`throttle.perCitizen`: e.g. 3 a minute, 30 an hour), on Redis like the others. Keyed by the
 * account id (an opaque key, never the IIN).
 */
function signingLimiters(limits: readonly { windowSeconds: number; max: number }[]) {
  return singleton(`signing-limiters:${limits.map((l) => `${l.max}/${l.windowSeconds}`).join(',')}`, () => {
    const env = getEnv();
    const client = createRedis(env.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    return limits.map(
      (l) =>
        new RateLimiterRedis({
          storeClient: client,
          keyPrefix: `${env.redisPrefix}:rl:sign:${l.windowSeconds}`,
          points: l.max,
          duration: l.windowSeconds,
          insuranceLimiter: new RateLimiterMemory({ points: l.max, duration: l.windowSeconds }),
        }),
    );
  });
}

/** Consumes one signing attempt of a citizen; the seconds to wait when any limit is reached, else null. */
export async function hitSigningAttempt(accountId: string, limits: readonly { windowSeconds: number; max: number }[]): Promise<number | null> {
  if (limits.length === 0) return null;
  let wait: number | null = null;
  for (const limiter of signingLimiters(limits)) {
    try {
      await limiter.consume(accountId);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      wait = Math.max(wait ?? 0, Math.max(1, Math.ceil(err.msBeforeNext / 1000)));
    }
  }
  return wait;
}
