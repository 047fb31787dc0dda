import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { entityContracts } from '../components/entity-fields.ts';
import { MappingAdminNav } from '../features/mapping/MappingAdminNav.tsx';
import { loginPath, useAuth } from './AuthProvider.tsx';
import { useI18n } from './I18nProvider.tsx';

/** The signed-in user's name with a menu (profile, sign out), or a sign-in button. */
function UserMenu() {
  const { t } = useI18n();
  const auth = useAuth();
  const location = useLocation();
  const user = auth.me.user;
  if (!user) {
    if (location.pathname === '/login') return null;
    return (
      <Link className="button button-primary" to={loginPath(location)} data-testid="sign-in">
        {t('login.submit')}
      </Link>
    );
  }
  return (
    <details className="user-menu" data-testid="user-menu">
      <summary data-testid="user-name" title={user.email}>
        {user.name}
      </summary>
      <div className="user-menu-list" role="menu">
        <span className="muted small">{user.email}</span>
        <Link to="/profile" role="menuitem" data-testid="nav-profile">
          {t('nav.profile')}
        </Link>
        <button
          type="button"
          role="menuitem"
          className="link-button"
          data-testid="sign-out"
          onClick={() => void auth.signOut()}
        >
          {t('nav.signOut')}
        </button>
      </div>
    </details>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const auth = useAuth();
  const user = auth.me.user;
  const ready = user !== null && !user.mustChangePassword;
  const canRead = (resource: string) => ready && auth.can(resource, 'read');
  const navClass = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'nav-link active' : 'nav-link';
  return (
    <div className="shell">
      <header className="header">
        <div className="header-inner">
          <NavLink to="/" className="brand" end>
            <span className="brand-name">{t('app.name')}</span>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </NavLink>
          <nav className="nav" aria-label="main">
            {(ready || (user === null && auth.me.publicAggregates)) && (
              <NavLink to="/" end className={navClass} data-testid="nav-overview">
                {t('nav.overview')}
              </NavLink>
            )}
            {canRead('complexes') && (
              <NavLink to="/complexes" className={navClass} data-testid="nav-complexes">
                {t('nav.complexes')}
              </NavLink>
            )}
            {canRead('organisations') && (
              <NavLink to="/organisations" className={navClass} data-testid="nav-organisations">
                {t('nav.organisations')}
              </NavLink>
            )}
            {canRead('mapping') && (
              <NavLink to="/mapping" className={navClass} data-testid="nav-mapping">
                {t('nav.mapping')}
              </NavLink>
            )}
            {canRead('networks') && (
              <NavLink to="/network" className={navClass} data-testid="nav-network">
                {t('nav.network')}
              </NavLink>
            )}
            {(canRead('demands') || canRead('proposals')) && (
              <NavLink to="/intake" className={navClass} data-testid="nav-intake">
                {t('nav.intake')}
              </NavLink>
            )}
            {canRead('evaluations') && (
              <NavLink to="/evaluation" className={navClass} data-testid="nav-evaluation">
                {t('nav.evaluation')}
              </NavLink>
            )}
            {canRead('reviews') && (
              <NavLink to="/review" className={navClass} data-testid="nav-review">
                {t('nav.review')}
              </NavLink>
            )}
            {canRead('projects') && (
              <NavLink to="/projects" className={navClass} data-testid="nav-projects">
                {t('nav.projects')}
              </NavLink>
            )}
            {canRead('calls') && (canRead('proposals') || canRead('projects')) && (
              <NavLink to="/overlaps" className={navClass} data-testid="nav-overlaps">
                {t('nav.overlaps')}
              </NavLink>
            )}
            {entityContracts.some((c) => canRead(c.key)) && (
              <NavLink to="/registry" className={navClass} data-testid="nav-registry">
                {t('nav.registry')}
              </NavLink>
            )}
            {canRead('users') && (
              <NavLink to="/admin/users" className={navClass} data-testid="nav-users">
                {t('nav.users')}
              </NavLink>
            )}
            {canRead('audit') && (
              <NavLink to="/audit" className={navClass} data-testid="nav-audit">
                {t('nav.audit')}
              </NavLink>
            )}
            <a
              href="/api/docs"
              className="nav-link"
              target="_blank"
              rel="noreferrer"
              data-testid="nav-api-docs"
            >
              {t('nav.apiDocs')} ↗
            </a>
          </nav>
          <button
            type="button"
            className="lang-switch"
            data-testid="lang-switch"
            aria-label={t('lang.switchLabel')}
            lang={language === 'en' ? 'ko' : 'en'}
            onClick={() => setLanguage(language === 'en' ? 'ko' : 'en')}
          >
            {t('lang.switchTo')}
          </button>
          <UserMenu />
        </div>
      </header>
      <main className="main">
        {canRead('mapping') && /^\/mapping(\/|$)/.test(location.pathname) && <MappingAdminNav />}
        <ErrorBoundary
          resetKey={location.pathname + location.search}
          title={t('common.error')}
          retryLabel={t('common.retry')}
        >
          {children}
        </ErrorBoundary>
      </main>
      <footer className="footer">
        innocluster · Apache-2.0 · <a href="/api/docs">{t('nav.apiDocs')}</a> ·{' '}
        <a href="/api/openapi.json">OpenAPI</a>
      </footer>
    </div>
  );
}
