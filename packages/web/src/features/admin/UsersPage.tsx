import type { User } from '@innocluster/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';

import { ApiError, authApi } from '../../api/api-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { PagedQuery } from '../../components/Pagination.tsx';
import { ErrorMessage } from '../../components/QueryState.tsx';
import { GrantLabel } from '../auth/grant-label.tsx';
import { formatDateTime, OneTimePasswordNotice } from '../auth/SecretNotice.tsx';
import { AssignmentsSection } from './AssignmentsSection.tsx';
import { emptyGrant, GrantFields, grantFromDraft, type GrantDraft } from './GrantForm.tsx';

const pageSize = 25;

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['users'] });
}

function problemText(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

function NewUserForm({
  onCreated,
}: {
  onCreated: (email: string, password: string | null) => void;
}) {
  const { t } = useI18n();
  const invalidate = useInvalidateUsers();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [grant, setGrant] = useState<GrantDraft>(emptyGrant);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: Parameters<typeof authApi.createUser>[0]) => authApi.createUser(body),
    onSuccess: async (created) => {
      setEmail('');
      setName('');
      setGrant(emptyGrant);
      setErrors({});
      setSummary(null);
      await invalidate();
      onCreated(created.user.email, created.oneTimePassword);
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const found: Record<string, string> = {};
        for (const [k, v] of Object.entries(error.fieldErrors)) {
          found[k.startsWith('grants') ? (k.endsWith('role') ? 'role' : 'scope') : k] = v;
        }
        setErrors(found);
        if (Object.keys(found).length > 0) {
          setSummary(t('form.errorsSummary'));
          return;
        }
      }
      setSummary(problemText(error));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('users.invalidEmail');
    if (!name.trim()) found.name = t('form.required');
    const g = grantFromDraft(grant);
    if (g === 'role') found.role = t('form.required');
    if (g === 'scope') found.scope = t('form.required');
    setErrors(found);
    if (Object.keys(found).length > 0 || typeof g === 'string') {
      setSummary(t('form.errorsSummary'));
      return;
    }
    setSummary(null);
    mutation.mutate({ email: email.trim(), name: name.trim(), grants: [g] });
  }

  return (
    <form className="entity-form" onSubmit={submit} noValidate data-testid="user-form">
      {summary && (
        <div className="form-errors" role="alert" data-testid="form-errors">
          <strong>{summary}</strong>
        </div>
      )}
      <div className="form-grid">
        <label className="field">
          <span className="field-label">{t('login.email')}</span>
          <input
            name="email"
            type="email"
            value={email}
            aria-invalid={errors.email ? true : undefined}
            onChange={(e) => setEmail(e.target.value)}
          />
          {errors.email && (
            <span className="field-error" data-testid="error-email">
              {errors.email}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('profile.name')}</span>
          <input
            name="name"
            value={name}
            aria-invalid={errors.name ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {errors.name && (
            <span className="field-error" data-testid="error-name">
              {errors.name}
            </span>
          )}
        </label>
        <GrantFields idPrefix="new-user" draft={grant} errors={errors} onChange={setGrant} />
      </div>
      <p className="muted small">{t('users.oneTimeExplained')}</p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="user-create"
          disabled={mutation.isPending}
        >
          {t('users.create')}
        </button>
      </div>
    </form>
  );
}

function AddGrantForm({ user }: { user: User }) {
  const { t } = useI18n();
  const invalidate = useInvalidateUsers();
  const [grant, setGrant] = useState<GrantDraft>(emptyGrant);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: (body: Exclude<ReturnType<typeof grantFromDraft>, string>) =>
      authApi.addGrant(user.id, body),
    onSuccess: async () => {
      setGrant(emptyGrant);
      await invalidate();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const g = grantFromDraft(grant);
    if (typeof g === 'string') {
      setErrors({ [g]: t('form.required') });
      return;
    }
    setErrors({});
    mutation.mutate(g);
  }
  return (
    <form className="inline-form" onSubmit={submit} noValidate data-testid="grant-form">
      <GrantFields
        idPrefix={`grant-${user.id}`}
        draft={grant}
        errors={errors}
        onChange={setGrant}
      />
      <button
        type="submit"
        className="button button-primary"
        data-testid="grant-add"
        disabled={mutation.isPending}
      >
        {t('users.addGrant')}
      </button>
      {mutation.error && <p className="field-error">{problemText(mutation.error)}</p>}
    </form>
  );
}

function UserDetail({
  user,
  onPassword,
}: {
  user: User;
  onPassword: (email: string, password: string) => void;
}) {
  const { t, language } = useI18n();
  const auth = useAuth();
  const invalidate = useInvalidateUsers();
  const update = useMutation({
    mutationFn: (body: Parameters<typeof authApi.updateUser>[1]) =>
      authApi.updateUser(user.id, body),
    onSuccess: async (result) => {
      await invalidate();
      if (result.oneTimePassword) onPassword(result.user.email, result.oneTimePassword);
    },
  });
  const removeGrant = useMutation({
    mutationFn: (grantId: number) => authApi.removeGrant(user.id, grantId),
    onSuccess: invalidate,
  });
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();
  const self = auth.me.user?.id === user.id;
  return (
    <section className="card user-detail" data-testid="user-detail" data-email={user.email}>
      <div className="page-head">
        <h2>
          {user.name} <span className="muted small">{user.email}</span>
        </h2>
        <div className="actions">
          {locked && (
            <button
              type="button"
              className="button"
              data-testid="user-unlock"
              onClick={() => update.mutate({ unlock: true })}
            >
              {t('users.unlock')}
            </button>
          )}
          <button
            type="button"
            className="button"
            data-testid="user-reset-password"
            onClick={() => {
              if (window.confirm(t('users.confirmReset'))) update.mutate({ resetPassword: true });
            }}
          >
            {t('users.resetPassword')}
          </button>
          {!self && (
            <button
              type="button"
              className={user.isActive ? 'button button-danger' : 'button'}
              data-testid="user-toggle-active"
              onClick={() => update.mutate({ isActive: !user.isActive })}
            >
              {user.isActive ? t('users.deactivate') : t('users.reactivate')}
            </button>
          )}
        </div>
      </div>
      {update.error && <ErrorMessage error={update.error} />}
      <p className="muted small">
        {t('profile.lastLogin')}:{' '}
        {user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('common.none')}
        {locked && user.lockedUntil && (
          <>
            {' · '}
            {t('users.lockedUntil')} {formatDateTime(user.lockedUntil, language)}
          </>
        )}
      </p>
      <h3>{t('profile.grants')}</h3>
      {user.grants.length === 0 ? (
        <p className="muted">{t('profile.noGrants')}</p>
      ) : (
        <ul className="plain-list grant-list" data-testid="user-grants">
          {user.grants.map((g) => (
            <li key={g.id}>
              <GrantLabel grant={g} />{' '}
              <button
                type="button"
                className="button button-small"
                data-testid="grant-remove"
                aria-label={t('users.removeGrant')}
                disabled={removeGrant.isPending}
                onClick={() => {
                  if (window.confirm(t('users.confirmRemoveGrant'))) removeGrant.mutate(g.id);
                }}
              >
                {t('users.removeGrant')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {removeGrant.error && <ErrorMessage error={removeGrant.error} />}
      <AddGrantForm key={user.id} user={user} />
    </section>
  );
}

function UserStatus({ user }: { user: User }) {
  const { t } = useI18n();
  const locked = user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();
  return (
    <span className="status-badges">
      {user.isActive ? (
        <span className="badge badge-ok">{t('users.active')}</span>
      ) : (
        <span className="badge badge-muted">{t('users.inactive')}</span>
      )}
      {locked && <span className="badge badge-warning">{t('users.locked')}</span>}
      {user.mustChangePassword && <span className="badge">{t('users.mustChange')}</span>}
    </span>
  );
}

/** Administrators' page: users, their role grants, and records assigned to users. */
export function UsersPage() {
  const { t, language } = useI18n();
  const auth = useAuth();
  useDocumentTitle(t('users.title'));
  const { params, update } = useUrlParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const selectedId = Number(params.get('user') ?? '') || null;
  const [search, setSearch] = useState(q);
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [showNew, setShowNew] = useState(false);

  useEffect(() => {
    if (search === q) return;
    const timer = window.setTimeout(() => update({ q: search, page: '' }), 250);
    return () => window.clearTimeout(timer);
  }, [search]);

  const users = useQuery({
    queryKey: ['users', { q, page }],
    queryFn: () => authApi.users({ q, page, pageSize }),
    placeholderData: (previous) => previous,
  });
  const selected = users.data?.items.find((u) => u.id === selectedId) ?? null;

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('users.title')}</h1>
        {auth.can('users', 'create') && (
          <button
            type="button"
            className="button button-primary"
            data-testid="user-new"
            onClick={() => setShowNew((v) => !v)}
          >
            {showNew ? t('common.cancel') : t('users.new')}
          </button>
        )}
      </div>
      {secret && (
        <OneTimePasswordNotice
          email={secret.email}
          password={secret.password}
          onDone={() => setSecret(null)}
        />
      )}
      {showNew && (
        <section className="card">
          <h2>{t('users.new')}</h2>
          <NewUserForm
            onCreated={(email, password) => {
              setShowNew(false);
              if (password) setSecret({ email, password });
            }}
          />
        </section>
      )}
      <div className="filters" role="search">
        <input
          type="search"
          className="input input-search"
          placeholder={t('users.searchPlaceholder')}
          aria-label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="user-search"
        />
      </div>
      <PagedQuery query={users} onPage={(p) => update({ page: String(p) })}>
        {(page) => (
          <table className="table table-clickable" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t('profile.name')}</th>
                <th scope="col">{t('login.email')}</th>
                <th scope="col">{t('profile.grants')}</th>
                <th scope="col">{t('users.status')}</th>
                <th scope="col">{t('profile.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr
                  key={u.id}
                  data-email={u.email}
                  className={u.id === selectedId ? 'selected' : undefined}
                  onClick={() => update({ user: u.id === selectedId ? '' : String(u.id) })}
                >
                  <td>
                    <button type="button" className="link-button">
                      {u.name}
                    </button>
                  </td>
                  <td>{u.email}</td>
                  <td>
                    {u.grants.map((g) => (
                      <div key={g.id}>
                        <GrantLabel grant={g} />
                      </div>
                    ))}
                  </td>
                  <td>
                    <UserStatus user={u} />
                  </td>
                  <td>
                    {u.lastLoginAt ? formatDateTime(u.lastLoginAt, language) : t('common.none')}
                  </td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    {t('common.noResults')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        )}
      </PagedQuery>
      {selected && (
        <UserDetail
          key={selected.id}
          user={selected}
          onPassword={(email, password) => setSecret({ email, password })}
        />
      )}
      {!selected && <p className="muted small">{t('users.selectHint')}</p>}
      {auth.can('assignments', 'read') && <AssignmentsSection users={users.data?.items ?? []} />}
    </div>
  );
}
