import type { AgingGroup } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { DeliveryFilterBar, useDeliveryFilters } from './DeliveryFilters.tsx';
import { DeliveryNav } from './DeliveryParts.tsx';
import { formatKrw } from './delivery-format.ts';

/** Rows shown before "show all": the demo alone has dozens of late projects. */
const shortList = 25;

function ShowAll({
  total,
  shown,
  onShowAll,
}: {
  total: number;
  shown: number;
  onShowAll: () => void;
}) {
  const { t } = useI18n();
  if (shown >= total) return null;
  return (
    <button type="button" className="button button-small" onClick={onShowAll}>
      {t('delivery.showAll').replace('{count}', String(total))}
    </button>
  );
}

function AgingTable({
  title,
  groups,
  testId,
}: {
  title: string;
  groups: AgingGroup[];
  testId: string;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? groups : groups.slice(0, shortList);
  const labels = ['0-30', '31-60', '61-90', '>90'];
  return (
    <section className="card">
      <h2>{title}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t('delivery.aging.noneLate')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" data-testid={testId}>
            <thead>
              <tr>
                <th />
                {labels.map((l) => (
                  <th key={`o${l}`} className="num">
                    {t('delivery.aging.outstanding')} {l} {t('delivery.unit.days')}
                  </th>
                ))}
                {labels.map((l) => (
                  <th key={`p${l}`} className="num">
                    {t('delivery.aging.paidLate')} {l} {t('delivery.unit.days')}
                  </th>
                ))}
                <th className="num">{t('delivery.aging.lateInstalments')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((g) => (
                <tr key={g.key} data-testid={`${testId}-${g.key}`}>
                  <td>{g.label}</td>
                  {g.outstanding.map((b) => (
                    <td key={`o${b.label}`} className="num" data-instalments={b.instalments}>
                      {b.instalments ? `${b.instalments} · ${formatKrw(b.amountKrw)}` : '—'}
                    </td>
                  ))}
                  {g.paidLate.map((b) => (
                    <td key={`p${b.label}`} className="num" data-instalments={b.instalments}>
                      {b.instalments ? `${b.instalments} · ${formatKrw(b.amountKrw)}` : '—'}
                    </td>
                  ))}
                  <td className="num">{g.lateInstalments}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ShowAll total={groups.length} shown={shown.length} onShowAll={() => setAll(true)} />
        </div>
      )}
    </section>
  );
}

/** Payments late against schedule at `/projects/aging`, in 30-day bands. */
export function PaymentsAgingPage() {
  const { t } = useI18n();
  const [allLate, setAllLate] = useState(false);
  const filters = useDeliveryFilters();
  const query = useQuery({
    queryKey: ['delivery', 'aging', filters],
    queryFn: () => deliveryApi.aging(filters),
  });
  return (
    <div className="page delivery-page">
      <DeliveryNav />
      <div className="page-head">
        <h1>{t('delivery.aging.title')}</h1>
      </div>
      <DeliveryFilterBar />
      <QueryState query={query}>
        {(a) => (
          <>
            <p className="muted" data-testid="aging-definition">
              {t('delivery.asOf')} {a.asOf}. {a.definition}
            </p>
            <AgingTable title={t('delivery.aging.total')} groups={[a.total]} testId="aging-total" />
            <AgingTable
              title={t('delivery.byProject')}
              groups={a.byProject}
              testId="aging-project"
            />
            <AgingTable
              title={t('delivery.byInstrument')}
              groups={a.byInstrument}
              testId="aging-instrument"
            />
            <AgingTable
              title={t('delivery.byComplex')}
              groups={a.byComplex}
              testId="aging-complex"
            />
            <section className="card">
              <h2>{t('delivery.aging.late')}</h2>
              {a.late.length === 0 ? (
                <p className="muted">{t('delivery.aging.noneLate')}</p>
              ) : (
                <table className="table table-compact" data-testid="aging-late">
                  <thead>
                    <tr>
                      <th>{t('delivery.project')}</th>
                      <th>#</th>
                      <th>{t('delivery.agreement.date')}</th>
                      <th className="num">{t('delivery.agreement.amount')}</th>
                      <th>{t('delivery.paidOn')}</th>
                      <th className="num">{t('delivery.daysLate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(allLate ? a.late : a.late.slice(0, shortList)).map((l) => (
                      <tr key={l.disbursementId} data-testid={`aging-late-${l.disbursementId}`}>
                        <td>
                          <Link to={`/projects/${l.projectId}`}>{l.projectTitle}</Link>
                        </td>
                        <td>{l.seq}</td>
                        <td>{l.scheduledOn}</td>
                        <td className="num">{formatKrw(l.amountKrw)}</td>
                        <td>
                          {l.settledOn ??
                            `${t('delivery.aging.unpaid')} ${formatKrw(l.amountKrw - l.paidKrw)}`}
                        </td>
                        <td className="num">
                          {l.daysLate} {t('delivery.unit.days')} ({l.bucket})
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <ShowAll
                total={a.late.length}
                shown={allLate ? a.late.length : Math.min(shortList, a.late.length)}
                onShowAll={() => setAllLate(true)}
              />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}
