import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { StateBadge, StepActions } from './DeliveryParts.tsx';
import { formatKrw } from './delivery-format.ts';

/**
 * One report: what the system already holds for its period (activities, outcomes, payments,
 * share of the grant paid) shown as the report's content, the narrative — the only part the
 * team writes — and its workflow (submit, request amendment with a reason, resubmit, accept).
 */
export function ReportPanel({ reportId, onChanged }: { reportId: number; onChanged: () => void }) {
  const { t, formatNumber } = useI18n();
  const query = useQuery({
    queryKey: ['delivery', 'report', reportId],
    queryFn: () => deliveryApi.report(reportId),
  });
  const [narrative, setNarrative] = useState<string | null>(null);
  return (
    <section className="card report-panel" data-testid={`report-panel-${reportId}`}>
      <QueryState query={query}>
        {(report) => {
          const stored = report.content as { narrative?: string };
          const editing = report.status === 'due' || report.status === 'amendment_requested';
          const text = narrative ?? stored.narrative ?? '';
          const shown = editing ? report.prefill : (report.content as typeof report.prefill);
          return (
            <>
              <h3>
                {t('delivery.report')} {report.kind} · {report.periodStart} – {report.periodEnd}{' '}
                <StateBadge state={report.status} testId="report-status" />
              </h3>
              <p className="muted">
                {t('delivery.report.due')} {report.dueOn} · {t('delivery.report.rounds')}{' '}
                <span data-testid="report-rounds">{report.amendmentRounds}</span> ·{' '}
                {t('delivery.report.hours')}{' '}
                {report.paperworkHours === null
                  ? t('common.none')
                  : `${formatNumber(report.paperworkHours)} ${t('delivery.unit.hours')}`}
              </p>
              {editing && <p className="muted">{t('delivery.report.prefillNote')}</p>}
              <div className="report-prefill" data-testid="report-prefill">
                <h4>{t('delivery.report.activities')}</h4>
                {(shown?.activities ?? []).length === 0 ? (
                  <p className="muted">{t('common.none')}</p>
                ) : (
                  <ul data-testid="report-activities">
                    {(shown?.activities ?? []).map((a) => (
                      <li key={a.id}>
                        {a.heldOn} · {a.kind} · {a.title}
                      </li>
                    ))}
                  </ul>
                )}
                <h4>{t('delivery.report.outcomes')}</h4>
                {(shown?.outcomes ?? []).length === 0 ? (
                  <p className="muted">{t('common.none')}</p>
                ) : (
                  <ul data-testid="report-outcomes">
                    {(shown?.outcomes ?? []).map((o) => (
                      <li key={o.id}>
                        {o.occurredOn} · {o.kind.replace(/_/g, ' ')} · {o.title}
                        {o.valueKrw !== null && ` · ${formatKrw(o.valueKrw)}`}
                      </li>
                    ))}
                  </ul>
                )}
                <h4>{t('delivery.report.money')}</h4>
                <ul data-testid="report-money">
                  {(shown?.disbursements ?? []).map((d) => (
                    <li key={d.seq}>
                      {t('delivery.instalment')} {d.seq} · {d.paidOn} · {formatKrw(d.amountKrw)}
                    </li>
                  ))}
                  {shown?.budget && (
                    <li data-testid="report-paid-to-date" data-value={shown.budget.paidToDateKrw}>
                      {t('delivery.report.paidToDate')}: {formatKrw(shown.budget.paidToDateKrw)} /{' '}
                      {formatKrw(shown.budget.approvedGrantKrw)}
                      {shown.budget.spentShare !== null &&
                        ` (${(shown.budget.spentShare * 100).toFixed(0)}%)`}
                    </li>
                  )}
                </ul>
              </div>
              <label className="field">
                <span className="field-label">{t('delivery.report.narrative')}</span>
                <textarea
                  className="input"
                  rows={4}
                  value={text}
                  readOnly={!editing}
                  onChange={(e) => setNarrative(e.target.value)}
                  data-testid="report-narrative"
                />
              </label>
              <StepActions
                entity="report"
                id={report.id}
                allowed={report.allowed}
                hours
                extra={(action) =>
                  action === 'submit' || action === 'resubmit'
                    ? { content: { ...report.prefill, narrative: text } }
                    : {}
                }
                onStep={async (step) => {
                  await deliveryApi.reportStep(report.id, step);
                  setNarrative(null);
                  await query.refetch();
                  onChanged();
                }}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
