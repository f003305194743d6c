import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '../root';

/** The CSRF token every form and passkey request sends back. */
export function useCsrf(): string {
  return useRouteLoaderData<typeof rootLoader>('root')?.csrf ?? '';
}

export function useUser() {
  return useRouteLoaderData<typeof rootLoader>('root')?.user ?? null;
}
