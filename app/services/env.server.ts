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
  })
  .transform((e) => ({
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
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
