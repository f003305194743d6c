/** Every unknown address: a 404 rendered by the root error boundary in the visitor's language. */
export async function loader() {
  throw new Response('Not Found', { status: 404 });
}

export default function NotFound() {
  return null;
}
