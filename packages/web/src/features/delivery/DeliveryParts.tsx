import type { AllowedStepDto } from '@innocluster/contracts';
import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { ApiError } from '../../api/api-client.ts';
import type { StepInput } from '../../api/delivery-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import './delivery.css';

/** Sub-navigation of the delivery pages. */
export function DeliveryNav() {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'button button-small button-primary' : 'button button-small';
  return (
    <nav className="network-subnav" aria-label={t('delivery.nav')}>
      <NavLink to="/projects" end className={cls} data-testid="subnav-projects">
        {t('delivery.projects.title')}
      </NavLink>
      <NavLink to="/projects/aging" className={cls} data-testid="subnav-aging">
        {t('delivery.aging.title')}
      </NavLink>
      <NavLink to="/projects/burden" className={cls} data-testid="subnav-burden">
        {t('delivery.burden.title')}
      </NavLink>
    </nav>
  );
}

/** The message of a failed request, with the allowed next steps of a refused transition. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

/** A workflow state as a badge. */
export function StateBadge({ state, testId }: { state: string; testId?: string }) {
  return (
    <span className={`badge state-${state}`} data-testid={testId} data-state={state}>
      {state.replace(/_/g, ' ')}
    </span>
  );
}

/**
 * The next steps of a workflow record as buttons, with the inputs the steps take: a reason
 * (required by some), the day it happened, and for payments the amount, for reports the hours.
 * The server decides who may take a step; a refusal is shown under the buttons.
 */
export function StepActions({
  entity,
  id,
  allowed,
  onStep,
  amount,
  hours,
  extra,
}: {
  entity: string;
  id: number;
  allowed: readonly AllowedStepDto[];
  onStep: (step: StepInput) => Promise<unknown>;
  /** Show the amount input (payments), prefilled with this amount. */
  amount?: number;
  /** Show the paperwork hours input (reports). */
  hours?: boolean;
  /** Added to the steps named (e.g. the report content on submit). */
  extra?: (action: string) => Partial<StepInput>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [onDate, setOnDate] = useState('');
  const [paid, setPaid] = useState(amount === undefined ? '' : String(amount));
  const [hoursText, setHoursText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (allowed.length === 0) return null;
  const prefix = `${entity}-${id}`;
  const needsReason = allowed.some((s) => s.reasonRequired);
  const take = async (action: string) => {
    setBusy(true);
    setError(null);
    try {
      const step: StepInput = { action, ...(extra?.(action) ?? {}) };
      if (reason.trim()) step.reason = reason.trim();
      if (onDate) step.onDate = onDate;
      if (action === 'pay' && paid.trim()) step.paidAmountKrw = Number(paid.replace(/[,\s]/g, ''));
      if (hours && hoursText.trim() && (action === 'submit' || action === 'resubmit'))
        step.paperworkHours = Number(hoursText);
      await onStep(step);
      // A back-dated day belongs to the step it was given for, not to the next one.
      setReason('');
      setOnDate('');
      setHoursText('');
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="step-actions" data-testid={`${prefix}-steps`}>
      <div className="step-inputs">
        <label className="field field-inline">
          <span className="field-label">{t('delivery.step.onDate')}</span>
          <input
            className="input"
            type="date"
            value={onDate}
            onChange={(e) => setOnDate(e.target.value)}
            data-testid={`${prefix}-date`}
          />
        </label>
        {allowed.some((s) => s.action === 'pay') && (
          <label className="field field-inline">
            <span className="field-label">{t('delivery.step.amount')}</span>
            <input
              className="input"
              inputMode="numeric"
              value={paid}
              onChange={(e) => setPaid(e.target.value)}
              data-testid={`${prefix}-amount`}
            />
          </label>
        )}
        {hours && allowed.some((s) => s.action === 'submit' || s.action === 'resubmit') && (
          <label className="field field-inline">
            <span className="field-label">{t('delivery.step.hours')}</span>
            <input
              className="input"
              type="number"
              min={0}
              step={0.5}
              value={hoursText}
              onChange={(e) => setHoursText(e.target.value)}
              data-testid={`${prefix}-hours`}
            />
          </label>
        )}
        {needsReason && (
          <label className="field field-inline field-wide">
            <span className="field-label">{t('delivery.step.reason')}</span>
            <input
              className="input"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid={`${prefix}-reason`}
            />
          </label>
        )}
      </div>
      <div className="form-actions">
        {allowed.map((s) => (
          <button
            key={s.action}
            type="button"
            className="button button-small"
            disabled={busy}
            title={`${s.action} → ${s.to}${s.reasonRequired ? ` (${t('delivery.step.reasonRequired')})` : ''}; ${s.roles.join(', ')}`}
            onClick={() => void take(s.action)}
            data-testid={`${prefix}-${s.action}`}
          >
            {s.action.replace(/_/g, ' ')}
          </button>
        ))}
      </div>
      {error && (
        <p className="field-error" role="alert" data-testid={`${prefix}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
