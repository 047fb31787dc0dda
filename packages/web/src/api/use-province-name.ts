import { useCallback } from 'react';
import { useI18n } from '../app/I18nProvider.tsx';
import { useEntityList } from './use-api.ts';

/**
 * The name of a province in the interface language: the aggregates carry the English name only,
 * so the Korean one comes from the regions list (one cached request).
 */
export function useProvinceName(): (
  id: number | null | undefined,
  fallback?: string | null,
) => string {
  const { language, t } = useI18n();
  const provinces = useEntityList('regions', { kind: 'province', pageSize: 100, sort: 'name' });
  const items = provinces.data?.items;
  return useCallback(
    (id, fallback) => {
      const region = items?.find((r) => r.id === id);
      if (!region) return fallback ?? t('common.none');
      return language === 'ko' && region.nameKo ? region.nameKo : region.name;
    },
    [items, language, t],
  );
}
