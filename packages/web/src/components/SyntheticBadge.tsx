import { useI18n } from '../app/I18nProvider.tsx';

/** Marks generated demo data wherever it is shown. */
export function SyntheticBadge({ label = 'synthetic' }: { label?: 'synthetic' | 'demo' }) {
  const { t } = useI18n();
  return (
    <span className="badge badge-synthetic" title={t('common.syntheticTitle')}>
      {t(label === 'demo' ? 'common.demo' : 'common.synthetic')}
    </span>
  );
}
