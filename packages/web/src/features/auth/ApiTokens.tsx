import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, authApi } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { ErrorMessage, QueryState } from '../../components/QueryState.tsx';
import { CopyButton, formatDateTime } from './SecretNotice.tsx';

const expiryChoices = ['30', '90', '365', '730', 'never'] as const;

/** The user's own API tokens: list, create (secret shown once) and revoke. */
export function ApiTokens() {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['auth', 'tokens'], queryFn: authApi.tokens });
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<(typeof expiryChoices)[number]>('90');
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => authApi.createToken(name.trim(), expiry === 'never' ? null : Number(expiry)),
    onSuccess: async (created) => {
      setSecret({ name: created.token.name, secret: created.secret });
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['auth', 'tokens'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fieldErrors.name) setNameError(error.fieldErrors.name);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => authApi.revokeToken(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['auth', 'tokens'] }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameError(t('form.required'));
      return;
    }
    setNameError(null);
    create.mutate();
  }

  const when = (v: string | null) => (v ? formatDateTime(v, language) : t('common.none'));

  return (
    <div className="tokens">
      <p className="muted">{t('tokens.intro')}</p>
      {secret && (
        <div className="secret-notice" role="status" data-testid="token-secret-notice">
          <strong>{t('tokens.createdOnce')}</strong>
          <p>{t('tokens.copyWarning')}</p>
          <div className="secret-row">
            <code data-testid="token-secret">{secret.secret}</code>
            <CopyButton text={secret.secret} />
            <button type="button" className="button" onClick={() => setSecret(null)}>
              {t('tokens.done')}
            </button>
          </div>
        </div>
      )}
      <form className="inline-form" onSubmit={submit} noValidate data-testid="token-form">
        <label className="field">
          <span className="field-label">{t('tokens.name')}</span>
          <input
            name="tokenName"
            value={name}
            maxLength={100}
            placeholder={t('tokens.namePlaceholder')}
            aria-invalid={nameError ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {nameError && (
            <span className="field-error" data-testid="error-tokenName">
              {nameError}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field-label">{t('tokens.expiry')}</span>
          <select
            name="tokenExpiry"
            value={expiry}
            onChange={(e) => setExpiry(e.target.value as (typeof expiryChoices)[number])}
          >
            {expiryChoices.map((c) => (
              <option key={c} value={c}>
                {c === 'never' ? t('tokens.never') : t('tokens.days').replace('{n}', c)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="button button-primary"
          data-testid="token-create"
          disabled={create.isPending}
        >
          {t('tokens.create')}
        </button>
      </form>
      {create.error && !nameError && <ErrorMessage error={create.error} />}
      {revoke.error && <ErrorMessage error={revoke.error} />}
      <QueryState query={tokens}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('tokens.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="tokens-table">
                <thead>
                  <tr>
                    <th scope="col">{t('tokens.name')}</th>
                    <th scope="col">{t('tokens.prefix')}</th>
                    <th scope="col">{t('tokens.created')}</th>
                    <th scope="col">{t('tokens.expires')}</th>
                    <th scope="col">{t('tokens.lastUsed')}</th>
                    <th scope="col">{t('tokens.status')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((token) => {
                    const expired =
                      token.expiresAt !== null && Date.parse(token.expiresAt) < Date.now();
                    return (
                      <tr key={token.id} data-token={token.name}>
                        <td>{token.name}</td>
                        <td>
                          <code>{token.prefix}…</code>
                        </td>
                        <td>{when(token.createdAt)}</td>
                        <td>{token.expiresAt ? when(token.expiresAt) : t('tokens.never')}</td>
                        <td>{when(token.lastUsedAt)}</td>
                        <td data-col="status">
                          {token.revokedAt ? (
                            <span className="badge badge-muted">
                              {t('tokens.revoked')} {when(token.revokedAt)}
                            </span>
                          ) : expired ? (
                            <span className="badge badge-muted">{t('tokens.expired')}</span>
                          ) : (
                            <span className="badge badge-ok">{t('tokens.active')}</span>
                          )}
                        </td>
                        <td>
                          {!token.revokedAt && (
                            <button
                              type="button"
                              className="button button-danger button-small"
                              data-testid="token-revoke"
                              disabled={revoke.isPending}
                              onClick={() => {
                                if (window.confirm(t('tokens.confirmRevoke')))
                                  revoke.mutate(token.id);
                              }}
                            >
                              {t('tokens.revoke')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </div>
  );
}
