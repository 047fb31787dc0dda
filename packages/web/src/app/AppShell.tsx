import type { ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { useI18n } from './I18nProvider.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
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
            <NavLink to="/" end className={navClass} data-testid="nav-overview">
              {t('nav.overview')}
            </NavLink>
            <NavLink to="/complexes" className={navClass} data-testid="nav-complexes">
              {t('nav.complexes')}
            </NavLink>
            <NavLink to="/organisations" className={navClass} data-testid="nav-organisations">
              {t('nav.organisations')}
            </NavLink>
            <NavLink to="/registry" className={navClass} data-testid="nav-registry">
              {t('nav.registry')}
            </NavLink>
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
        </div>
      </header>
      <main className="main">
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
