import type { DeliveryFilters } from '../../api/delivery-client.ts';
import { useEntityList } from '../../api/use-api.ts';
import { useI18n } from '../../app/I18nProvider.tsx';
import { useUrlParams } from '../../app/use-url-params.ts';

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
      <label className="field">
        <span className="field-label">{t('delivery.filter.programme')}</span>
        <select
          className="input"
          value={params.get('programmeId') ?? ''}
          onChange={(e) => update({ programmeId: e.target.value })}
          data-testid="filter-programme"
        >
          <option value="">{t('common.all')}</option>
          {programmes.data?.items.map((p) => (
            <option key={p.id} value={p.id}>
              {String(p.name)}
            </option>
          ))}
        </select>
      </label>
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
      <label className="field">
        <span className="field-label">{t('delivery.complex')}</span>
        <select
          className="input"
          value={params.get('complexId') ?? ''}
          onChange={(e) => update({ complexId: e.target.value })}
          data-testid="filter-complex"
        >
          <option value="">{t('common.all')}</option>
          {complexes.data?.items.map((c) => (
            <option key={c.id} value={c.id}>
              {String(c.name)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('delivery.filter.year')}</span>
        <select
          className="input"
          value={params.get('year') ?? ''}
          onChange={(e) => update({ year: e.target.value })}
          data-testid="filter-year"
        >
          <option value="">{t('common.all')}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
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
