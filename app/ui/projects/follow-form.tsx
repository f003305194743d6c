import { Form, Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { CsrfField } from '../csrf-field';

/**
 * Follow / unfollow a project: a plain form (works without JavaScript). Signed-out visitors get a
 * sign-in link that brings them back.
 */
export function FollowForm({ code, following, signedIn, followers }: { code: string; following: boolean; signedIn: boolean; followers: number }) {
  const { t } = useTranslation();
  const k = 'projectPages.follow';
  return (
    <div className="follow-box" data-testid="follow-box">
      <p className="muted small" data-testid="followers">
        {t(`${k}.followers`, { count: followers })}
      </p>
      {signedIn ? (
        <Form method="post" className="inline-form">
          <CsrfField />
          <input type="hidden" name="intent" value={following ? 'unfollow' : 'follow'} />
          <button type="submit" className={following ? 'button' : 'button primary'} data-testid="follow-button" aria-pressed={following}>
            {following ? t(`${k}.unfollow`) : t(`${k}.follow`)}
          </button>
        </Form>
      ) : (
        <p>
          <Link to={`/signin?returnTo=${encodeURIComponent(`/projects/${code}`)}`}>{t(`${k}.signIn`)}</Link>
        </p>
      )}
      <p className="hint">{following ? t(`${k}.followingHint`) : t(`${k}.hint`)}</p>
    </div>
  );
}
