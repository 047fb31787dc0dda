import { useI18n } from '../app/I18nProvider.tsx';

/** One option of a filter: its value (sent as a string) and what the user reads. */
export interface FilterOption {
  value: string | number;
  label: string;
}

/**
 * How a filter is laid out, so each filter bar keeps the look of its neighbours:
 * - `field`: a form field, the label in bold above a styled select (the form-grid filter bars);
 * - `label`: the label's text then a styled select inside the label (the search forms of the
 *   audit log, registry and organisation directory);
 * - `native`: the label's text then an unstyled select (the network and mapping control bars,
 *   whose other selects are unstyled too).
 */
export type FilterSelectLayout = 'field' | 'label' | 'native';

/**
 * A labelled filter select whose first option, "All" (or `allLabel`), clears the filter:
 * `onChange` receives the chosen value, or null for All.
 */
export function FilterSelect({
  label,
  value,
  options,
  onChange,
  testId,
  name,
  allLabel,
  layout = 'field',
}: {
  label: string;
  value: string | number | null | undefined;
  options: readonly FilterOption[];
  onChange: (value: string | null) => void;
  testId?: string;
  /** The select's form name, for forms read on submit and for page models that find it by name. */
  name?: string;
  /** What the clearing option reads where "All" would be wrong (e.g. "Any year"). */
  allLabel?: string;
  layout?: FilterSelectLayout;
}) {
  const { t } = useI18n();
  const select = (
    <select
      className={layout === 'native' ? undefined : 'input'}
      name={name}
      value={value ?? ''}
      data-testid={testId}
      onChange={(e) => onChange(e.target.value || null)}
    >
      <option value="">{allLabel ?? t('common.all')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
  if (layout === 'field')
    return (
      <label className="field">
        <span className="field-label">{label}</span>
        {select}
      </label>
    );
  return (
    <label>
      {label}
      {layout === 'native' && ' '}
      {select}
    </label>
  );
}
