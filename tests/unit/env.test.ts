import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '../../app/services/env.server';

describe('environment schema', () => {
  it('runs a fresh clone with nothing set: port 3000, embedded database, local Redis, demo on', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      pgliteDir: '.data/pglite',
      redisUrl: 'redis://127.0.0.1:6379',
      redisUrlExplicit: false,
      demo: true,
      isProduction: false,
      publicOrigin: 'http://localhost:3000',
    });
  });

  it('treats empty strings as unset and records an explicit REDIS_URL', () => {
    const env = parseEnv({ DATABASE_URL: '', REDIS_URL: 'redis://10.0.0.5:6380' });
    expect(env.databaseUrl).toBeUndefined();
    expect(env.redisUrl).toBe('redis://10.0.0.5:6380');
    expect(env.redisUrlExplicit).toBe(true);
  });

  const production = {
    NODE_ENV: 'production',
    IIN_HMAC_KEY: 'cHJvZHVjdGlvbi1saWtlLWtleS1vZi0zMi1ieXRlcy1sb25n',
    OIDC_ISSUER: 'https://idp.example.kz',
    OIDC_CLIENT_ID: 'dauys',
    OIDC_CLIENT_SECRET: 'secret',
  };

  it('turns demo off by default in production and honours DEMO', () => {
    expect(parseEnv(production).demo).toBe(false);
    expect(parseEnv(production).identityProviders).toEqual(['oidc']);
    expect(parseEnv({ ...production, DEMO: 'true' }).demo).toBe(true);
    expect(parseEnv({ DEMO: 'off' }).demo).toBe(false);
    expect(parseEnv({}).identityProviders).toEqual(['demo']);
  });

  it('refuses to start in production without an IIN key, with the demo identity provider, or without OIDC settings', () => {
    const { IIN_HMAC_KEY: _k, ...noKey } = production;
    expect(() => parseEnv(noKey)).toThrow(/IIN_HMAC_KEY: is required in production/);
    expect(() => parseEnv({ ...production, IDENTITY_PROVIDERS: 'demo,oidc' })).toThrow(/demo identity provider refuses to run in production/);
    const { OIDC_ISSUER: _i, ...noIssuer } = production;
    expect(() => parseEnv(noIssuer)).toThrow(/OIDC_ISSUER: is required/);
    expect(() => parseEnv({ ...production, IIN_HMAC_KEY: 'short' })).toThrow(/at least 32 random bytes/);
  });

  it('rejects bad values with a message naming every bad variable', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'http://x', DEMO: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'DEMO']) expect(message).toContain(name);
    expect(message).toContain('must be a postgres:// or postgresql:// URL');
  });
});
