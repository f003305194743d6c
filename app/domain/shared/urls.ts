/** Only same-site paths are followed after a sign-in or a form (no open redirects). */
export function safeReturnTo(value: string | undefined | null, fallback = '/account'): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback;
}
