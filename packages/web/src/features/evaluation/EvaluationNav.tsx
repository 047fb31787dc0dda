import { NavLink } from 'react-router-dom';
import { useI18n } from '../../app/I18nProvider.tsx';
import './evaluation.css';

/** The evaluation area's pages, shown at the top of each of them. */
export function EvaluationNav() {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'button button-small button-primary' : 'button button-small';
  return (
    <nav className="evaluation-subnav" aria-label={t('evaluation.nav')}>
      <NavLink to="/evaluation/index" className={cls} data-testid="subnav-evaluation-index">
        {t('evaluation.index.title')}
      </NavLink>
      <NavLink
        to="/evaluation/allocation"
        className={cls}
        data-testid="subnav-evaluation-allocation"
      >
        {t('evaluation.allocation.title')}
      </NavLink>
      <NavLink
        to="/evaluation/scorecards"
        className={cls}
        data-testid="subnav-evaluation-scorecards"
      >
        {t('evaluation.scorecards.title')}
      </NavLink>
      <NavLink to="/evaluation/values" className={cls} data-testid="subnav-evaluation-values">
        {t('evaluation.values.title')}
      </NavLink>
      <NavLink
        to="/evaluation/frameworks"
        className={cls}
        data-testid="subnav-evaluation-frameworks"
      >
        {t('evaluation.frameworks.title')}
      </NavLink>
    </nav>
  );
}
