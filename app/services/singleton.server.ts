/**
 * One value per process, shared by the Remix server bundle and modules loaded directly (the start
 * script, workers): both copies of a module see the same database pool and Redis connection.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`dauys.${name}`);
  store[key] ??= create();
  return store[key]!;
}

export function replaceSingleton<T>(name: string, value: T | undefined): void {
  (globalThis as unknown as Record<symbol, T | undefined>)[Symbol.for(`dauys.${name}`)] = value;
}
