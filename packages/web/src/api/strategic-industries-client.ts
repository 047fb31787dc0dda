import type { StrategicIndustry, StrategicIndustryInput } from '@innocluster/contracts';
import { useQuery } from '@tanstack/react-query';
import { requestJson } from './api-client.ts';

/** A declaration as sent: classification, source, note and the synthetic flag have defaults. */
export type StrategicIndustryRequest = Partial<StrategicIndustryInput> &
  Pick<StrategicIndustryInput, 'region' | 'industries'>;

/** One scope of declarations: a region id or code (or "national"), any programme or one. */
export interface StrategicScope {
  region: string;
  programme: number | null;
}

const path = '/api/v1/mapping/strategic-industries';

/** The typed client of the strategic-industry declarations (policy-consistency criterion). */
export const strategicIndustriesApi = {
  list: (scope: StrategicScope) => {
    const query = new URLSearchParams({ region: scope.region });
    if (scope.programme !== null) query.set('programme', String(scope.programme));
    return requestJson<StrategicIndustry[]>('GET', `${path}?${query.toString()}`);
  },
  replace: (body: StrategicIndustryRequest) => requestJson<StrategicIndustry[]>('PUT', path, body),
};

/**
 * The declarations that apply to a scope: those of the region for any programme, plus those for
 * the programme when one is chosen. Under `['mapping', …]`, so a mapping change refetches them.
 */
export function useStrategicIndustries(scope: StrategicScope) {
  return useQuery({
    queryKey: ['mapping', 'strategic-industries', scope.region, scope.programme],
    queryFn: () => strategicIndustriesApi.list(scope),
  });
}
