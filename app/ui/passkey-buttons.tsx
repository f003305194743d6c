import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { autofillSupported, passkeysSupported, registerPasskey, signInWithPasskey } from './passkey-client';
import { useCsrf } from './root-data';

/** Whether the page runs with JavaScript and the browser can use passkeys (null before hydration). */
function useSupport(): boolean | null {
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(passkeysSupported()), []);
  return supported;
}

function Unsupported({ noJs }: { noJs: string }) {
  const { t } = useTranslation();
  const supported = useSupport();
  if (supported === null) return <p className="notice" data-testid="passkey-nojs">{noJs}</p>;
  if (!supported) return <p className="notice" role="alert">{t('identity.signIn.unsupported')}</p>;
  return null;
}

export function SignInWithPasskey({ returnTo }: { returnTo?: string }) {
  const { t } = useTranslation();
  const csrf = useCsrf();
  const supported = useSupport();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fallback = t('identity.errors.verification-failed');

  // Conditional UI: where the browser offers it, saved passkeys appear in the account field's
  // autofill. The request starts when the field gets focus (when the suggestions would show).
  const [autofillStarted, setAutofillStarted] = useState(false);
  useEffect(() => {
    if (!supported || !autofillStarted) return;
    let cancelled = false;
    void (async () => {
      if (!(await autofillSupported()) || cancelled) return;
      const result = await signInWithPasskey(csrf, fallback, { autofill: true, returnTo });
      if (!cancelled && result.ok) window.location.assign(result.redirectTo);
    })();
    return () => {
      cancelled = true;
    };
  }, [supported, autofillStarted, csrf, fallback, returnTo]);

  if (!supported) return <Unsupported noJs={t('identity.signIn.noJs')} />;
  return (
    <div className="passkey-box">
      <label htmlFor="passkey-account">{t('identity.signIn.accountField')}</label>
      <input
        id="passkey-account"
        name="username"
        autoComplete="username webauthn"
        className="input"
        onFocus={() => setAutofillStarted(true)}
      />
      <button
        type="button"
        className="button primary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await signInWithPasskey(csrf, fallback, { returnTo });
          if (result.ok) window.location.assign(result.redirectTo);
          else {
            setError(result.message);
            setBusy(false);
          }
        }}
      >
        {busy ? t('identity.signIn.working') : t('identity.signIn.button')}
      </button>
      <p role="alert" className="error" data-testid="passkey-error">
        {error}
      </p>
    </div>
  );
}

export function CreatePasskey({ defaultName }: { defaultName: string }) {
  const { t } = useTranslation();
  const csrf = useCsrf();
  const supported = useSupport();
  const [name, setName] = useState(defaultName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!supported) return <Unsupported noJs={t('identity.passkey.noJs')} />;
  return (
    <form
      className="passkey-box"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        const result = await registerPasskey(csrf, name, t('identity.errors.verification-failed'));
        if (result.ok) window.location.assign(result.redirectTo);
        else {
          setError(result.message);
          setBusy(false);
        }
      }}
    >
      <label htmlFor="passkey-name">{t('identity.passkey.name')}</label>
      <input
        id="passkey-name"
        className="input"
        value={name}
        maxLength={60}
        placeholder={t('identity.passkey.namePlaceholder')}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('identity.passkey.working') : t('identity.passkey.button')}
      </button>
      <p role="alert" className="error" data-testid="passkey-error">
        {error}
      </p>
    </form>
  );
}
