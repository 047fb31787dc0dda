import { useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

/** The page a user signed in with a one-time password must pass before anything else. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  useDocumentTitle(t('password.title'));
  return (
    <div className="page auth-page">
      <section className="card auth-card">
        <h1 data-testid="change-password-title">{t('password.title')}</h1>
        {auth.me.user?.mustChangePassword && (
          <p className="notice" role="status">
            {t('password.required')}
          </p>
        )}
        <ChangePasswordForm
          onChanged={() => {
            void auth.refresh().then(() =>
              navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', {
                replace: true,
              }),
            );
          }}
        />
      </section>
    </div>
  );
}
