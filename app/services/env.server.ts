import { z } from 'zod';

/**
 * The one schema for the process environment. Validated at boot; every other module receives
 * typed config instead of reading process.env. Defaults make a fresh clone run with nothing set.
 */
const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    /** PostgreSQL connections per process (postgres.js pipelines further queries on them). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    PGLITE_DIR: z.string().min(1).default('.data/pglite'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, ":", "_" and "-" only')
      .default('dauys'),
    DEMO: bool.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_ORIGIN: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default('Dauys <no-reply@dauys.kz>'),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    MAIL_DIR: z.string().min(1).default('.data/mail'),
    RELAY_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
    /** Per client address: identity proofings per hour, sign-in attempts per minute, invitation uses per hour. */
    RATE_LIMIT_PROOFING_PER_HOUR: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    RATE_LIMIT_INVITE_PER_HOUR: z.coerce.number().int().min(1).default(10),
    PETITION_INITIAL_SUPPORT: z.coerce.number().int().min(1).max(10_000).default(50),
    /** Demo and test installations only: caps the signatures a petition needs (refused in production). */
    PETITION_THRESHOLD_CAP: z.coerce.number().int().min(1).optional(),
    COUNTS_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(2000),
    IIN_HMAC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/_=-]{43,}$/, 'must be at least 32 random bytes, base64 or base64url encoded')
      .optional(),
    IIN_HMAC_KEY_VERSION: z.coerce.number().int().min(1).default(1),
    IIN_HMAC_PREVIOUS_KEYS: z
      .string()
      .regex(/^([0-9]+:[A-Za-z0-9+/_=-]{43,})(,[0-9]+:[A-Za-z0-9+/_=-]{43,})*$/, 'must be version:key pairs separated by commas')
      .optional(),
    RP_ID: z.string().regex(/^[a-z0-9.-]+$/, 'must be a host name such as dauys.kz').optional(),
    IDENTITY_PROVIDERS: z
      .string()
      .regex(/^(demo|oidc)(,(demo|oidc))*$/, 'a comma-separated list of: demo, oidc')
      .optional(),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_SCOPES: z.string().default('openid profile'),
    OIDC_CLAIM_IIN: z.string().default('iin'),
    OIDC_CLAIM_GIVEN_NAME: z.string().default('given_name'),
    OIDC_CLAIM_FAMILY_NAME: z.string().default('family_name'),
    OIDC_CLAIM_BIRTHDATE: z.string().default('birthdate'),
    OIDC_CLAIM_RESIDENCE: z.string().default('residence_kato'),
    OIDC_CLAIM_EMAIL: z.string().default('email'),
    /** Lets the OIDC client talk to an http:// issuer (local test providers only). */
    OIDC_ALLOW_INSECURE: bool.optional(),
  })
  .superRefine((e, ctx) => {
    const production = e.NODE_ENV === 'production';
    const providers = (e.IDENTITY_PROVIDERS ?? (production ? 'oidc' : 'demo')).split(',');
    if (production && !e.IIN_HMAC_KEY)
      ctx.addIssue({ code: 'custom', path: ['IIN_HMAC_KEY'], message: 'is required in production (32+ random bytes, base64)' });
    if (production && providers.includes('demo'))
      ctx.addIssue({ code: 'custom', path: ['IDENTITY_PROVIDERS'], message: 'the demo identity provider refuses to run in production' });
    if (production && e.PETITION_THRESHOLD_CAP)
      ctx.addIssue({ code: 'custom', path: ['PETITION_THRESHOLD_CAP'], message: 'is for demo and test installations only, never production' });
    if (production && e.OIDC_ALLOW_INSECURE)
      ctx.addIssue({ code: 'custom', path: ['OIDC_ALLOW_INSECURE'], message: 'is not allowed in production' });
    if (providers.includes('oidc'))
      for (const k of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const)
        if (!e[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'is required when IDENTITY_PROVIDERS includes oidc' });
  })
  .transform((e) => ({
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    pgliteDir: e.PGLITE_DIR,
    redisUrl: e.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisUrlExplicit: e.REDIS_URL !== undefined,
    redisPrefix: e.REDIS_PREFIX,
    demo: e.DEMO ?? e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    publicOrigin: e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`,
    mailFrom: e.MAIL_FROM,
    smtpUrl: e.SMTP_URL,
    mailDir: e.MAIL_DIR,
    relayIntervalMs: e.RELAY_INTERVAL_MS,
    countsIntervalMs: e.COUNTS_INTERVAL_MS,
    rateLimits: {
      proofing: { points: e.RATE_LIMIT_PROOFING_PER_HOUR, duration: 3600 },
      signIn: { points: e.RATE_LIMIT_SIGN_IN_PER_MINUTE, duration: 60 },
      invite: { points: e.RATE_LIMIT_INVITE_PER_HOUR, duration: 3600 },
    },
    petitions: { initialSupport: e.PETITION_INITIAL_SUPPORT, thresholdCap: e.PETITION_THRESHOLD_CAP },
    iinHmacKey: e.IIN_HMAC_KEY,
    iinHmacKeyVersion: e.IIN_HMAC_KEY_VERSION,
    iinHmacPreviousKeys: (e.IIN_HMAC_PREVIOUS_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [version, key] = pair.split(':') as [string, string];
        return { version: Number(version), key };
      }),
    rpId: e.RP_ID ?? new URL(e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`).hostname,
    identityProviders: (e.IDENTITY_PROVIDERS ?? (e.NODE_ENV === 'production' ? 'oidc' : 'demo')).split(',') as ('demo' | 'oidc')[],
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID ?? '',
          clientSecret: e.OIDC_CLIENT_SECRET ?? '',
          scopes: e.OIDC_SCOPES,
          allowInsecure: e.OIDC_ALLOW_INSECURE ?? false,
          claims: {
            iin: e.OIDC_CLAIM_IIN,
            givenName: e.OIDC_CLAIM_GIVEN_NAME,
            familyName: e.OIDC_CLAIM_FAMILY_NAME,
            birthDate: e.OIDC_CLAIM_BIRTHDATE,
            residenceKato: e.OIDC_CLAIM_RESIDENCE,
            email: e.OIDC_CLAIM_EMAIL,
          },
        }
      : undefined,
  }));

export type Env = z.infer<typeof EnvSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parse an environment object; throws EnvError listing every bad variable. Empty strings count as unset. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

const KEY = Symbol.for('dauys.env');
type EnvStore = Record<symbol, Env | undefined>;

/** The validated environment of this process (parsed once, shared by every copy of this module). */
export function getEnv(): Env {
  const store = globalThis as unknown as EnvStore;
  store[KEY] ??= parseEnv(process.env);
  return store[KEY];
}

/** Parses process.env again (the start script calls it after choosing the Redis URL). */
export function reloadEnv(): Env {
  (globalThis as unknown as EnvStore)[KEY] = parseEnv(process.env);
  return getEnv();
}
