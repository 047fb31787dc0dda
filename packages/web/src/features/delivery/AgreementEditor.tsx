import {
  agreementCostCategories,
  agreementFunders,
  type AgreementRow,
  type ProjectDetail,
} from '@innocluster/contracts';
import { useState } from 'react';
import { ApiError } from '../../api/api-client.ts';
import { deliveryApi } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { errorText } from './DeliveryParts.tsx';
import {
  addMonthsIso,
  formatKrw,
  parseKrw,
  scheduleBalance,
  splitEvenly,
  type InstalmentDraft,
} from './delivery-format.ts';

interface LineDraft {
  category: string;
  funder: string;
  amountKrw: string;
}

/**
 * The agreement and schedule editor: approved budget lines and instalments (date, amount),
 * with the running sum against the approved grant so a schedule that does not add up is seen
 * before it is sent. Creates the agreement, or changes a draft or an amendment.
 */
export function AgreementEditor({
  project,
  agreement,
  onSaved,
}: {
  project: ProjectDetail;
  agreement: AgreementRow | null;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const grant = agreement?.totalGrantKrw ?? project.approvedGrantKrw;
  const editable = agreement?.schedule.filter((d) => d.status === 'scheduled') ?? [];
  const keptKrw =
    agreement?.schedule
      .filter((d) => d.status !== 'scheduled' && d.status !== 'cancelled')
      .reduce((a, d) => a + d.amountKrw, 0) ?? 0;
  const [lines, setLines] = useState<LineDraft[]>(
    agreement
      ? agreement.approvedBudget.map((l) => ({
          category: l.category,
          funder: l.funder,
          amountKrw: String(l.amountKrw),
        }))
      : [{ category: 'personnel', funder: 'public', amountKrw: String(project.approvedGrantKrw) }],
  );
  const [instalments, setInstalments] = useState<InstalmentDraft[]>(
    agreement
      ? editable.map((d) => ({ scheduledOn: d.scheduledOn, amountKrw: String(d.amountKrw) }))
      : [{ scheduledOn: project.startOn, amountKrw: String(project.approvedGrantKrw) }],
  );
  const [terms, setTerms] = useState(agreement?.terms ?? '');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const balance = scheduleBalance(grant - keptKrw, instalments);

  const setInstalment = (k: number, change: Partial<InstalmentDraft>) =>
    setInstalments((rows) => rows.map((r, i) => (i === k ? { ...r, ...change } : r)));
  const setLine = (k: number, change: Partial<LineDraft>) =>
    setLines((rows) => rows.map((r, i) => (i === k ? { ...r, ...change } : r)));
  const split = () => {
    const parts = splitEvenly(grant - keptKrw, instalments.length || 1);
    const first = instalments[0]?.scheduledOn || project.startOn;
    setInstalments(
      parts.map((amount, k) => ({
        scheduledOn: instalments[k]?.scheduledOn || addMonthsIso(first, 6 * k),
        amountKrw: String(amount),
      })),
    );
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const body = {
      approvedBudget: lines.map((l) => ({
        category: l.category as (typeof agreementCostCategories)[number],
        funder: l.funder as (typeof agreementFunders)[number],
        amountKrw: parseKrw(l.amountKrw),
      })),
      schedule: instalments.map((i) => ({
        scheduledOn: i.scheduledOn,
        amountKrw: parseKrw(i.amountKrw),
      })),
      terms: terms.trim() || null,
    };
    try {
      if (agreement) await deliveryApi.updateAgreement(agreement.id, body);
      else await deliveryApi.createAgreement(project.id, body);
      onSaved();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError) setFieldErrors(e.fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="agreement-editor" data-testid="agreement-editor">
      <h3>{t('delivery.agreement.budget')}</h3>
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('delivery.agreement.category')}</th>
            <th>{t('delivery.agreement.funder')}</th>
            <th>{t('delivery.agreement.amount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {lines.map((l, k) => (
            <tr key={k}>
              <td>
                <select
                  className="input"
                  value={l.category}
                  onChange={(e) => setLine(k, { category: e.target.value })}
                  data-testid={`budget-category-${k}`}
                >
                  {agreementCostCategories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  className="input"
                  value={l.funder}
                  onChange={(e) => setLine(k, { funder: e.target.value })}
                  data-testid={`budget-funder-${k}`}
                >
                  {agreementFunders.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  className="input"
                  inputMode="numeric"
                  value={l.amountKrw}
                  onChange={(e) => setLine(k, { amountKrw: e.target.value })}
                  data-testid={`budget-amount-${k}`}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setLines((rows) => rows.filter((_, i) => i !== k))}
                  disabled={lines.length <= 1}
                >
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          setLines((rows) => [...rows, { category: 'equipment', funder: 'public', amountKrw: '' }])
        }
        data-testid="budget-add"
      >
        {t('delivery.agreement.addLine')}
      </button>
      {fieldErrors.approvedBudget && <p className="field-error">{fieldErrors.approvedBudget}</p>}

      <h3>{t('delivery.agreement.schedule')}</h3>
      {keptKrw > 0 && (
        <p className="muted">
          {t('delivery.agreement.kept').replace('{amount}', formatKrw(keptKrw))}
        </p>
      )}
      <table className="table table-compact">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('delivery.agreement.date')}</th>
            <th>{t('delivery.agreement.amount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {instalments.map((i, k) => (
            <tr key={k}>
              <td>{k + 1}</td>
              <td>
                <input
                  className="input"
                  type="date"
                  value={i.scheduledOn}
                  onChange={(e) => setInstalment(k, { scheduledOn: e.target.value })}
                  data-testid={`instalment-date-${k}`}
                />
                {fieldErrors[`schedule.${k}.scheduledOn`] && (
                  <span className="field-error">{fieldErrors[`schedule.${k}.scheduledOn`]}</span>
                )}
              </td>
              <td>
                <input
                  className="input"
                  inputMode="numeric"
                  value={i.amountKrw}
                  onChange={(e) => setInstalment(k, { amountKrw: e.target.value })}
                  data-testid={`instalment-amount-${k}`}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setInstalments((rows) => rows.filter((_, x) => x !== k))}
                  disabled={instalments.length <= 1}
                  data-testid={`instalment-remove-${k}`}
                >
                  {t('common.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            setInstalments((rows) => [
              ...rows,
              {
                scheduledOn: addMonthsIso(rows.at(-1)?.scheduledOn || project.startOn, 6),
                amountKrw: '',
              },
            ])
          }
          data-testid="instalment-add"
        >
          {t('delivery.agreement.addInstalment')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={split}
          data-testid="instalment-split"
        >
          {t('delivery.agreement.split')}
        </button>
      </div>
      <p
        className={balance.valid ? 'muted' : 'field-error'}
        data-testid="schedule-balance"
        data-sum={balance.sumKrw}
        data-difference={balance.differenceKrw}
      >
        {t('delivery.agreement.balance')
          .replace('{sum}', formatKrw(balance.sumKrw))
          .replace('{grant}', formatKrw(grant - keptKrw))}
        {balance.differenceKrw !== 0 &&
          ` — ${(balance.differenceKrw > 0
            ? t('delivery.agreement.over')
            : t('delivery.agreement.short')
          ).replace('{amount}', formatKrw(Math.abs(balance.differenceKrw)))}`}
      </p>
      {fieldErrors.schedule && <p className="field-error">{fieldErrors.schedule}</p>}
      <label className="field">
        <span className="field-label">{t('delivery.agreement.terms')}</span>
        <textarea
          className="input"
          rows={2}
          value={terms}
          onChange={(e) => setTerms(e.target.value)}
          data-testid="agreement-terms"
        />
      </label>
      {error && (
        <p className="field-error" role="alert" data-testid="agreement-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void save()}
          data-testid="agreement-save"
        >
          {agreement ? t('common.save') : t('delivery.agreement.create')}
        </button>
      </div>
    </div>
  );
}
