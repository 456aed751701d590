// The shell: a skip link, the header with the pages the signed-in person's role may use, the offline
// banner, and the page of the current path (all under /app/).
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Route, Router, Switch } from 'wouter';
import { SessionProvider, useSession, type Me } from './auth/session';
import { CallbackPage } from './auth/CallbackPage';
import ExplorePage from './explore/ExplorePage';
import { t } from './strings';
import { Alert } from './ui/Alert';
import { useOnline } from './ui/useOnline';

const AccountPage = lazy(() => import('./admin/AccountPage'));
const OrganisationPage = lazy(() => import('./admin/OrganisationPage'));
const PlatformPage = lazy(() => import('./admin/PlatformPage'));
const OperationsPage = lazy(() => import('./admin/OperationsPage'));

type Role = Me['role'];

/** Which pages each role sees in the header (the API enforces the same permissions). */
export const pagesOf: Record<Role, ('account' | 'organisation' | 'platform' | 'operations')[]> = {
  'platform-admin': ['account', 'organisation', 'platform', 'operations'],
  maintainer: ['account', 'operations'],
  'org-admin': ['account', 'organisation'],
  'org-user': ['account'],
};

const paths = {
  account: '/account',
  organisation: '/organisation',
  platform: '/platform',
  operations: '/operations',
} as const;

function Header() {
  const { me, signIn, signOut } = useSession();
  const pages = me ? pagesOf[me.role] : [];
  return (
    <header className="top">
      <Link href="/" className="brand">
        <img src="/app/icons/favicon.svg" alt="" width="24" height="24" />
        {t.appName}
      </Link>
      <nav aria-label={t.nav.label}>
        <ul>
          <li>
            <Link href="/">{t.nav.map}</Link>
          </li>
          {pages.map((p) => (
            <li key={p}>
              <Link href={paths[p]}>{t.nav[p]}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="who">
        {me ? (
          <>
            <span className="signed-in">{t.nav.signedInAs(me.displayName ?? me.username)}</span>
            <button type="button" onClick={signOut}>
              {t.nav.signOut}
            </button>
          </>
        ) : (
          me === null && (
            <button type="button" className="primary" onClick={signIn}>
              {t.nav.signIn}
            </button>
          )
        )}
      </div>
    </header>
  );
}

/** A page for signed-in people of some roles; others are told what to do. */
function Restricted({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { me, signIn } = useSession();
  if (me === undefined) return <p className="page">{t.loading}</p>;
  if (me === null) {
    return (
      <div className="page">
        <Alert kind="info">{t.errors.unauthorised}</Alert>
        <button type="button" className="primary" onClick={signIn}>
          {t.nav.signIn}
        </button>
      </div>
    );
  }
  if (!roles.includes(me.role))
    return (
      <div className="page">
        <Alert>{t.errors.forbidden}</Alert>
      </div>
    );
  return <Suspense fallback={<p className="page">{t.loading}</p>}>{children}</Suspense>;
}

function OfflineBanner() {
  return useOnline() ? null : (
    <div className="banner" role="status">
      {t.offline}
    </div>
  );
}

export function App() {
  return (
    <Router base="/app">
      <SessionProvider>
        <a className="skip" href="#main">
          {t.skipToContent}
        </a>
        <Header />
        <OfflineBanner />
        <main id="main" tabIndex={-1}>
          <Switch>
            <Route path="/">
              <ExplorePage />
            </Route>
            <Route path="/callback">
              <CallbackPage />
            </Route>
            <Route path="/account">
              <Restricted roles={['platform-admin', 'maintainer', 'org-admin', 'org-user']}>
                <AccountPage />
              </Restricted>
            </Route>
            <Route path="/organisation/:id?">
              {(params: { id?: string }) => (
                <Restricted roles={['platform-admin', 'org-admin']}>
                  <OrganisationPage id={params.id} />
                </Restricted>
              )}
            </Route>
            <Route path="/platform">
              <Restricted roles={['platform-admin']}>
                <PlatformPage />
              </Restricted>
            </Route>
            <Route path="/operations">
              <Restricted roles={['platform-admin', 'maintainer']}>
                <OperationsPage />
              </Restricted>
            </Route>
            <Route>
              <div className="page">
                <Alert>{t.errors.pageNotFound}</Alert>
              </div>
            </Route>
          </Switch>
        </main>
      </SessionProvider>
    </Router>
  );
}
