import {
  activityKinds,
  type ActivityRow,
  type AttendanceImportResponse,
  type AttendanceDecision,
} from '@innocluster/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-client.ts';
import { networkApi, type ActivityListFilters } from '../../api/network-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useActivities, useActivity } from '../../api/use-network.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { PagedQuery } from '../../components/Pagination.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import { NetworkNav } from './NetworkControls.tsx';
import { OrganisationPicker, type PickedAttendee } from './OrganisationPicker.tsx';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The activity log at `/network/activities`: list with filters, quick entry, attendance import. */
export function ActivityLogPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const { params, update } = useUrlParams();
  const filters: ActivityListFilters = {
    page: Number(params.get('page')) || 1,
    pageSize: 25,
    sort: '-heldOn',
    q: params.get('q') ?? undefined,
    complexId: Number(params.get('complex')) || undefined,
    miniClusterId: Number(params.get('miniCluster')) || undefined,
    kind: params.get('kind') ?? undefined,
    from: isoDate.test(params.get('from') ?? '') ? (params.get('from') as string) : undefined,
    to: isoDate.test(params.get('to') ?? '') ? (params.get('to') as string) : undefined,
  };
  const activities = useActivities(filters);
  const complexes = useEntityList('complexes', { pageSize: 100, sort: 'name' });
  const miniClusters = useEntityList('mini-clusters', {
    pageSize: 1000,
    sort: 'name',
    complexId: filters.complexId,
  });
  const complexName = (id: number | null) =>
    complexes.data?.items.find((c) => c.id === id)?.name ?? (id === null ? '' : String(id));
  const [openId, setOpenId] = useState<number | null>(null);
  const canWrite = auth.can('activities', 'create');

  return (
    <div className="page network-page">
      <NetworkNav />
      <div className="page-head">
        <h1>{t('network.activities.title')}</h1>
      </div>
      {canWrite && <QuickEntry />}
      {canWrite && <AttendanceImport />}
      <section className="card" aria-labelledby="activities-list-title">
        <h2 id="activities-list-title">{t('network.activities.list')}</h2>
        <div className="filters" data-testid="activity-filters">
          <input
            className="input input-search"
            type="search"
            data-testid="activity-search"
            placeholder={t('network.activities.searchPlaceholder')}
            defaultValue={filters.q ?? ''}
            onKeyDown={(e) => {
              if (e.key === 'Enter') update({ q: e.currentTarget.value, page: null });
            }}
          />
          <FilterSelect
            layout="native"
            label={t('network.scope.complex')}
            value={filters.complexId}
            options={(complexes.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v) => update({ complex: v ?? '', miniCluster: null, page: null })}
            testId="activity-complex"
          />
          <FilterSelect
            layout="native"
            label={t('network.scope.miniCluster')}
            value={filters.miniClusterId}
            options={(miniClusters.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
            onChange={(v) => update({ miniCluster: v ?? '', page: null })}
            testId="activity-mini-cluster"
          />
          <FilterSelect
            layout="native"
            label={t('network.activity.kind')}
            value={filters.kind}
            options={activityKinds.map((k) => ({
              value: k,
              label: t(`network.activityKind.${k}`),
            }))}
            onChange={(v) => update({ kind: v ?? '', page: null })}
            testId="activity-kind"
          />
          <label>
            {t('network.from')}{' '}
            <input
              type="date"
              className="input"
              data-testid="activity-from"
              value={filters.from ?? ''}
              onChange={(e) => update({ from: e.target.value, page: null })}
            />
          </label>
          <label>
            {t('network.to')}{' '}
            <input
              type="date"
              className="input"
              data-testid="activity-to"
              value={filters.to ?? ''}
              onChange={(e) => update({ to: e.target.value, page: null })}
            />
          </label>
        </div>
        <PagedQuery query={activities} onPage={(p) => update({ page: p })}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('common.noResults')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="activities-table">
                  <thead>
                    <tr>
                      <th>{t('network.activity.heldOn')}</th>
                      <th>{t('network.activity.title')}</th>
                      <th>{t('network.activity.kind')}</th>
                      <th>{t('network.scope.complex')}</th>
                      <th>{t('network.activity.attendees')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((a) => (
                      <ActivityRowView
                        key={a.id}
                        activity={a}
                        complexName={complexName(a.complexId)}
                        open={openId === a.id}
                        onToggle={() => setOpenId(openId === a.id ? null : a.id)}
                      />
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </PagedQuery>
      </section>
    </div>
  );
}

function ActivityRowView({
  activity: a,
  complexName,
  open,
  onToggle,
}: {
  activity: ActivityRow;
  complexName: string;
  open: boolean;
  onToggle: () => void;
}) {
  const { t, formatNumber } = useI18n();
  return (
    <>
      <tr data-activity={a.id} data-title={a.title}>
        <td>{a.heldOn}</td>
        <td>
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            data-testid="activity-toggle"
            onClick={onToggle}
          >
            {a.title}
          </button>{' '}
          {a.synthetic && <SyntheticBadge />}
        </td>
        <td>{t(`network.activityKind.${a.kind}`)}</td>
        <td>{complexName}</td>
        <td data-col="attendees">{formatNumber(a.attendeeCount)}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={5}>
            <ActivityDetailView id={a.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function ActivityDetailView({ id }: { id: number }) {
  const { t, formatNumber } = useI18n();
  const detail = useActivity(id);
  if (detail.error) return <ErrorMessage error={detail.error} />;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  return (
    <div data-testid="activity-detail">
      {d.topic && (
        <p>
          <strong>{t('network.activity.topic')}:</strong> {d.topic}
        </p>
      )}
      <ul className="plain-list small" data-testid="activity-attendees">
        {d.attendees.map((p) => (
          <li key={p.id} data-match={p.match}>
            {p.organisationName ?? p.nameAsWritten ?? p.personName}
            {p.personName && p.organisationName ? ` (${p.personName})` : ''}{' '}
            <span className="muted">
              {t(`network.match.${p.match}`)}
              {p.matchScore !== null ? ` ${formatNumber(p.matchScore)}` : ''}
            </span>{' '}
            {p.synthetic && <SyntheticBadge />}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Quick entry: one activity with its attendees in a single form, keyboard first. */
function QuickEntry() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const complexes = useEntityList('complexes', { pageSize: 100, sort: 'name' });
  const [kind, setKind] = useState<(typeof activityKinds)[number]>('seminar');
  const [title, setTitle] = useState('');
  const [heldOn, setHeldOn] = useState('');
  const [complexId, setComplexId] = useState('');
  const [miniClusterId, setMiniClusterId] = useState('');
  const [topic, setTopic] = useState('');
  const [attendees, setAttendees] = useState<PickedAttendee[]>([]);
  const miniClusters = useEntityList(
    'mini-clusters',
    { pageSize: 1000, sort: 'name', complexId: Number(complexId) || undefined },
    complexId !== '',
  );
  const create = useMutation({
    mutationFn: () =>
      networkApi.createActivity({
        kind,
        title,
        heldOn,
        topic: topic.trim() || null,
        complexId: Number(complexId) || null,
        miniClusterIds: miniClusterId ? [Number(miniClusterId)] : [],
        attendees: {
          organisationIds: attendees.flatMap((a) => (a.kind === 'organisation' ? [a.id] : [])),
          names: attendees.flatMap((a) => (a.kind === 'name' ? [a.name] : [])),
        },
      }),
    onSuccess: () => {
      setTitle('');
      setTopic('');
      setAttendees([]);
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const fieldError = (field: string) =>
    create.error instanceof ApiError ? create.error.fieldErrors[field] : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <section className="card" aria-labelledby="quick-entry-title">
      <h2 id="quick-entry-title">{t('network.quickEntry')}</h2>
      <form className="form-grid" data-testid="activity-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('network.activity.title')}</span>
          <input
            className="input"
            name="title"
            required
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          {fieldError('title') && (
            <span className="field-error" data-testid="error-title">
              {fieldError('title')}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('network.activity.heldOn')}</span>
          <input
            className="input"
            type="date"
            name="heldOn"
            required
            value={heldOn}
            onChange={(e) => setHeldOn(e.target.value)}
          />
          {fieldError('heldOn') && (
            <span className="field-error" data-testid="error-heldOn">
              {fieldError('heldOn')}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('network.activity.kind')}</span>
          <select
            name="kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as (typeof activityKinds)[number])}
          >
            {activityKinds.map((k) => (
              <option key={k} value={k}>
                {t(`network.activityKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('network.scope.complex')}</span>
          <select
            name="complexId"
            value={complexId}
            onChange={(e) => {
              setComplexId(e.target.value);
              setMiniClusterId('');
            }}
          >
            <option value="">{t('common.none')}</option>
            {complexes.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('network.scope.miniCluster')}</span>
          <select
            name="miniClusterId"
            value={miniClusterId}
            disabled={complexId === ''}
            onChange={(e) => setMiniClusterId(e.target.value)}
          >
            <option value="">{t('common.none')}</option>
            {miniClusters.data?.items.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('network.activity.topic')}</span>
          <input
            className="input"
            name="topic"
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
          />
        </label>
        <div className="field field-wide">
          <span className="field-label">{t('network.attendees')}</span>
          <OrganisationPicker picked={attendees} onChange={setAttendees} />
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="activity-submit"
            disabled={create.isPending}
          >
            {t('network.addActivity')}
          </button>
          {create.isSuccess && (
            <span className="notice" data-testid="activity-saved" role="status">
              {t('common.created')} {create.data.title} ({create.data.attendeeCount}{' '}
              {t('network.activity.attendees')})
            </span>
          )}
        </div>
        {create.error && <ProblemDetails error={create.error} testId="form-errors" />}
      </form>
    </section>
  );
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

type Choice = 'accept' | 'none' | `org:${number}`;

/** Attendance-sheet import: upload, review the proposed matches, commit or discard. */
function AttendanceImport() {
  const { t, formatNumber } = useI18n();
  const queryClient = useQueryClient();
  const [review, setReview] = useState<AttendanceImportResponse | null>(null);
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const upload = useMutation({
    mutationFn: async (file: File) =>
      networkApi.uploadAttendance(file.name, await readBase64(file)),
    onSuccess: (data) => {
      setReview(data);
      const initial: Record<number, Choice> = {};
      for (const r of data.rows) initial[r.row] = r.match === 'none' ? 'none' : 'accept';
      setChoices(initial);
    },
  });
  const commit = useMutation({
    mutationFn: (imp: AttendanceImportResponse) => {
      const decisions: AttendanceDecision[] = imp.rows.map((r) => {
        const c = choices[r.row] ?? 'accept';
        if (c === 'accept' && r.organisationId !== null) return { row: r.row, action: 'accept' };
        if (c.startsWith('org:'))
          return { row: r.row, action: 'choose', organisationId: Number(c.slice(4)) };
        return { row: r.row, action: 'none' };
      });
      return networkApi.commitAttendance(imp.id, { decisions, acceptExact: true });
    },
    onSuccess: (data) => {
      setReview(data);
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
    },
  });
  const discard = useMutation({
    mutationFn: (imp: AttendanceImportResponse) => networkApi.discardAttendance(imp.id),
    onSuccess: () => setReview(null),
  });

  return (
    <section className="card" aria-labelledby="attendance-import-title">
      <h2 id="attendance-import-title">{t('network.import.title')}</h2>
      <p className="small muted">{t('network.import.hint')}</p>
      <input
        type="file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
          e.target.value = '';
        }}
      />
      {upload.isPending && <Loading />}
      {upload.error && <ProblemDetails error={upload.error} testId="import-errors" />}
      {review && (
        <div data-testid="import-review" data-status={review.status}>
          <p>
            <strong>{review.fileName}</strong>: {formatNumber(review.counts.rows)}{' '}
            {t(review.counts.rows === 1 ? 'network.import.oneRow' : 'network.import.rows')},{' '}
            {formatNumber(review.counts.activities)}{' '}
            {t(
              review.counts.activities === 1
                ? 'network.import.oneActivity'
                : 'network.import.activities',
            )}{' '}
            · {t('network.match.exact')} {formatNumber(review.counts.exact)} ·{' '}
            {t('network.match.fuzzy')} {formatNumber(review.counts.fuzzy)} ·{' '}
            {t('network.match.none')} {formatNumber(review.counts.none)}
          </p>
          {review.status === 'review' ? (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="import-table">
                  <thead>
                    <tr>
                      <th>{t('network.import.row')}</th>
                      <th>{t('network.activity.title')}</th>
                      <th>{t('network.activity.heldOn')}</th>
                      <th>{t('network.import.asWritten')}</th>
                      <th>{t('network.import.proposal')}</th>
                      <th>{t('network.import.decision')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {review.rows.map((r) => {
                      const proposal = r.candidates.find(
                        (c) => c.organisationId === r.organisationId,
                      );
                      return (
                        <tr key={r.row} data-row={r.row} data-match={r.match}>
                          <td>{r.row}</td>
                          <td>{r.title}</td>
                          <td>{r.heldOn}</td>
                          <td>
                            {r.organisationName}
                            {r.personName ? ` (${r.personName})` : ''}
                          </td>
                          <td>
                            <span className={`badge badge-match-${r.match}`}>
                              {t(`network.match.${r.match}`)}
                            </span>{' '}
                            {proposal?.name ?? ''}
                            {r.score !== null && (
                              <span className="muted small">
                                {' '}
                                {t('network.import.score')} {formatNumber(r.score)}
                              </span>
                            )}
                          </td>
                          <td>
                            <select
                              data-testid={`decision-${r.row}`}
                              value={choices[r.row] ?? 'accept'}
                              onChange={(e) =>
                                setChoices({ ...choices, [r.row]: e.target.value as Choice })
                              }
                            >
                              {r.organisationId !== null && (
                                <option value="accept">{t('network.import.accept')}</option>
                              )}
                              {r.candidates
                                .filter((c) => c.organisationId !== r.organisationId)
                                .map((c) => (
                                  <option key={c.organisationId} value={`org:${c.organisationId}`}>
                                    {c.name} ({formatNumber(c.score)})
                                  </option>
                                ))}
                              <option value="none">{t('network.import.noMatch')}</option>
                            </select>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <div className="form-actions">
                <button
                  type="button"
                  className="button button-primary"
                  data-testid="import-commit"
                  disabled={commit.isPending}
                  onClick={() => commit.mutate(review)}
                >
                  {t('network.import.commit')}
                </button>
                <button
                  type="button"
                  className="button"
                  data-testid="import-discard"
                  onClick={() => discard.mutate(review)}
                >
                  {t('network.import.discard')}
                </button>
              </div>
              {commit.error && <ProblemDetails error={commit.error} testId="import-errors" />}
            </>
          ) : (
            review.summary && (
              <p className="notice" data-testid="import-summary">
                {t('network.import.committed')}: {formatNumber(review.summary.activities)}{' '}
                {t(
                  review.summary.activities === 1
                    ? 'network.import.oneActivity'
                    : 'network.import.activities',
                )}
                , {formatNumber(review.summary.attendees)} {t('network.activity.attendees')}
              </p>
            )
          )}
        </div>
      )}
    </section>
  );
}
