import type { ProvinceFeatureCollection } from '../../api/api-client.ts';
import { echarts } from '../../components/echarts-setup.ts';
import { normaliseProvinceWinding } from './province-geo.ts';

/** The name under which the provinces are registered with ECharts (overview and mapping). */
export const provinceMapName = 'kr-provinces';
let registered = false;

/** Registers the province shapes once per page load; later calls do nothing. */
export function registerProvinceMap(collection: ProvinceFeatureCollection): void {
  if (registered) return;
  // The GeoJSON type is structurally what ECharts expects; its own type is not exported.
  echarts.registerMap(provinceMapName, normaliseProvinceWinding(collection) as never);
  registered = true;
}
