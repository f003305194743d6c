/** A route parameter that must be a UUID; anything else is a 404. */
export function uuidParam(value: string | undefined): string {
  if (!value || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Response('Not Found', { status: 404 });
  return value.toLowerCase();
}
