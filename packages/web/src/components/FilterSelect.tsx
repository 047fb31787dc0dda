import { useI18n } from '../app/I18nProvider.tsx';

/** One option of a filter: its value (sent as a string) and what the user reads. */
export interface FilterOption {
  value: string | number;
  label: string;
}

/**
 * A labelled filter select whose first option, "All", clears the filter: `onChange` receives
 * the chosen value, or null for All.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: string | number | null | undefined;
  options: readonly FilterOption[];
  onChange: (value: string | null) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        className="input"
        value={value ?? ''}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">{t('common.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
