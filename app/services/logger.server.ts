import pino from 'pino';
import type { Logger } from '../domain/shared/deps';
import { getEnv } from './env.server';
import { singleton } from './singleton.server';

/** Structured JSON logs (one line an event). Secrets and personal data never go into a log. */
export const logger = singleton('logger', () =>
  pino({
    level: getEnv().logLevel,
    base: { service: 'dauys' },
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', '*.iin', '*.password'], remove: true },
    timestamp: pino.stdTimeFunctions.isoTime,
  }),
);

export function domainLogger(bindings: Record<string, unknown> = {}): Logger {
  return logger.child(bindings);
}
