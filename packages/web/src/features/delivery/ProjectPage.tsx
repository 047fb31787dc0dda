import {
  outcomeKinds,
  projectEvaluationRecommendations,
  type ProjectDetail,
} from '@innocluster/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { AgreementEditor } from './AgreementEditor.tsx';
import { DeliveryNav, StateBadge, StepActions, errorText } from './DeliveryParts.tsx';
import { ReportPanel } from './ReportPanel.tsx';
import { formatKrw, parseKrw } from './delivery-format.ts';

/**
 * Whether the user holds an officer role (admin, programme officer): only they draft agreements
 * and record evaluations (the server checks it again for the project's scope).
 */
function useIsOfficer(): boolean {
  const auth = useAuth();
  return (auth.me.user?.grants ?? []).some(
    (g) => g.role === 'admin' || g.role === 'programme_officer',
  );
}

/** A project at `/projects/:id`: chain, timeline, agreement and money, reports, outcomes, gates. */
export function ProjectPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['delivery', 'project', id],
    queryFn: () => deliveryApi.project(id),
    enabled: Number.isInteger(id) && id > 0,
  });
  const refresh = async () => {
    await query.refetch();
    void client.invalidateQueries({ queryKey: ['delivery', 'projects'] });
  };
  return (
    <div className="page delivery-page">
      <DeliveryNav />
      <QueryState query={query}>
        {(p) => (
          <>
            <div className="page-head">
              <h1 data-testid="project-title">{p.title}</h1>
              <StateBadge state={p.status} testId="project-status" />
              {p.synthetic && <span className="badge">{t('common.synthetic')}</span>}
            </div>
            <ProjectFacts project={p} />
            <Chain project={p} />
            <Timeline project={p} />
            <AgreementSection project={p} onChanged={refresh} />
            <ReportsSection project={p} onChanged={refresh} />
            <OutcomesSection project={p} onChanged={refresh} />
            <EvaluationsSection project={p} onChanged={refresh} />
            <section className="card" data-testid="gate">
              <h2>{t('delivery.gate.title')}</h2>
              <p className="muted">{t('delivery.gate.intro')}</p>
              <StepActions
                entity="project"
                id={p.id}
                allowed={p.allowed}
                onStep={async (step) => {
                  await deliveryApi.projectStep(p.id, step);
                  await refresh();
                }}
              />
            </section>
          </>
        )}
      </QueryState>
    </div>
  );
}

function ProjectFacts({ project: p }: { project: ProjectDetail }) {
  const { t, formatNumber } = useI18n();
  return (
    <section className="kpis">
      <div className="kpi">
        <span className="kpi-label">{t('delivery.grant')}</span>
        <span className="kpi-value">{formatKrw(p.approvedGrantKrw)}</span>
        <span className="kpi-unit">
          {p.instrumentName} · {p.complexName ?? t('common.none')} · {p.leadOrganisationName}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('delivery.period')}</span>
        <span className="kpi-value">
          {p.startOn} – {p.endOn}
        </span>
        <span className="kpi-unit">{p.reportingSchedule}</span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('delivery.paid')}</span>
        <span className="kpi-value" data-testid="project-paid" data-value={p.paidKrw}>
          {formatKrw(p.paidKrw)}
        </span>
      </div>
      <div className="kpi">
        <span className="kpi-label">{t('delivery.daysToFirstMoney')}</span>
        <span
          className="kpi-value"
          data-testid="project-days-to-first-money"
          data-value={p.daysToFirstMoney ?? ''}
        >
          {p.daysToFirstMoney === null ? t('common.none') : formatNumber(p.daysToFirstMoney)}
        </span>
        <span className="kpi-unit">{t('delivery.daysToFirstMoney.unit')}</span>
      </div>
    </section>
  );
}

function Chain({ project: p }: { project: ProjectDetail }) {
  const { t } = useI18n();
  const c = p.chain;
  return (
    <section className="card" data-testid="project-chain">
      <h2>{t('delivery.chain.title')}</h2>
      <ol className="chain">
        <li data-testid="chain-activity">
          {t('delivery.chain.activity')}:{' '}
          {c.activity ? `${c.activity.heldOn} · ${c.activity.kind} · ${c.activity.title}` : '—'}
        </li>
        <li data-testid="chain-demand">
          {t('delivery.chain.demand')}:{' '}
          {c.demand ? `${c.demand.raisedOn} · ${c.demand.title}` : '—'}
        </li>
        <li data-testid="chain-proposal">
          {t('delivery.chain.proposal')}: {c.proposal.title}
          {c.proposal.submittedAt && ` · ${c.proposal.submittedAt.slice(0, 10)}`}
        </li>
        <li data-testid="chain-decision">
          {t('delivery.chain.decision')}:{' '}
          {c.decision
            ? `${c.decision.decidedAt.slice(0, 10)} · ${c.decision.decision} · ${c.decision.reason}`
            : '—'}
        </li>
      </ol>
    </section>
  );
}

function Timeline({ project: p }: { project: ProjectDetail }) {
  const { t } = useI18n();
  return (
    <section className="card" data-testid="project-timeline">
      <h2>{t('delivery.timeline.title')}</h2>
      {p.timeline.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ol className="timeline">
          {p.timeline.map((e, k) => (
            <li key={k} data-testid={`timeline-${e.stage}`} data-stage={e.stage} data-on={e.on}>
              <time>{e.on}</time> <span className="badge">{e.stage}</span> {e.label}
              {e.reason && <span className="muted"> — {e.reason}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AgreementSection({
  project: p,
  onChanged,
}: {
  project: ProjectDetail;
  onChanged: () => Promise<void>;
}) {
  const { t, formatNumber } = useI18n();
  const officer = useIsOfficer();
  const a = p.agreement;
  const editing =
    officer && (a === null || a.status === 'draft' || a.status === 'amendment_proposed');
  return (
    <section className="card" data-testid="agreement">
      <h2>
        {t('delivery.agreement')} {a && <StateBadge state={a.status} testId="agreement-status" />}
      </h2>
      {a && (
        <p className="muted">
          {t('delivery.agreement.offered')} {a.offeredOn ?? '—'} · {t('delivery.agreement.signed')}{' '}
          {a.signedOn ?? '—'} · {t('delivery.agreement.amendments')}{' '}
          <span data-testid="agreement-amendments">{a.amendmentCount}</span>
        </p>
      )}
      {editing && (
        <AgreementEditor
          key={a ? `${a.id}-${a.updatedAt}` : 'new'}
          project={p}
          agreement={a}
          onSaved={() => void onChanged()}
        />
      )}
      {a && (
        <StepActions
          entity="agreement"
          id={a.id}
          allowed={a.allowed}
          onStep={async (step) => {
            await deliveryApi.agreementStep(a.id, step);
            await onChanged();
          }}
        />
      )}
      {a === null && !officer && (
        <p className="muted" data-testid="agreement-none">
          {t('delivery.agreement.none')}
        </p>
      )}
      {a && !editing && (
        <table className="table table-compact" data-testid="agreement-budget">
          <tbody>
            {a.approvedBudget.map((l, k) => (
              <tr key={k}>
                <td>{l.category}</td>
                <td>{l.funder}</td>
                <td className="num">{formatKrw(l.amountKrw)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {a && a.schedule.length > 0 && (
        <>
          <h3>{t('delivery.agreement.schedule')}</h3>
          <div className="table-wrap">
            <table className="table" data-testid="schedule">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('delivery.agreement.date')}</th>
                  <th className="num">{t('delivery.agreement.amount')}</th>
                  <th>{t('delivery.status')}</th>
                  <th>{t('delivery.paidOn')}</th>
                  <th className="num">{t('delivery.daysLate')}</th>
                  <th>{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {a.schedule.map((d) => (
                  <tr
                    key={d.id}
                    data-testid={`instalment-${d.seq}`}
                    data-id={d.id}
                    data-status={d.status}
                  >
                    <td>{d.seq}</td>
                    <td>{d.scheduledOn}</td>
                    <td className="num">{formatKrw(d.amountKrw)}</td>
                    <td>
                      <StateBadge state={d.status} />
                      {d.note && <span className="muted"> {d.note}</span>}
                    </td>
                    <td>{d.paidOn ? `${d.paidOn} · ${formatKrw(d.paidAmountKrw)}` : '—'}</td>
                    <td className="num">
                      {d.daysLate === null
                        ? '—'
                        : `${formatNumber(d.daysLate)} ${t('delivery.unit.days')}`}
                    </td>
                    <td>
                      {(a.status === 'signed' || a.status === 'amendment_proposed') && (
                        <StepActions
                          entity="disbursement"
                          id={d.id}
                          allowed={d.allowed}
                          amount={d.amountKrw}
                          onStep={async (step) => {
                            await deliveryApi.disbursementStep(d.id, step);
                            await onChanged();
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ReportsSection({
  project: p,
  onChanged,
}: {
  project: ProjectDetail;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="card" data-testid="reports">
      <h2>{t('delivery.reports.title')}</h2>
      <p className="muted">{p.reportingSchedule}</p>
      {p.reports.length === 0 ? (
        <p className="muted" data-testid="reports-empty">
          {t('delivery.reports.none')}
        </p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('delivery.report.kind')}</th>
              <th>{t('delivery.period')}</th>
              <th>{t('delivery.report.due')}</th>
              <th>{t('delivery.status')}</th>
              <th className="num">{t('delivery.report.rounds')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {p.reports.map((r, k) => (
              <tr key={r.id} data-testid={`report-row-${k}`} data-id={r.id} data-status={r.status}>
                <td>{r.kind}</td>
                <td>
                  {r.periodStart} – {r.periodEnd}
                </td>
                <td>{r.dueOn}</td>
                <td>
                  <StateBadge state={r.status} />
                </td>
                <td className="num">{r.amendmentRounds}</td>
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setOpen(open === r.id ? null : r.id)}
                    data-testid={`report-open-${k}`}
                  >
                    {open === r.id ? t('delivery.close') : t('delivery.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && (
        <ReportPanel key={open} reportId={open} onChanged={() => void onChanged()} />
      )}
    </section>
  );
}

function OutcomesSection({
  project: p,
  onChanged,
}: {
  project: ProjectDetail;
  onChanged: () => Promise<void>;
}) {
  const { t, formatNumber } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    setError(null);
    try {
      await deliveryApi.createOutcome(p.id, {
        kind: text('kind') as (typeof outcomeKinds)[number],
        title: text('title'),
        occurredOn: text('occurredOn'),
        quantity: text('quantity') ? Number(text('quantity')) : null,
        valueKrw: text('valueKrw') ? parseKrw(text('valueKrw')) : null,
        evidence: text('evidence') || null,
      });
      form.reset();
      await onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section className="card" data-testid="outcomes">
      <h2>{t('delivery.outcomes.title')}</h2>
      {p.outcomes.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact" data-testid="outcomes-table">
            <thead>
              <tr>
                <th>{t('delivery.outcome.date')}</th>
                <th>{t('delivery.outcome.kind')}</th>
                <th>{t('delivery.outcome.title')}</th>
                <th className="num">{t('delivery.outcome.quantity')}</th>
                <th className="num">{t('delivery.outcome.value')}</th>
                <th>{t('delivery.chain.title')}</th>
              </tr>
            </thead>
            <tbody>
              {p.outcomes.map((o) => (
                <tr key={o.id} data-testid={`outcome-${o.id}`}>
                  <td>{o.occurredOn}</td>
                  <td>{o.kind.replace(/_/g, ' ')}</td>
                  <td>{o.title}</td>
                  <td className="num">{formatNumber(o.quantity)}</td>
                  <td className="num">{formatKrw(o.valueKrw)}</td>
                  <td className="muted" data-testid={`outcome-chain-${o.id}`}>
                    {[o.chain.activity?.title, o.chain.demand?.title, o.chain.proposal.title]
                      .filter(Boolean)
                      .join(' → ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="outcome-form">
        <label className="field">
          <span className="field-label">{t('delivery.outcome.kind')}</span>
          <select className="input" name="kind" data-testid="outcome-kind">
            {outcomeKinds.map((k) => (
              <option key={k} value={k}>
                {k.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.outcome.title')}</span>
          <input className="input" name="title" required data-testid="outcome-title" />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.outcome.date')}</span>
          <input
            className="input"
            name="occurredOn"
            type="date"
            required
            data-testid="outcome-date"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.outcome.quantity')}</span>
          <input
            className="input"
            name="quantity"
            type="number"
            min={0}
            data-testid="outcome-quantity"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.outcome.value')}</span>
          <input
            className="input"
            name="valueKrw"
            inputMode="numeric"
            data-testid="outcome-value"
          />
        </label>
        <label className="field">
          <span className="field-label">{t('delivery.outcome.evidence')}</span>
          <input className="input" name="evidence" data-testid="outcome-evidence" />
        </label>
        <div className="form-actions">
          <button type="submit" className="button button-primary" data-testid="outcome-add">
            {t('delivery.outcome.add')}
          </button>
        </div>
        {error && (
          <p className="field-error" role="alert" data-testid="outcome-error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

function EvaluationsSection({
  project: p,
  onChanged,
}: {
  project: ProjectDetail;
  onChanged: () => Promise<void>;
}) {
  const { t } = useI18n();
  const officer = useIsOfficer();
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    setError(null);
    try {
      await deliveryApi.createEvaluation(p.id, {
        kind: text('kind') as 'interim' | 'final',
        evaluatedOn: text('evaluatedOn'),
        score: text('score') ? Number(text('score')) : null,
        recommendation: (text('recommendation') || null) as
          (typeof projectEvaluationRecommendations)[number] | null,
        findings: text('findings') || null,
      });
      form.reset();
      await onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section className="card" data-testid="evaluations">
      <h2>{t('delivery.evaluations.title')}</h2>
      {p.evaluations.length > 0 && (
        <ul>
          {p.evaluations.map((ev) => (
            <li key={ev.id} data-testid={`evaluation-${ev.id}`}>
              {ev.evaluatedOn} · {ev.kind} ·{' '}
              {ev.score === null ? '—' : `${ev.score} ${t('delivery.unit.points')}`}
              {ev.recommendation && ` · ${ev.recommendation}`}
              {ev.findings && <span className="muted"> — {ev.findings}</span>}
            </li>
          ))}
        </ul>
      )}
      {officer && (
        <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="evaluation-form">
          <label className="field">
            <span className="field-label">{t('delivery.evaluation.kind')}</span>
            <select className="input" name="kind" data-testid="evaluation-kind">
              <option value="interim">interim</option>
              <option value="final">final</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('delivery.evaluation.date')}</span>
            <input
              className="input"
              type="date"
              name="evaluatedOn"
              required
              data-testid="evaluation-date"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('delivery.evaluation.score')}</span>
            <input
              className="input"
              type="number"
              min={0}
              max={100}
              name="score"
              data-testid="evaluation-score"
            />
          </label>
          <label className="field">
            <span className="field-label">{t('delivery.evaluation.recommendation')}</span>
            <select className="input" name="recommendation" data-testid="evaluation-recommendation">
              <option value="">—</option>
              {projectEvaluationRecommendations.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('delivery.evaluation.findings')}</span>
            <input className="input" name="findings" data-testid="evaluation-findings" />
          </label>
          <div className="form-actions">
            <button type="submit" className="button" data-testid="evaluation-add">
              {t('delivery.evaluation.add')}
            </button>
          </div>
          {error && <p className="field-error">{error}</p>}
        </form>
      )}
      <p className="muted">
        <Link to="/projects/burden">{t('delivery.burden.title')}</Link>
      </p>
    </section>
  );
}
