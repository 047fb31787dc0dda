import { useI18n } from '../app/I18nProvider.tsx';

/** A column header that sorts by its field; a second click reverses the order. */
export function SortHeader({
  field,
  sort,
  label,
  numeric,
  onSort,
}: {
  field: string;
  sort: string;
  label: string;
  numeric?: boolean;
  onSort: (sort: string) => void;
}) {
  const { t } = useI18n();
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  return (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        data-testid={`sort-${field}`}
        onClick={() => onSort(active && !descending ? `-${field}` : field)}
        title={active ? t(descending ? 'common.sortDesc' : 'common.sortAsc') : undefined}
      >
        {label} <span aria-hidden="true">{active ? (descending ? '▼' : '▲') : '↕'}</span>
      </button>
    </th>
  );
}
