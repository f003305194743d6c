import { Link, NavLink, useLocation } from '@remix-run/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../i18n';
import { useLocale } from './locale';

function LanguageSwitcher() {
  const { t } = useTranslation();
  const current = useLocale();
  const location = useLocation();
  const hrefFor = (lng: string) => {
    const params = new URLSearchParams(location.search);
    params.set('lng', lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label={t('shell.language')} className="lang-switcher">
      <ul>
        {LOCALES.map((lng) => (
          <li key={lng}>
            <a
              href={hrefFor(lng)}
              lang={lng}
              hrefLang={lng}
              aria-current={lng === current ? 'true' : undefined}
            >
              {t(`shell.languageNames.${lng}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export interface ShellUser {
  displayName: string;
  kind: 'citizen' | 'staff';
  roles: string[];
}

export function Shell({ children, demo, user }: { children: ReactNode; demo: boolean; user: ShellUser | null }) {
  const { t } = useTranslation();
  const nav = [
    ['/petitions', t('shell.nav.petitions')],
    ['/reports', t('reportPublic.nav.reports')],
    ['/reports/new', t('shell.nav.report')],
    ['/akimats', t('reportPublic.nav.akimats')],
    ['/projects', t('shell.nav.projects')],
    ['/dashboard', t('shell.nav.dashboard')],
  ] as const;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      {demo ? (
        <p className="demo-banner" role="note">
          {t('shell.demoBanner')}
        </p>
      ) : null}
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            <span className="brand-name">{t('shell.brand')}</span>
            <span className="brand-tagline">{t('shell.tagline')}</span>
          </Link>
          <LanguageSwitcher />
        </div>
        <nav aria-label={t('shell.mainNav')} className="main-nav">
          <ul className="container">
            {nav.map(([to, label]) => (
              <li key={to}>
                <NavLink to={to}>{label}</NavLink>
              </li>
            ))}
            {user?.roles.includes('moderator') ? (
              <li>
                <NavLink to="/moderation">{t('moderation.queue.title')}</NavLink>
              </li>
            ) : null}
            {user?.roles.includes('moderator') ? (
              <li>
                <NavLink to="/integrity">{t('integrityReview.queue.title')}</NavLink>
              </li>
            ) : null}
            {user?.roles.includes('akimat_officer') ? (
              <li>
                <NavLink to="/akimat/reports">{t('reportStaff.nav')}</NavLink>
              </li>
            ) : null}
            {user?.roles.includes('project_analyst') ? (
              <li>
                <NavLink to="/office">{t('projectPages.office.title')}</NavLink>
              </li>
            ) : null}
            {user?.roles.includes('administrator') ? (
              <li>
                <NavLink to="/admin/staff">{t('identity.staff.title')}</NavLink>
              </li>
            ) : null}
            {user?.kind === 'citizen' ? (
              <li>
                <NavLink to="/signatures">{t('signing.mine.title')}</NavLink>
              </li>
            ) : null}
            {user?.kind === 'citizen' ? (
              <li>
                <NavLink to="/my/reports">{t('reportFiling.my.title')}</NavLink>
              </li>
            ) : null}
            {user ? (
              <li>
                <NavLink to="/notifications">{t('moderation.inbox.title')}</NavLink>
              </li>
            ) : null}
            <li className="nav-signin">
              {user ? (
                <NavLink to="/account">{user.displayName}</NavLink>
              ) : (
                <NavLink to="/signin">{t('shell.nav.signIn')}</NavLink>
              )}
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer.about')}</p>
          <h2 className="footer-heading">{t('shell.footer.dataSources')}</h2>
          <ul>
            <li>{t('shell.footer.boundaries')}</li>
            <li>{t('shell.footer.kato')}</li>
          </ul>
        </div>
      </footer>
    </>
  );
}
