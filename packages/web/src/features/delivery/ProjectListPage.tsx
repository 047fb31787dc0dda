import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { DeliveryFilterBar, useDeliveryFilters } from './DeliveryFilters.tsx';
import { DeliveryNav, StateBadge } from './DeliveryParts.tsx';
import { formatKrw } from './delivery-format.ts';

const statuses = ['active', 'interim_review', 'continued', 'terminated', 'closed'];

/** Funded projects at `/projects`: agreement state, money paid, days to first money. */
export function ProjectListPage() {
  const { t, formatNumber } = useI18n();
  const { params, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const { asOf: _asOf, ...filters } = useDeliveryFilters();
  const query = useQuery({
    queryKey: ['delivery', 'projects', q, status, page, filters],
    queryFn: () =>
      deliveryApi.projects({
        ...filters,
        q: q || undefined,
        status: status || undefined,
        page,
        pageSize: 50,
      }),
    placeholderData: (previous) => previous,
  });
  return (
    <div className="page delivery-page">
      <DeliveryNav />
      <div className="page-head">
        <h1>{t('delivery.projects.title')}</h1>
      </div>
      <p className="muted">{t('delivery.projects.intro')}</p>
      <DeliveryFilterBar withAsOf={false} />
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('common.search')}</span>
          <input
            className="input"
            defaultValue={q}
            placeholder={t('delivery.projects.search')}
            onKeyDown={(e) => {
              if (e.key === 'Enter')
                update({ q: (e.target as HTMLInputElement).value, page: null });
            }}
            data-testid="projects-search"
          />
        </label>
        <FilterSelect
          label={t('delivery.status')}
          value={status}
          options={statuses.map((s) => ({ value: s, label: s.replace(/_/g, ' ') }))}
          onChange={(v) => update({ status: v ?? '', page: null })}
          testId="projects-status"
        />
      </div>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted" data-testid="projects-empty">
              {t('delivery.projects.empty')}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="projects-table" data-total={data.total}>
                <thead>
                  <tr>
                    <th>{t('delivery.project')}</th>
                    <th>{t('delivery.instrument')}</th>
                    <th>{t('delivery.complex')}</th>
                    <th>{t('delivery.lead')}</th>
                    <th>{t('delivery.start')}</th>
                    <th className="num">{t('delivery.grant')}</th>
                    <th>{t('delivery.status')}</th>
                    <th>{t('delivery.agreement')}</th>
                    <th className="num">{t('delivery.paid')}</th>
                    <th className="num">{t('delivery.daysToFirstMoney')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((p) => (
                    <tr key={p.id} data-testid={`project-row-${p.id}`}>
                      <td>
                        <Link to={`/projects/${p.id}`} data-testid={`project-link-${p.id}`}>
                          {p.title}
                        </Link>
                        {p.synthetic && <span className="badge"> {t('common.synthetic')}</span>}
                      </td>
                      <td>{p.instrumentName}</td>
                      <td>{p.complexName ?? t('common.none')}</td>
                      <td>{p.leadOrganisationName}</td>
                      <td>{p.startOn}</td>
                      <td className="num">{formatKrw(p.approvedGrantKrw)}</td>
                      <td>
                        <StateBadge state={p.status} />
                      </td>
                      <td>{p.agreementStatus ? <StateBadge state={p.agreementStatus} /> : '—'}</td>
                      <td className="num">{formatKrw(p.paidKrw)}</td>
                      <td className="num" data-testid={`project-days-${p.id}`}>
                        {p.daysToFirstMoney === null
                          ? t('common.none')
                          : `${formatNumber(p.daysToFirstMoney)} ${t('delivery.unit.days')}`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-small"
                  disabled={page <= 1}
                  onClick={() => update({ page: page - 1 })}
                >
                  {t('common.previous')}
                </button>
                <span className="muted">
                  {t('common.page')} {page} · {formatNumber(data.total)}{' '}
                  {t('delivery.unit.projects')}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={page * data.pageSize >= data.total}
                  onClick={() => update({ page: page + 1 })}
                >
                  {t('common.next')}
                </button>
              </div>
            </div>
          )
        }
      </QueryState>
    </div>
  );
}
