import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

/** A section of the portal that is not open yet: says so plainly, in the visitor's language. */
export function ComingSection({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="section-title">
      <h1 id="section-title">{title}</h1>
      <p>{t('section.coming')}</p>
      <p>
        <Link to="/">{t('section.backHome')}</Link>
      </p>
    </section>
  );
}
