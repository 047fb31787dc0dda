import type { IntakeAllowedStep, IntakeEventRow } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { NavLink } from 'react-router-dom';
import { api } from '../../api/api-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import type { MessageKey } from '../../app/i18n-dictionary.ts';
import './intake.css';

/** The label of a workflow state or action (`intake.state.*`, `intake.action.*`). */
export function useIntakeLabels() {
  const { t } = useI18n();
  const label = (prefix: string, value: string) => {
    const key = `${prefix}.${value}` as MessageKey;
    return t(key) ?? value;
  };
  return {
    state: (s: string) => label('intake.state', s),
    action: (a: string) => label('intake.action', a),
    area: (a: string) => label('intake.area', a),
    category: (c: string) => label('intake.category', c),
    funder: (f: string) => label('intake.funder', f),
  };
}

/** Tabs of the Projects area: demands and ideas, calls, proposals. */
export function IntakeNav() {
  const { t } = useI18n();
  const auth = useAuth();
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'button button-small button-primary' : 'button button-small';
  return (
    <nav className="actions intake-tabs" aria-label={t('nav.intake')}>
      {auth.can('demands', 'read') && (
        <NavLink to="/intake/demands" className={cls} data-testid="intake-tab-demands">
          {t('intake.demands.title')}
        </NavLink>
      )}
      {auth.can('calls', 'read') && (
        <NavLink to="/intake/calls" className={cls} end data-testid="intake-tab-calls">
          {t('intake.calls.title')}
        </NavLink>
      )}
      {auth.can('proposals', 'read') && (
        <NavLink to="/intake/proposals" className={cls} end data-testid="intake-tab-proposals">
          {t('intake.proposals.title')}
        </NavLink>
      )}
    </nav>
  );
}

export function StateBadge({ state }: { state: string }) {
  const labels = useIntakeLabels();
  return (
    <span className={`badge intake-state intake-state-${state}`} data-testid="state-badge">
      {labels.state(state)}
    </span>
  );
}

/**
 * Buttons for the workflow steps the caller may take from the current state; a step that needs
 * a reason asks for it first. Steps for other roles are listed, greyed, so the user sees what
 * happens next and who does it.
 */
export function StepButtons({
  allowed,
  busy,
  onStep,
}: {
  allowed: readonly IntakeAllowedStep[];
  busy: boolean;
  onStep: (action: string, reason: string | null) => void;
}) {
  const { t } = useI18n();
  const labels = useIntakeLabels();
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  if (allowed.length === 0) return <p className="muted small">{t('intake.steps.final')}</p>;
  return (
    <div className="intake-steps" data-testid="workflow-steps">
      <div className="form-actions">
        {allowed.map((s) =>
          s.mine ? (
            <button
              key={s.action}
              type="button"
              className="button"
              disabled={busy}
              data-testid={`step-${s.action}`}
              onClick={() => {
                if (s.reasonRequired) {
                  setAsking(s.action);
                  setReason('');
                } else onStep(s.action, null);
              }}
            >
              {labels.action(s.action)}
            </button>
          ) : (
            <span key={s.action} className="muted small" title={s.roles.join(', ')}>
              {labels.action(s.action)} ({s.roles.join(', ')})
            </span>
          ),
        )}
      </div>
      {asking && (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) onStep(asking, reason.trim());
            setAsking(null);
          }}
        >
          <label className="field field-wide">
            <span className="field-label">
              {t('intake.steps.reason')} — {labels.action(asking)}
            </span>
            <textarea
              className="input"
              required
              value={reason}
              data-testid="step-reason"
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="button button-primary" data-testid="step-confirm">
              {labels.action(asking)}
            </button>
            <button type="button" className="button" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The recorded workflow steps of a record, oldest first. */
export function Timeline({ events }: { events: readonly IntakeEventRow[] }) {
  const { t } = useI18n();
  const labels = useIntakeLabels();
  return (
    <section className="card">
      <h3>{t('intake.timeline')}</h3>
      <ol className="plain-list small" data-testid="timeline">
        {events.map((e) => (
          <li key={e.id}>
            <span className="muted">{(e.onDate ?? e.at).slice(0, 10)}</span>{' '}
            <strong>{labels.action(e.action)}</strong> → {labels.state(e.toState)}
            {e.userName ? ` · ${e.userName}` : ''}
            {e.reason ? ` — ${e.reason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The organisations the signed-in user's member grants name (a member acts for these). */
export function useOwnOrganisations(): number[] {
  const auth = useAuth();
  return (auth.me.user?.grants ?? [])
    .filter((g) => g.role === 'member' && g.organisationId !== null)
    .map((g) => g.organisationId as number);
}

/**
 * Picks one organisation of the registry: a search box narrowing a select (the registry can
 * hold thousands). `exclude` hides organisations already chosen elsewhere.
 */
export function OrganisationSelect({
  value,
  onChange,
  testId,
  exclude = [],
  label,
}: {
  value: number | null;
  onChange: (id: number | null, name: string | null) => void;
  testId: string;
  exclude?: readonly number[];
  label: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search.trim()), 200);
    return () => window.clearTimeout(timer);
  }, [search]);
  const list = useQuery({
    queryKey: ['organisations', 'intake-select', debounced],
    queryFn: () =>
      api.list('organisations', { q: debounced || undefined, pageSize: 50, sort: 'name' }),
    placeholderData: (previous) => previous,
  });
  const chosen = useQuery({
    queryKey: ['registry', 'organisations', 'one', value],
    queryFn: () => api.get('organisations', value as number),
    enabled: value !== null,
  });
  const options = (list.data?.items ?? []).filter(
    (o) => !exclude.includes(o.id as number) || o.id === value,
  );
  if (chosen.data && !options.some((o) => o.id === chosen.data.id)) options.unshift(chosen.data);
  return (
    <span className="intake-org-select">
      <span className="field-label">{label}</span>
      <input
        className="input input-search"
        placeholder={t('common.searchPlaceholder')}
        value={search}
        aria-label={`${label}: ${t('common.search')}`}
        data-testid={`${testId}-search`}
        onChange={(e) => setSearch(e.target.value)}
      />
      <select
        className="input"
        value={value ?? ''}
        aria-label={label}
        data-testid={testId}
        onChange={(e) => {
          const id = Number(e.target.value) || null;
          const row = options.find((o) => o.id === id);
          onChange(id, (row?.name as string | undefined) ?? null);
        }}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.id as number} value={o.id as number}>
            {o.name as string}
          </option>
        ))}
      </select>
    </span>
  );
}
