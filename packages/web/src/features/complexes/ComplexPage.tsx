import { organisationKinds, type ComplexDetail } from '@innocluster/contracts';
import { Link, useParams } from 'react-router-dom';
import { useComplexDetail, useOverview } from '../../api/use-api.ts';
import { useProvinceName } from '../../api/use-province-name.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { QueryState } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';

function ComplexFacts({ detail }: { detail: ComplexDetail }) {
  const { t, valueLabel, formatNumber } = useI18n();
  const overview = useOverview();
  const provinceName = useProvinceName();
  const c = detail.complex;
  const hub = c.hubId ? overview.data?.complexes.find((x) => x.id === c.hubId) : undefined;
  return (
    <dl className="facts facts-grid">
      <div>
        <dt>{t('complexes.province')}</dt>
        <dd>{provinceName(c.provinceId, c.provinceName)}</dd>
      </div>
      <div>
        <dt>{t('complexes.kind')}</dt>
        <dd>{valueLabel(c.kind)}</dd>
      </div>
      <div>
        <dt>{t('complexes.focus')}</dt>
        <dd>{c.focus ?? t('common.none')}</dd>
      </div>
      <div>
        <dt>{t('complexes.joined')}</dt>
        <dd>{c.joined ?? t('complexes.notInProgramme')}</dd>
      </div>
      <div>
        <dt>{t('complexes.hub')}</dt>
        <dd>
          {c.isHub ? (
            t('complex.isHub')
          ) : c.hubId ? (
            <>
              {t('complex.connectedTo')}{' '}
              <Link to={`/complexes/${c.hubId}`}>{hub?.name ?? `#${c.hubId}`}</Link>
            </>
          ) : (
            t('common.no')
          )}
        </dd>
      </div>
      {c.areaKm2 !== null && (
        <div>
          <dt>{t('complex.area')}</dt>
          <dd>{formatNumber(c.areaKm2)} km²</dd>
        </div>
      )}
    </dl>
  );
}

function OrganisationsByKind({ detail }: { detail: ComplexDetail }) {
  const { t, valueLabel, formatNumber } = useI18n();
  const total = detail.organisationsByKind.reduce((s, r) => s + r.count, 0);
  if (total === 0) return <p className="muted">{t('complex.noOrganisations')}</p>;
  return (
    <table className="table table-numbers" data-testid="organisations-by-kind">
      <caption>
        {t('common.unit')}: {t('overview.kpi.organisationsUnit').trim()}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('complexes.kind')}</th>
          <th scope="col" className="num">
            {t('complex.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {[...detail.organisationsByKind]
          .sort((a, b) => organisationKinds.indexOf(a.kind) - organisationKinds.indexOf(b.kind))
          .map((row) => (
            <tr key={row.kind} data-kind={row.kind}>
              <td>
                <Link to={`/organisations?complexId=${detail.complex.id}&kind=${row.kind}`}>
                  {valueLabel(row.kind)}
                </Link>
              </td>
              <td className="num">{formatNumber(row.count)}</td>
            </tr>
          ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('common.total')}</th>
          <td className="num">{formatNumber(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function MiniClustersTable({ detail }: { detail: ComplexDetail }) {
  const { t, formatNumber } = useI18n();
  return (
    <table className="table" data-testid="mini-clusters-table">
      <thead>
        <tr>
          <th scope="col">{t('complexes.name')}</th>
          <th scope="col">{t('complex.field')}</th>
          <th scope="col">{t('complex.started')}</th>
          <th scope="col" className="num">
            {t('complex.members')} ({t('overview.kpi.organisationsUnit').trim()})
          </th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {detail.miniClusters.length === 0 && (
          <tr>
            <td colSpan={5} className="muted">
              {t('complex.noMiniClusters')}
            </td>
          </tr>
        )}
        {detail.miniClusters.map((mc) => (
          <tr key={mc.id} data-mini-cluster={mc.name}>
            <td>
              <Link to={`/registry/mini-clusters/${mc.id}`}>{mc.name}</Link>
            </td>
            <td>{mc.field}</td>
            <td>{mc.started ?? t('common.none')}</td>
            <td className="num">{formatNumber(mc.members)}</td>
            <td>{mc.synthetic && <SyntheticBadge />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TaskForceTable({ detail }: { detail: ComplexDetail }) {
  const { t } = useI18n();
  const bodies = [...new Set(detail.taskForce.map((s) => s.bodyName))];
  return (
    <>
      {bodies.length > 0 && <p className="note">{bodies.join(', ')}</p>}
      <table className="table" data-testid="task-force-table">
        <thead>
          <tr>
            <th scope="col">{t('complex.person')}</th>
            <th scope="col">{t('complex.role')}</th>
            <th scope="col">{t('complex.team')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {detail.taskForce.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                {t('complex.noTaskForce')}
              </td>
            </tr>
          )}
          {detail.taskForce.map((seat) => (
            <tr key={`${seat.bodyId}-${seat.personId}-${seat.role}`}>
              <td>
                <Link to={`/registry/people/${seat.personId}`}>{seat.personName}</Link>
              </td>
              <td>{seat.role}</td>
              <td>{seat.team ?? t('common.none')}</td>
              <td>{seat.synthetic && <SyntheticBadge />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ComplexPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const id = Number(useParams().id);
  const detail = useComplexDetail(id);
  useDocumentTitle(detail.data?.complex.name ?? t('complexes.title'));
  if (!Number.isInteger(id) || id <= 0)
    return (
      <div className="page">
        <h1>{t('common.notFound')}</h1>
      </div>
    );
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/complexes">← {t('complexes.title')}</Link>
      </p>
      <QueryState query={detail}>
        {(data) => (
          <>
            <div className="page-head">
              <h1 data-testid="complex-name">
                {data.complex.name}
                {data.complex.nameKo && (
                  <span className="name-ko" lang="ko">
                    {' '}
                    {data.complex.nameKo}
                  </span>
                )}
                {data.complex.synthetic && <SyntheticBadge />}
              </h1>
              <div className="actions">
                <Link
                  className="button"
                  to={`/organisations?complexId=${data.complex.id}`}
                  data-testid="complex-organisations-link"
                >
                  {t('complex.openDirectory')}
                </Link>
                {auth.canRow('complexes', 'update', data.complex) && (
                  <Link
                    className="button button-primary"
                    to={`/registry/complexes/${data.complex.id}`}
                    data-testid="complex-edit"
                  >
                    {t('complex.edit')}
                  </Link>
                )}
              </div>
            </div>
            <ComplexFacts detail={data} />
            {data.complex.source && (
              <p className="source">
                {t('common.source')}: {data.complex.source}
              </p>
            )}
            <div className="two-col">
              <section className="card">
                <h2>{t('complex.organisationsByKind')}</h2>
                {data.organisationsByKind.some((r) => r.count > 0) && (
                  <p className="note">
                    <SyntheticBadge /> {t('overview.participants.syntheticNote')}
                  </p>
                )}
                <OrganisationsByKind detail={data} />
              </section>
              <section className="card">
                <h2>{t('complex.miniClusters')}</h2>
                <MiniClustersTable detail={data} />
              </section>
            </div>
            <section className="card">
              <h2>{t('complex.taskForce')}</h2>
              <TaskForceTable detail={data} />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
