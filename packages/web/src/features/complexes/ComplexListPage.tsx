import { Link, useNavigate } from 'react-router-dom';
import { useOverview } from '../../api/use-api.ts';
import { useProvinceName } from '../../api/use-province-name.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

export function ComplexListPage() {
  const { t, valueLabel, formatNumber, language } = useI18n();
  const provinceName = useProvinceName();
  const overview = useOverview();
  const auth = useAuth();
  const navigate = useNavigate();
  useDocumentTitle(t('complexes.title'));
  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('complexes.title')}</h1>
        {auth.can('complexes', 'create') && (
          <Link className="button" to="/registry/complexes/new" data-testid="complex-new">
            {t('common.new')}
          </Link>
        )}
      </div>
      <QueryState query={overview}>
        {(data) => (
          <div className="table-wrap">
            <table className="table table-clickable" data-testid="complexes-table">
              <caption>
                {t('common.unit')}: {t('overview.kpi.organisationsUnit').trim()} ·{' '}
                {t('overview.participants.syntheticNote')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('complexes.name')}</th>
                  <th scope="col">{t('complexes.province')}</th>
                  <th scope="col">{t('complexes.kind')}</th>
                  <th scope="col">{t('complexes.focus')}</th>
                  <th scope="col">{t('complexes.joined')}</th>
                  <th scope="col" className="num">
                    {t('complexes.miniClusters')}
                  </th>
                  <th scope="col" className="num">
                    {t('complexes.organisations')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.complexes.map((c) => (
                  <tr
                    key={c.id}
                    data-complex={c.name}
                    onClick={() => void navigate(`/complexes/${c.id}`)}
                  >
                    <th scope="row">
                      <Link to={`/complexes/${c.id}`}>
                        {language === 'ko' && c.nameKo ? c.nameKo : c.name}
                      </Link>{' '}
                      {c.nameKo && language !== 'ko' && (
                        <span className="muted" lang="ko">
                          {c.nameKo}
                        </span>
                      )}
                      {c.isHub && <span className="badge">{t('complexes.hub')}</span>}
                      {c.synthetic && <SyntheticBadge />}
                    </th>
                    <td>{provinceName(c.provinceId, c.provinceName)}</td>
                    <td>{valueLabel(c.kind)}</td>
                    <td>{c.focus ?? t('common.none')}</td>
                    <td>{c.joined ?? t('complexes.notInProgramme')}</td>
                    <td className="num">{formatNumber(c.miniClusters)}</td>
                    <td className="num">{formatNumber(c.organisations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
    </div>
  );
}
