import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { authApi, formFeedback } from '../../api/api-client.ts';
import { useI18n } from '../../app/I18nProvider.tsx';

/** Current password, the new one twice; the server's field errors land under the fields. */
export function ChangePasswordForm({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => authApi.changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setErrors({});
      setSummary(null);
      onChanged();
    },
    onError: (error) => {
      const feedback = formFeedback(error, t('form.errorsSummary'));
      setErrors(feedback.fieldErrors);
      setSummary(feedback.summary);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!current) found.currentPassword = t('form.required');
    if (next.length < 12) found.newPassword = t('password.tooShort');
    if (repeat !== next) found.repeatPassword = t('password.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummary(t('form.errorsSummary'));
      return;
    }
    setSummary(null);
    mutation.mutate();
  }

  const field = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    autoComplete: string,
  ) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="password"
        name={name}
        autoComplete={autoComplete}
        value={value}
        aria-invalid={errors[name] ? true : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {errors[name] && (
        <span className="field-error" data-testid={`error-${name}`}>
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <form className="auth-form" onSubmit={submit} noValidate data-testid="password-form">
      {summary && (
        <div className="form-errors" role="alert" data-testid="form-errors">
          <strong>{summary}</strong>
        </div>
      )}
      {field('currentPassword', t('password.current'), current, setCurrent, 'current-password')}
      {field('newPassword', t('password.new'), next, setNext, 'new-password')}
      {field('repeatPassword', t('password.repeat'), repeat, setRepeat, 'new-password')}
      <p className="muted small">{t('password.rules')}</p>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="password-submit"
          disabled={mutation.isPending}
        >
          {mutation.isPending ? t('common.loading') : t('password.submit')}
        </button>
      </div>
    </form>
  );
}
