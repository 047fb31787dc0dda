import { useState } from 'react';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ApiTokens } from './ApiTokens.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { GrantLabel } from './grant-label.tsx';
import { formatDateTime } from './SecretNotice.tsx';

/** The signed-in user: who they are, what they may do, their password and API tokens. */
export function ProfilePage() {
  const { t, language } = useI18n();
  const auth = useAuth();
  const [changed, setChanged] = useState(false);
  useDocumentTitle(t('profile.title'));
  const user = auth.me.user;
  if (!user) return null;
  return (
    <div className="page">
      <h1 data-testid="profile-name">{user.name}</h1>
      <section className="card">
        <h2>{t('profile.account')}</h2>
        <dl className="facts">
          <dt>{t('profile.name')}</dt>
          <dd>{user.name}</dd>
          <dt>{t('login.email')}</dt>
          <dd data-testid="profile-email">{user.email}</dd>
          <dt>{t('profile.lastLogin')}</dt>
          <dd>
            {user.lastLoginAt ? formatDateTime(user.lastLoginAt, language) : t('common.none')}
          </dd>
          <dt>{t('profile.grants')}</dt>
          <dd>
            {user.grants.length === 0 ? (
              t('profile.noGrants')
            ) : (
              <ul className="plain-list" data-testid="profile-grants">
                {user.grants.map((g) => (
                  <li key={g.id}>
                    <GrantLabel grant={g} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>
      </section>
      <section className="card">
        <h2>{t('password.title')}</h2>
        {changed && (
          <p className="notice" role="status" data-testid="password-changed">
            {t('password.changed')}
          </p>
        )}
        <ChangePasswordForm onChanged={() => setChanged(true)} />
      </section>
      <section className="card">
        <h2>{t('tokens.title')}</h2>
        <ApiTokens />
      </section>
    </div>
  );
}
