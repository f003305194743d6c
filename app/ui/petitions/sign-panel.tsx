import { startAuthentication } from '@simplewebauthn/browser';
import { Form, Link } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsrfField } from '../csrf-field';
import { useLocale } from '../locale';
import { useCsrf } from '../root-data';
import { formatDateTimeIn } from '../formatters';

/** What the loader tells the panel (from signingStatus in app/domain/signatures). */
export type SignPanelStatus =
  | { kind: 'anonymous' }
  | { kind: 'signed'; signatureId: string; signedAt: string | Date; canWithdraw: boolean }
  | { kind: 'can-sign' }
  | { kind: 'cannot-sign'; reason: string };

async function postJson(url: string, csrf: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) });
  let data: Record<string, unknown> = {};
  try {
    data = (await res.json()) as Record<string, unknown>;
  } catch {
    data = {};
  }
  return { ok: res.ok, data };
}

/**
 * Sign / withdraw. Signing runs a passkey ceremony whose challenge commits to the petition text, so
 * it needs JavaScript; withdrawing is a plain form. `supporting`: the petition gathers initial support.
 */
export function SignPanel({ petitionId, status, supporting, unitName }: { petitionId: string; status: SignPanelStatus; supporting: boolean; unitName?: string | null }) {
  const { t } = useTranslation();
  const csrf = useCsrf();
  const locale = useLocale();
  const [js, setJs] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notify, setNotify] = useState(true);
  useEffect(() => setJs(true), []);

  if (status.kind === 'anonymous') {
    return (
      <div className="sign-panel card">
        <Link className="button primary" to={`/signin?returnTo=${encodeURIComponent(`/petitions/${petitionId}`)}`}>
          {t('signing.signInToSign')}
        </Link>
      </div>
    );
  }
  if (status.kind === 'signed') {
    const date = formatDateTimeIn(locale, status.signedAt);
    return (
      <div className="sign-panel card" data-testid="sign-panel">
        <p role="status" className="success">
          {t('signing.signedAt', { date })}
        </p>
        <p>
          <Link to={`/signatures/${status.signatureId}`}>{t('signing.receipt')}</Link>
        </p>
        {status.canWithdraw ? (
          <Form method="post" action={`/petitions/${petitionId}/signature`}>
            <CsrfField />
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="button">
              {t('signing.withdraw')}
            </button>
          </Form>
        ) : null}
      </div>
    );
  }
  if (status.kind === 'cannot-sign') {
    return (
      <div className="sign-panel card" data-testid="sign-panel">
        <p className="notice">{t(`signing.reason.${status.reason}`, { unit: unitName ?? '' })}</p>
      </div>
    );
  }
  return (
    <div className="sign-panel card" data-testid="sign-panel">
      {!js ? <p className="notice">{t('signing.noJs')}</p> : null}
      <label className="checkbox">
        <input type="checkbox" checked={notify} onChange={(e) => setNotify(e.target.checked)} /> {t('signing.notify')}
      </label>
      <button
        type="button"
        className="button primary"
        disabled={!js || busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const fallback = t('identity.errors.verification-failed');
          const options = await postJson(`/api/petitions/${petitionId}/sign/options`, csrf, {});
          if (!options.ok) {
            setError(typeof options.data.message === 'string' ? options.data.message : fallback);
            setBusy(false);
            return;
          }
          try {
            const response = await startAuthentication({ optionsJSON: options.data.options as never });
            const verified = await postJson(`/api/petitions/${petitionId}/sign/verify`, csrf, { response, notifyOnOutcome: notify });
            if (verified.ok) {
              window.location.assign(`/petitions/${petitionId}?signed=1`);
              return;
            }
            setError(typeof verified.data.message === 'string' ? verified.data.message : fallback);
          } catch {
            setError(fallback);
          }
          setBusy(false);
        }}
      >
        {busy ? t('signing.working') : supporting ? t('signing.support') : t('signing.sign')}
      </button>
      <p role="alert" className="error" data-testid="sign-error">
        {error}
      </p>
    </div>
  );
}
