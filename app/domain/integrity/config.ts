import { z } from 'zod';
import { parseCidr } from './ip';
import { SIGNAL_NAMES, type SignalName } from './types';

/**
 * The tunable data of the integrity checks (db/seed/data/dauys_integrity_config.json): windows,
 * thresholds, carrier-grade NAT ranges, rate limits, weights and the review threshold. The file's
 * `_meta` block is dropped by the schema. An administrator may tune every number; the schema only
 * refuses values that make a rule meaningless (a share above 1, a saturation below its threshold).
 */

const positiveInt = z.number().int().positive();
const share = z.number().gt(0).max(1);
const probability = z.number().gt(0).lt(1);

const concentrationThreshold = z
  .object({
    /** Signatures with the key in the window needed to trigger. */
    minCount: positiveInt,
    /** Share of the window's signatures with the key needed to trigger. */
    minShare: share,
    /** Share at which the signal's strength reaches 1. */
    saturationShare: share,
  })
  .refine((t) => t.saturationShare > t.minShare, { message: 'saturationShare must be above minShare', path: ['saturationShare'] });

const sharedRange = z.object({
  cidr: z.string().refine((s) => parseCidr(s) !== null, 'expected an IPv4 or IPv6 range a.b.c.d/n'),
  label: z.string().min(1),
  kind: z.enum(['shared-address-space', 'mobile-carrier']),
  /** True when the range was compiled from third-party data and may be incomplete or stale. */
  approximate: z.boolean(),
  source: z.string().min(1),
});

const rateLimit = z.object({ windowSeconds: positiveInt, max: positiveInt });

const weights = z.object(
  Object.fromEntries(SIGNAL_NAMES.map((n) => [n, z.number().min(0).max(1)])) as Record<SignalName, z.ZodNumber>,
);

export const integrityConfigSchema = z.object({
  version: z.literal(1),
  evaluation: z.object({
    /** A worker evaluates a signature with the events up to this many seconds after it. */
    graceSeconds: z.number().int().min(0),
  }),
  velocity: z.object({
      windowMinutes: positiveInt,
      baselineMinutes: positiveInt,
      halfLifeMinutes: z.number().positive(),
      priorPerMinute: z.number().min(0),
      floorPerMinute: z.number().positive(),
      alpha: probability,
      minCount: positiveInt,
      minDistinctNetworkShare: z.number().min(0).max(1),
      maxRegionalEntropyDrop: z.number().min(0).lt(1),
      minRegionHistory: positiveInt,
      regionHistoryMinutes: positiveInt,
      regionCategories: z.number().int().min(2),
      minMedianAccountAgeDays: z.number().min(0),
    }),
  network: z.object({
    ipv4PrefixLength: z.number().int().min(8).max(32),
    ipv6PrefixLength: z.number().int().min(16).max(128),
    windows: z.array(z.object({ minutes: positiveInt, ip: concentrationThreshold, prefix: concentrationThreshold })).min(1),
    sharedRangeAllowance: z.object({ countFactor: z.number().min(1), shareFactor: z.number().min(1) }),
    sharedRanges: z.array(sharedRange),
  }),
  device: z
    .object({
      windowMinutes: positiveInt,
      minCitizens: z.number().int().min(2),
      saturationCitizens: positiveInt,
      weakKey: z.object({
        enabled: z.boolean(),
        windowMinutes: positiveInt,
        minCount: positiveInt,
        alpha: probability,
        /** Baseline share assumed for a key never seen before; also the lowest baseline any key gets. */
        floorShare: probability,
        /** −log10(p) beyond −log10(alpha) at which the weak-key strength reaches 1. */
        saturationDecades: z.number().positive(),
        /** Weak-key strength is multiplied by this factor (it identifies a device model, not a device). */
        factor: z.number().gt(0).max(1),
      }),
    })
    .refine((d) => d.saturationCitizens > d.minCitizens, { message: 'saturationCitizens must exceed minCitizens', path: ['saturationCitizens'] }),
  wave: z
    .object({
      windowMinutes: positiveInt,
      youngHours: z.number().positive(),
      baselineYoungShare: probability,
      minBaselineShare: probability,
      maxBaselineShare: probability,
      minYoung: positiveInt,
      minShare: share,
      minRatio: z.number().min(1),
      alpha: probability,
    })
    .refine((w) => w.minBaselineShare <= w.maxBaselineShare, { message: 'minBaselineShare must not exceed maxBaselineShare', path: ['minBaselineShare'] }),
  lockstep: z
    .object({
      deltaMinutes: z.number().positive(),
      lookbackDays: z.number().positive(),
      maxDensity: positiveInt,
      minPetitions: z.number().int().min(2),
      minClusterSize: z.number().int().min(3),
      saturationClusterSize: positiveInt,
      minCoSignersHere: positiveInt,
    })
    .refine((l) => l.saturationClusterSize > l.minClusterSize, { message: 'saturationClusterSize must exceed minClusterSize', path: ['saturationClusterSize'] }),
  throttle: z.object({
    ipPerPetition: z.array(rateLimit).min(1),
    perCitizen: z.array(rateLimit),
    sharedRangeFactor: z.number().min(1),
    /** Signatures over a limit, as a multiple of the limit, at which the strength reaches 1. */
    saturationExcess: z.number().positive(),
  }),
  score: z.object({ weights, reviewThreshold: z.number().gt(0).max(1) }),
  /** The hourly trending-sources job (trending.ts): signatures per petition and network or device. */
  trending: z
    .object({
      windowMinutes: positiveInt,
      logAt: z.object({ network: positiveInt, device: positiveInt }),
      alertAt: z.object({ network: positiveInt, device: positiveInt }),
      topPerPetition: positiveInt,
    })
    .refine((t) => t.alertAt.network >= t.logAt.network && t.alertAt.device >= t.logAt.device, { message: 'alertAt must not be below logAt', path: ['alertAt'] }),
});

export type IntegrityConfig = z.output<typeof integrityConfigSchema>;
export type SharedRange = IntegrityConfig['network']['sharedRanges'][number];

export type ConfigParseOutcome = { kind: 'ok'; config: IntegrityConfig } | { kind: 'invalid'; issues: string[] };

/** Validates the parsed JSON of the integrity configuration. */
export function parseIntegrityConfig(json: unknown): ConfigParseOutcome {
  const r = integrityConfigSchema.safeParse(json);
  if (r.success) return { kind: 'ok', config: r.data };
  return {
    kind: 'invalid',
    issues: r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  };
}
