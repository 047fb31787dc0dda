import type { DeliveryFilters } from '../../api/delivery-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';
import { FilterSelect } from '../../components/FilterSelect.tsx';

const years = Array.from({ length: 2030 - 2004 + 1 }, (_, i) => 2004 + i);

const intParam = (v: string | null) => {
  const n = Number(v);
  return v && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The filters of the burden and aging views, kept in the address. */
export function useDeliveryFilters(): DeliveryFilters {
  const { params } = useUrlParams();
  const f: DeliveryFilters = {};
  const programmeId = intParam(params.get('programmeId'));
  const callId = intParam(params.get('callId'));
  const complexId = intParam(params.get('complexId'));
  const year = intParam(params.get('year'));
  const asOf = params.get('asOf');
  if (programmeId) f.programmeId = programmeId;
  if (callId) f.callId = callId;
  if (complexId) f.complexId = complexId;
  if (year) f.year = year;
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) f.asOf = asOf;
  return f;
}

/** Programme, call, complex, start year and (unless left out) the as-of day. */
export function DeliveryFilterBar({ withAsOf = true }: { withAsOf?: boolean }) {
  const { t } = useI18n();
  const { params, update } = useUrlParams();
  const programmes = useEntityList('programmes', { pageSize: 200, sort: 'name' });
  const complexes = useEntityList('complexes', { pageSize: 500, sort: 'name' });
  return (
    <div className="form-grid delivery-filters" data-testid="delivery-filters">
      <FilterSelect
        label={t('delivery.filter.programme')}
        value={params.get('programmeId')}
        options={(programmes.data?.items ?? []).map((p) => ({
          value: p.id,
          label: String(p.name),
        }))}
        onChange={(v) => update({ programmeId: v })}
        testId="filter-programme"
      />
      <label className="field">
        <span className="field-label">{t('delivery.filter.call')}</span>
        <input
          className="input"
          inputMode="numeric"
          defaultValue={params.get('callId') ?? ''}
          onBlur={(e) => update({ callId: e.target.value.trim() })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') update({ callId: (e.target as HTMLInputElement).value.trim() });
          }}
          data-testid="filter-call"
        />
      </label>
      <FilterSelect
        label={t('delivery.complex')}
        value={params.get('complexId')}
        options={(complexes.data?.items ?? []).map((c) => ({ value: c.id, label: String(c.name) }))}
        onChange={(v) => update({ complexId: v })}
        testId="filter-complex"
      />
      <FilterSelect
        label={t('delivery.filter.year')}
        value={params.get('year')}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        onChange={(v) => update({ year: v })}
        testId="filter-year"
      />
      {withAsOf && (
        <label className="field">
          <span className="field-label">{t('delivery.filter.asOf')}</span>
          <input
            className="input"
            type="date"
            value={params.get('asOf') ?? ''}
            onChange={(e) => update({ asOf: e.target.value })}
            data-testid="filter-as-of"
          />
        </label>
      )}
    </div>
  );
}
