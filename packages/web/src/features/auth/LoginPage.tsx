import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, authApi } from '../../api/api-client.ts';
import { useAuth } from '../../app/AuthProvider.tsx';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useDocumentTitle } from '../../app/use-document-title.ts';

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Explains a failed sign-in: wrong password, locked account, too many attempts. */
export function signInErrorMessage(
  error: unknown,
  t: (key: 'login.failed' | 'login.locked' | 'login.tooMany') => string,
): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  const heading =
    error.status === 423
      ? t('login.locked')
      : error.status === 429
        ? t('login.tooMany')
        : t('login.failed');
  return error.problem.detail ? `${heading} ${error.problem.detail}` : heading;
}

export function LoginPage() {
  const { t } = useI18n();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  useDocumentTitle(t('login.title'));

  const mutation = useMutation({
    mutationFn: () => authApi.login(email.trim(), password),
    onSuccess: async (me) => {
      await auth.accept(me);
      void navigate(
        me.user?.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next,
        {
          replace: true,
        },
      );
    },
  });

  if (auth.signedIn && !mutation.isPending && !mutation.isSuccess)
    return <Navigate to={next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    mutation.mutate();
  }

  return (
    <div className="page auth-page">
      <section className="card auth-card">
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        {mutation.error && (
          <div className="form-errors" role="alert" data-testid="login-error">
            <strong>{signInErrorMessage(mutation.error, t)}</strong>
          </div>
        )}
        <form className="auth-form" onSubmit={submit}>
          <label className="field">
            <span className="field-label">{t('login.email')}</span>
            <input
              type="email"
              name="email"
              autoComplete="username"
              required
              autoFocus
              value={email}
              data-testid="login-email"
              onChange={(e) => setEmail(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('login.password')}</span>
            <input
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              data-testid="login-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="login-submit"
              disabled={mutation.isPending}
            >
              {mutation.isPending ? t('common.loading') : t('login.submit')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
