import { demandStates, supportAreas, type DemandDetail } from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, requestJson } from '../../api/api-client.ts';
import { intakeApi, type DemandFilters } from '../../api/intake-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';
import { ErrorMessage, Loading } from '../../components/QueryState.tsx';
import { SyntheticBadge } from '../../components/SyntheticBadge.tsx';
import { ProblemDetails } from '../mapping/MappingAdminNav.tsx';
import {
  IntakeNav,
  OrganisationSelect,
  StateBadge,
  StepButtons,
  Timeline,
  useIntakeLabels,
  useOwnOrganisations,
} from './IntakeParts.tsx';

/**
 * Demands and ideas at `/intake/demands`: the idea store (state open_idea) and every demand,
 * filtered by mini-cluster, support area and status; a demand's detail with comments, backing
 * and its workflow; a form to record a demand raised at an activity (`?activity=ID` fills it).
 */
export function DemandsPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const labels = useIntakeLabels();
  const { params, update } = useUrlParams();
  const filters: DemandFilters = {
    pageSize: 100,
    miniClusterId: Number(params.get('miniCluster')) || undefined,
    supportArea: params.get('area') ?? undefined,
    status: params.get('status') ?? undefined,
    ideas: params.get('ideas') === '1' ? true : undefined,
    q: params.get('q') ?? undefined,
  };
  const demands = useQuery({
    queryKey: ['intake', 'demands', filters],
    queryFn: () => intakeApi.demands(filters),
    placeholderData: (previous) => previous,
  });
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000, sort: 'name' });
  const openId = Number(params.get('demand')) || null;
  const fromActivity = Number(params.get('activity')) || null;
  const [creating, setCreating] = useState(fromActivity !== null);
  const canCreate = auth.can('demands', 'create');

  return (
    <div className="page intake-page">
      <IntakeNav />
      <div className="page-head">
        <h1>{t('intake.demands.title')}</h1>
        {canCreate && !creating && (
          <button
            type="button"
            className="button button-primary"
            data-testid="demand-new"
            onClick={() => setCreating(true)}
          >
            {t('intake.demands.new')}
          </button>
        )}
      </div>
      <p className="muted">{t('intake.demands.intro')}</p>
      {creating && (
        <DemandForm
          activityId={fromActivity}
          onDone={(id) => {
            setCreating(false);
            if (id) update({ demand: String(id), activity: null });
          }}
        />
      )}
      <div className="filters" data-testid="demand-filters">
        <FilterSelect
          label={t('intake.field.miniCluster')}
          value={filters.miniClusterId}
          options={(miniClusters.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }))}
          onChange={(v) => update({ miniCluster: v })}
          testId="filter-mini-cluster"
        />
        <FilterSelect
          label={t('intake.field.supportArea')}
          value={filters.supportArea}
          options={supportAreas.map((a) => ({ value: a, label: labels.area(a) }))}
          onChange={(v) => update({ area: v })}
          testId="filter-area"
        />
        <FilterSelect
          label={t('intake.field.status')}
          value={filters.status}
          options={demandStates.map((st) => ({ value: st, label: labels.state(st) }))}
          onChange={(v) => update({ status: v })}
          testId="filter-status"
        />
        <label className="field">
          <span className="field-label">{t('intake.demands.ideasOnly')}</span>
          <input
            type="checkbox"
            checked={filters.ideas === true}
            data-testid="filter-ideas"
            onChange={(e) => update({ ideas: e.target.checked ? '1' : null })}
          />
        </label>
      </div>
      <div className="intake-split">
        <div className="table-wrap">
          {demands.error ? (
            <ErrorMessage error={demands.error} onRetry={() => void demands.refetch()} />
          ) : !demands.data ? (
            <Loading />
          ) : (
            <table className="table" data-testid="demands-table">
              <caption>
                {demands.data.total} {t('intake.demands.count')}
              </caption>
              <thead>
                <tr>
                  <th>{t('intake.field.raisedOn')}</th>
                  <th>{t('intake.field.title')}</th>
                  <th>{t('intake.field.supportArea')}</th>
                  <th>{t('intake.field.miniCluster')}</th>
                  <th>{t('intake.field.status')}</th>
                  <th>{t('intake.demands.backing')}</th>
                </tr>
              </thead>
              <tbody>
                {demands.data.items.map((d) => (
                  <tr
                    key={d.id}
                    data-testid="demand-row"
                    className={d.id === openId ? 'selected' : undefined}
                    onClick={() => update({ demand: String(d.id) })}
                    style={{ cursor: 'pointer' }}
                  >
                    <td>{d.raisedOn}</td>
                    <td>
                      <button type="button" className="link-button">
                        {d.title}
                      </button>
                      {d.synthetic && <SyntheticBadge />}
                      <div className="muted small">
                        {d.organisations.map((o) => o.name).join(', ')}
                      </div>
                    </td>
                    <td>{labels.area(d.supportArea)}</td>
                    <td>{d.miniClusterName ?? '—'}</td>
                    <td>
                      <StateBadge state={d.status} />
                    </td>
                    <td>
                      {d.backingCount} · {d.commentCount} {t('intake.demands.comments')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div>{openId !== null && <DemandPanel id={openId} />}</div>
      </div>
    </div>
  );
}

/** One demand: details, workflow steps, comments, backing, and proposals answering it. */
function DemandPanel({ id }: { id: number }) {
  const { t } = useI18n();
  const auth = useAuth();
  const labels = useIntakeLabels();
  const client = useQueryClient();
  const own = useOwnOrganisations();
  const [comment, setComment] = useState('');
  const [backer, setBacker] = useState<number | null>(own[0] ?? null);
  const [editing, setEditing] = useState(false);
  const demand = useQuery({
    queryKey: ['intake', 'demand', id],
    queryFn: () => intakeApi.demand(id),
  });
  const done = (d: DemandDetail) => {
    client.setQueryData(['intake', 'demand', id], d);
    void client.invalidateQueries({ queryKey: ['intake', 'demands'] });
  };
  const step = useMutation({
    mutationFn: (v: { action: string; reason: string | null }) => intakeApi.demandStep(id, v),
    onSuccess: done,
  });
  const addComment = useMutation({
    mutationFn: () => intakeApi.comment(id, comment),
    onSuccess: (d) => {
      setComment('');
      done(d);
    },
  });
  const back = useMutation({
    mutationFn: () => intakeApi.back(id, backer as number, null),
    onSuccess: done,
  });
  const unback = useMutation({
    mutationFn: (organisationId: number) => intakeApi.unback(id, organisationId),
    onSuccess: done,
  });
  if (demand.error) return <ErrorMessage error={demand.error} />;
  if (!demand.data) return <Loading />;
  const d = demand.data;
  const canComment = auth.can('demands', 'create');
  if (editing) return <DemandForm activityId={null} demand={d} onDone={() => setEditing(false)} />;
  return (
    <section className="card" data-testid="demand-detail">
      <h2>
        {d.title} <StateBadge state={d.status} />
      </h2>
      <p className="muted small">
        {labels.area(d.supportArea)} · {d.field ?? '—'} · {d.raisedOn}
        {d.activityTitle ? ` · ${d.activityTitle}` : ''}
        {d.miniClusterName ? ` · ${d.miniClusterName}` : ''}
      </p>
      {d.description && <p>{d.description}</p>}
      <p className="small">
        {t('intake.demands.raisedBy')}: {d.organisations.map((o) => o.name).join(', ') || '—'}
      </p>
      {auth.can('demands', 'update') && (
        <p>
          <button
            type="button"
            className="button"
            data-testid="demand-edit"
            onClick={() => setEditing(true)}
          >
            {t('intake.demands.edit')}
          </button>
        </p>
      )}
      <StepButtons
        allowed={d.allowed}
        busy={step.isPending}
        onStep={(action, reason) => step.mutate({ action, reason })}
      />
      {step.error && <ProblemDetails error={step.error} testId="demand-step-error" />}
      {auth.can('proposals', 'create') && (
        <p>
          <Link
            className="button"
            to={`/intake/proposals/new?demandId=${d.id}`}
            data-testid="demand-answer"
          >
            {t('intake.demands.answer')}
          </Link>
        </p>
      )}
      {d.proposals.length > 0 && (
        <>
          <h3>{t('intake.proposals.title')}</h3>
          <ul className="plain-list">
            {d.proposals.map((p) => (
              <li key={p.id}>
                <Link to={`/intake/proposals/${p.id}`}>{p.title}</Link>{' '}
                <StateBadge state={p.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>
        {t('intake.demands.backing')} ({d.backingCount})
      </h3>
      <ul className="plain-list small" data-testid="demand-backings">
        {d.backings.map((b) => (
          <li key={b.organisationId}>
            {b.organisationName}
            {b.note ? ` — ${b.note}` : ''}
            {own.includes(b.organisationId) && (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  data-testid="demand-unback"
                  onClick={() => unback.mutate(b.organisationId)}
                >
                  {t('intake.demands.unback')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <form
          className="form-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (backer) back.mutate();
          }}
        >
          {own.length === 0 && (
            <OrganisationSelect
              value={backer}
              onChange={(v) => setBacker(v)}
              testId="backing-organisation"
              label={t('intake.demands.backAs')}
            />
          )}
          <button type="submit" className="button" disabled={!backer} data-testid="demand-back">
            {t('intake.demands.back')}
          </button>
        </form>
      )}
      {back.error && <ProblemDetails error={back.error} testId="demand-back-error" />}
      <h3>
        {t('intake.demands.comments')} ({d.comments.length})
      </h3>
      <ul className="plain-list small" data-testid="demand-comments">
        {d.comments.map((c) => (
          <li key={c.id}>
            <strong>{c.userName ?? '—'}</strong>{' '}
            <span className="muted">{c.createdAt.slice(0, 10)}</span>
            <div>{c.body}</div>
          </li>
        ))}
      </ul>
      {canComment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (comment.trim()) addComment.mutate();
          }}
        >
          <textarea
            className="input"
            value={comment}
            aria-label={t('intake.demands.comment')}
            data-testid="demand-comment-text"
            onChange={(e) => setComment(e.target.value)}
          />
          <button type="submit" className="button" data-testid="demand-comment-submit">
            {t('intake.demands.comment')}
          </button>
        </form>
      )}
      {addComment.error && (
        <ProblemDetails error={addComment.error} testId="demand-comment-error" />
      )}
      <Timeline events={d.events} />
    </section>
  );
}

interface ActivityOption {
  id: number;
  title: string;
  heldOn: string;
}

/** Records a demand raised at an activity; the server fills complex, mini-cluster and date. */
/**
 * The demand form: records a new demand, or with `demand` edits that one (PATCH; the raising
 * organisations beyond the first are kept as they are, the date raised is not changed here).
 */
function DemandForm({
  activityId,
  demand,
  onDone,
}: {
  activityId: number | null;
  demand?: DemandDetail;
  onDone: (id: number | null) => void;
}) {
  const { t } = useI18n();
  const labels = useIntakeLabels();
  const client = useQueryClient();
  const own = useOwnOrganisations();
  const [activity, setActivity] = useState<number | null>(demand?.activityId ?? activityId);
  const [miniCluster, setMiniCluster] = useState<number | null>(demand?.miniClusterId ?? null);
  const [title, setTitle] = useState(demand?.title ?? '');
  const [area, setArea] = useState<string>(demand?.supportArea ?? 'rd');
  const [field, setField] = useState(demand?.field ?? '');
  const [description, setDescription] = useState(demand?.description ?? '');
  const [organisation, setOrganisation] = useState<number | null>(
    demand ? (demand.organisations[0]?.id ?? null) : (own[0] ?? null),
  );
  const activities = useQuery({
    queryKey: ['intake', 'activities-for-demand'],
    queryFn: () =>
      requestJson<{ items: ActivityOption[] }>(
        'GET',
        '/api/v1/activities?pageSize=200&sort=-heldOn',
      ),
  });
  // The activity asked for may be older than the recent ones listed: fetch it to show it.
  const chosenActivity = useQuery({
    queryKey: ['intake', 'activity', activity],
    queryFn: () => requestJson<ActivityOption>('GET', `/api/v1/activities/${activity}`),
    enabled: activity !== null,
  });
  const activityOptions = [...(activities.data?.items ?? [])];
  if (chosenActivity.data && !activityOptions.some((a) => a.id === chosenActivity.data.id))
    activityOptions.unshift(chosenActivity.data);
  const miniClusters = useEntityList('mini-clusters', { pageSize: 1000, sort: 'name' });
  const create = useMutation({
    mutationFn: () => {
      const body = {
        activityId: activity,
        miniClusterId: miniCluster,
        title,
        supportArea: area as 'rd',
        field: field.trim() || null,
        description: description.trim() || null,
        organisationIds: organisation ? [organisation] : [],
      };
      if (!demand) return intakeApi.createDemand(body);
      const others = demand.organisations.slice(1).map((o) => o.id);
      return intakeApi.updateDemand(demand.id, {
        ...body,
        organisationIds: [...new Set([...body.organisationIds, ...others])],
      });
    },
    onSuccess: (d) => {
      client.setQueryData(['intake', 'demand', d.id], d);
      void client.invalidateQueries({ queryKey: ['intake', 'demands'] });
      onDone(d.id);
    },
  });
  const errors = create.error instanceof ApiError ? create.error.fieldErrors : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form className="card form-grid" onSubmit={submit} data-testid="demand-form">
      <h2 className="field-wide">{t(demand ? 'intake.demands.edit' : 'intake.demands.new')}</h2>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.activity')}</span>
        <select
          className="input"
          value={activity ?? ''}
          data-testid="demand-activity"
          onChange={(e) => setActivity(Number(e.target.value) || null)}
        >
          <option value="">—</option>
          {activityOptions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.heldOn} · {a.title}
            </option>
          ))}
        </select>
        {errors.activityId && <span className="field-error">{errors.activityId}</span>}
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.miniCluster')}</span>
        <select
          className="input"
          value={miniCluster ?? ''}
          data-testid="demand-mini-cluster"
          onChange={(e) => setMiniCluster(Number(e.target.value) || null)}
        >
          <option value="">{t('intake.demands.fromActivity')}</option>
          {(miniClusters.data?.items ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        {errors.miniClusterId && <span className="field-error">{errors.miniClusterId}</span>}
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.supportArea')}</span>
        <select
          className="input"
          value={area}
          data-testid="demand-area"
          onChange={(e) => setArea(e.target.value)}
        >
          {supportAreas.map((a) => (
            <option key={a} value={a}>
              {labels.area(a)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.title')}</span>
        <input
          className="input"
          required
          value={title}
          data-testid="demand-title"
          onChange={(e) => setTitle(e.target.value)}
        />
        {errors.title && <span className="field-error">{errors.title}</span>}
      </label>
      <label className="field">
        <span className="field-label">{t('intake.field.field')}</span>
        <input className="input" value={field} onChange={(e) => setField(e.target.value)} />
      </label>
      <div className="field">
        <OrganisationSelect
          value={organisation}
          onChange={(v) => setOrganisation(v)}
          testId="demand-organisation"
          label={t('intake.demands.raisedBy')}
        />
        {errors['organisationIds.0'] && (
          <span className="field-error">{errors['organisationIds.0']}</span>
        )}
      </div>
      <label className="field field-wide">
        <span className="field-label">{t('intake.field.description')}</span>
        <textarea
          className="input"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </label>
      {create.error && <ProblemDetails error={create.error} testId="demand-form-error" />}
      <div className="form-actions field-wide">
        <button
          type="submit"
          className="button button-primary"
          disabled={create.isPending}
          data-testid="demand-save"
        >
          {t(demand ? 'common.save' : 'common.create')}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
