import { useState, type ReactNode } from 'react';
import { useI18n } from '../../app/I18nProvider.tsx';
import type { IndustryRow } from './MappingAdminNav.tsx';

/** How many options are drawn at once; a narrower filter shows the rest. */
const shownAtMost = 500;

/**
 * A filterable list of industry check boxes (code, name; the Korean name in the Korean view),
 * for the forms that choose a set of industries. Test ids: `<prefix>-filter` and
 * `<prefix>-<industry code>`.
 */
export function IndustryPicker({
  industries,
  isChosen,
  onToggle,
  legend,
  hint,
  testIdPrefix,
}: {
  industries: readonly IndustryRow[];
  isChosen: (industry: IndustryRow) => boolean;
  onToggle: (industry: IndustryRow) => void;
  legend: ReactNode;
  hint?: ReactNode;
  testIdPrefix: string;
}) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = industries.filter(
    (i) =>
      needle === '' ||
      i.code.toLowerCase().includes(needle) ||
      i.name.toLowerCase().includes(needle) ||
      (i.nameKo ?? '').toLowerCase().includes(needle),
  );
  return (
    <fieldset className="industry-picker">
      <legend>{legend}</legend>
      {hint}
      <input
        className="input input-search"
        placeholder={t('mappingAdmin.clusters.filterIndustries')}
        value={filter}
        data-testid={`${testIdPrefix}-filter`}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div
        className="industry-options"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))',
          gap: '0.25rem 1rem',
          maxHeight: '16rem',
          overflowY: 'auto',
          marginTop: '0.5rem',
        }}
      >
        {shown.slice(0, shownAtMost).map((i) => (
          <label key={i.id} className="industry-option small">
            <input
              type="checkbox"
              data-testid={`${testIdPrefix}-${i.code}`}
              checked={isChosen(i)}
              onChange={() => onToggle(i)}
            />{' '}
            <code>{i.code}</code> {language === 'ko' && i.nameKo ? i.nameKo : i.name}
          </label>
        ))}
      </div>
      {shown.length > shownAtMost && (
        <p className="muted small">{t('mappingAdmin.clusters.narrowFilter')}</p>
      )}
    </fieldset>
  );
}
