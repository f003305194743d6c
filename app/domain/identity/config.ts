/** Identity settings the domain needs, passed in by the services layer (never read from env here). */
export interface IinKey {
  version: number;
  /** At least 32 bytes of secret. */
  secret: Buffer;
}

export interface IdentityConfig {
  /** The key new IIN hashes are made with, and older keys still recognised (rotation). */
  iinKeys: { current: IinKey; previous: IinKey[] };
  rpId: string;
  rpName: string;
  /** Allowed WebAuthn origins (the portal's public origin). */
  origins: string[];
  challengeTtlMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  inviteTtlMs: number;
}

export const DEFAULT_TIMINGS = {
  challengeTtlMs: 5 * 60 * 1000,
  sessionIdleMs: 30 * 60 * 1000,
  sessionAbsoluteMs: 12 * 60 * 60 * 1000,
  inviteTtlMs: 72 * 60 * 60 * 1000,
} as const;
