import { useState } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';

export function formatDateTime(iso: string, language: 'en' | 'ko'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(language === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Copies a secret to the clipboard and says so. */
export function CopyButton({ text }: { text: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button"
      data-testid="copy-secret"
      onClick={() => {
        void navigator.clipboard
          ?.writeText(text)
          .then(() => setCopied(true))
          .catch(() => setCopied(false));
      }}
    >
      {copied ? t('secret.copied') : t('secret.copy')}
    </button>
  );
}

/** A one-time password, shown once after it is issued. */
export function OneTimePasswordNotice({
  email,
  password,
  onDone,
}: {
  email: string;
  password: string;
  onDone: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="secret-notice" role="status" data-testid="one-time-password-notice">
      <strong>{t('users.oneTimeTitle')}</strong>
      <p>
        {t('users.oneTimeHint')} <code>{email}</code>
      </p>
      <div className="secret-row">
        <code data-testid="one-time-password">{password}</code>
        <CopyButton text={password} />
        <button type="button" className="button" onClick={onDone}>
          {t('tokens.done')}
        </button>
      </div>
    </div>
  );
}
