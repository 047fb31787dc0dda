import { useState } from 'react';
import type { AnyRow } from '../api/api-client.ts';
import { useEntity, useEntityList } from '../api/use-api.ts';
import { useI18n } from '../app/I18nProvider.tsx';
import { contractOf, rowLabel, type FieldDescriptor } from './entity-fields.ts';

const optionLimit = 200;

/**
 * A select over the referenced list (e.g. provinceId over /api/v1/regions?kind=province). Long
 * lists get a search box that narrows the options through the list's `q` parameter.
 */
export function ReferenceSelect({
  field,
  id,
  value,
  invalid,
  describedBy,
  onChange,
}: {
  field: FieldDescriptor;
  id: string;
  value: string;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const target = field.reference;
  const contract = target ? contractOf(target.key) : null;
  const sort = contract?.sortable.includes('name')
    ? 'name'
    : contract?.sortable.includes('code')
      ? 'code'
      : undefined;
  const list = useEntityList(
    target?.key ?? 'programmes',
    { ...target?.query, pageSize: optionLimit, sort, q: search.trim() || undefined },
    target !== null,
  );
  const selectedId = value === '' ? null : Number(value);
  const items = (list.data?.items ?? []) as unknown as AnyRow[];
  const selectedInList = items.some((r) => r.id === selectedId);
  const selected = useEntity(target?.key ?? 'programmes', selectedInList ? null : selectedId);
  const options: AnyRow[] = [...items];
  if (!selectedInList && selected.data) options.unshift(selected.data as unknown as AnyRow);
  const searchable = (contract?.searchable.length ?? 0) > 0;
  const long = (list.data?.total ?? 0) > optionLimit || search !== '';

  return (
    <div className="reference-select">
      {searchable && long && (
        <input
          type="search"
          className="input reference-search"
          placeholder={t('form.searchOptions')}
          aria-label={`${t('common.search')}: ${field.name}`}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid={`search-${field.name}`}
        />
      )}
      <select
        id={id}
        name={field.name}
        className="input"
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{field.required ? t('form.choose') : t('form.noneOption')}</option>
        {options.map((row) => (
          <option key={row.id} value={String(row.id)}>
            {rowLabel(row)}
            {row.synthetic ? ` (${t('common.synthetic')})` : ''}
          </option>
        ))}
        {list.isPending && <option disabled>{t('common.loading')}</option>}
      </select>
      {list.data && list.data.total > optionLimit && (
        <span className="hint">{t('form.moreOptions')}</span>
      )}
    </div>
  );
}
