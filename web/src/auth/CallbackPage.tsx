// /app/callback: where the provider sends the browser back with a code; exchanges it and returns to the
// page the person signed in from.
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import { t } from '../strings';
import { Alert } from '../ui/Alert';
import { completeSignIn } from './oidc';
import { useSession } from './session';

export function CallbackPage() {
  const [, navigate] = useLocation();
  const { reload } = useSession();
  const [error, setError] = useState<string>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn(new URL(window.location.href)).then(
      (returnTo) => {
        reload();
        navigate(returnTo.replace(/^\/app/, '') || '/', { replace: true });
      },
      () => setError(t.errors.signInFailed),
    );
  }, [navigate, reload]);
  return <div className="page">{error ? <Alert>{error}</Alert> : <p>{t.callback.signingIn}</p>}</div>;
}
