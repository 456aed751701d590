// Who is signed in: the person's account (GET /api/v1/me) once a session exists, shared with every page.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ok, type Answer } from '../api/client';
import { hasSession, signIn, signOut } from './oidc';

export type Me = Answer<'/api/v1/me', 'get'>;

export interface Session {
  /** undefined while loading; null when nobody is signed in. */
  me: Me | null | undefined;
  signIn: () => void;
  signOut: () => void;
  reload: () => void;
}

const SessionContext = createContext<Session>({
  me: null,
  signIn: () => undefined,
  signOut: () => undefined,
  reload: () => undefined,
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(hasSession() ? undefined : null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!hasSession()) {
      setMe(null);
      return;
    }
    ok(api.GET('/api/v1/me')).then(setMe, () => setMe(null));
  }, [version]);
  const session: Session = {
    me,
    signIn: () => void signIn(window.location.pathname + window.location.search),
    signOut: () => void signOut(),
    reload: () => setVersion((v) => v + 1),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
