import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { useEntityList } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import './network.css';

/** The networking area's pages: activity log, explorer, measures dashboard. */
export function NetworkNav() {
  const { t } = useI18n();
  const cls = ({ isActive }: { isActive: boolean }) =>
    isActive ? 'button button-small button-primary' : 'button button-small';
  return (
    <nav className="network-subnav" aria-label={t('network.nav')}>
      <NavLink to="/network/activities" className={cls} data-testid="subnav-activities">
        {t('network.activities.title')}
      </NavLink>
      <NavLink to="/network/explorer" className={cls} data-testid="subnav-explorer">
        {t('network.explorer.title')}
      </NavLink>
      <NavLink to="/network/dashboard" className={cls} data-testid="subnav-dashboard">
        {t('network.dashboard.title')}
      </NavLink>
    </nav>
  );
}

/** Years the programme's networking data can span; the window is chosen by whole years. */
export const networkYears = Array.from({ length: 2025 - 2000 + 1 }, (_, i) => 2000 + i);
const yearOptions = networkYears.map((y) => ({ value: y, label: String(y) }));

/** First and last day of a window given by years (either end open). */
export function yearWindow(from: string | null, to: string | null) {
  return {
    from: from ? `${from}-01-01` : undefined,
    to: to ? `${to}-12-31` : undefined,
  };
}

/**
 * The scope of a network: the whole data, a programme, a complex, a mini-cluster or a province,
 * as the API's `scope` text (`all`, `complex:3`, ...).
 */
export function ScopeSelect({
  value,
  onChange,
  testId = 'network-scope',
}: {
  value: string;
  onChange: (scope: string) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  const programmes = useEntityList('programmes', { pageSize: 100 });
  const complexes = useEntityList('complexes', { pageSize: 100, sort: 'name' });
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000, sort: 'name' });
  const regions = useEntityList('regions', { pageSize: 100, kind: 'province', sort: 'name' });
  return (
    <label>
      {t('network.scope')}{' '}
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="all">{t('network.scope.all')}</option>
        <optgroup label={t('network.scope.programme')}>
          {programmes.data?.items.map((p) => (
            <option key={p.id} value={`programme:${p.id}`}>
              {p.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('network.scope.complex')}>
          {complexes.data?.items.map((c) => (
            <option key={c.id} value={`complex:${c.id}`}>
              {c.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('network.scope.miniCluster')}>
          {miniClusters.data?.items.map((m) => (
            <option key={m.id} value={`mini-cluster:${m.id}`}>
              {m.name}
            </option>
          ))}
        </optgroup>
        <optgroup label={t('network.scope.region')}>
          {regions.data?.items.map((r) => (
            <option key={r.id} value={`region:${r.id}`}>
              {r.name}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

/** A from–to pair of year selects; empty means open-ended. */
export function YearRange({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (change: { from?: string | null; to?: string | null }) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <FilterSelect
        layout="native"
        label={t('network.from')}
        value={from}
        options={yearOptions}
        allLabel={t('network.anyYear')}
        onChange={(v) => onChange({ from: v })}
        testId="network-from"
      />
      <FilterSelect
        layout="native"
        label={t('network.to')}
        value={to}
        options={yearOptions}
        allLabel={t('network.anyYear')}
        onChange={(v) => onChange({ to: v })}
        testId="network-to"
      />
    </>
  );
}

/** The API's default cap on activity size for co-attendance ties (attendees). */
export const defaultMaxAttendees = 50;

/** The cap kept in the URL (`maxAttendees`), or the default when it is missing or not valid. */
export function maxAttendeesOf(param: string | null): number {
  const n = Number(param);
  return param !== null && Number.isInteger(n) && n >= 2 && n <= 100000 ? n : defaultMaxAttendees;
}

/**
 * "Largest activity counted": activities with more attendees add no co-attendance ties. The
 * value is applied on Enter or when the box loses focus (not per keystroke, which would rebuild
 * the network at every digit); values outside 2..100,000 are put back.
 */
export function MaxAttendeesInput({
  value,
  onChange,
}: {
  value: number;
  onChange: (maxAttendees: number) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<string | null>(null);
  const apply = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (draft.trim() !== '' && Number.isInteger(n) && n >= 2 && n <= 100000 && n !== value) {
      onChange(n);
    }
  };
  return (
    <label title={t('network.maxAttendees.help')}>
      {t('network.maxAttendees')}{' '}
      <input
        type="number"
        data-testid="network-max-attendees"
        min={2}
        max={100000}
        step={1}
        style={{ width: '6em' }}
        aria-describedby="network-max-attendees-help"
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
      />{' '}
      <span className="small muted">{t('network.maxAttendees.unit')}</span>
    </label>
  );
}

/** The definition of the activity-size cap, shown under the controls (the input points here). */
export function MaxAttendeesHelp() {
  const { t } = useI18n();
  return (
    <p id="network-max-attendees-help" className="small muted">
      {t('network.maxAttendees.help')}
    </p>
  );
}

/** A bar showing a job's progress (0 to 1) and what it is computing. */
export function JobProgress({
  progress,
  stage,
  testId,
}: {
  progress: number;
  stage: string | null;
  testId: string;
}) {
  const { t } = useI18n();
  const percent = Math.round(progress * 100);
  return (
    <div className="job-progress" data-testid={testId} data-progress={progress}>
      <progress max={100} value={percent} aria-label={t('network.jobProgress')} />
      <span className="small muted">
        {percent}% {stage ? `· ${stage}` : ''}
      </span>
    </div>
  );
}
