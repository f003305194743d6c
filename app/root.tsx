import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import type { ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, getI18n, getT, type Locale } from './i18n';
import { csrfTokenOf } from './services/csrf.server';
import { getEnv } from './services/env.server';
import { resolveLocale } from './services/locale.server';
import { getSession } from './services/session.server';
import styles from './styles/app.css';
import { Shell } from './ui/shell';

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const requestId = typeof context.requestId === 'string' ? context.requestId : '';
  const session = await getSession(request);
  const user =
    session && session.stage === 'active'
      ? { displayName: session.displayName, kind: session.actor.kind, roles: session.actor.roles.map((r) => r.role) }
      : null;
  return { locale, demo: getEnv().demo, requestId, csrf: csrfTokenOf(request) ?? '', user };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = getT(data?.locale ?? DEFAULT_LOCALE);
  return [{ title: t('meta.title') }, { name: 'description', content: t('meta.description') }];
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root');
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={getI18n(locale)}>
          <Shell demo={data?.demo ?? false} user={data?.user ?? null}>
            {children}
          </Shell>
        </I18nextProvider>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The one error boundary: a localized message, a reference to quote, never a stack trace. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const requestId = useRouteLoaderData<typeof loader>('root')?.requestId;
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section aria-labelledby="error-title" className="error-page">
        <h1 id="error-title">{t('errors.notFoundTitle')}</h1>
        <p>{t('errors.notFoundText')}</p>
        <p>
          <a href="/">{t('section.backHome')}</a>
        </p>
      </section>
    );
  }
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section aria-labelledby="error-title" className="error-page">
      <h1 id="error-title">{t('errors.errorTitle')}</h1>
      <p>{status === 400 ? t('errors.badRequest') : t('errors.errorText')}</p>
      {requestId ? <p>{t('errors.reference', { id: requestId })}</p> : null}
      <p>
        <a href="/">{t('section.backHome')}</a>
      </p>
    </section>
  );
}
