import type { RelatednessResponse } from '../../api/mapping-analysis-client.ts';

/** A pair of distinct units and their proximity. */
export interface RelatedPair {
  a: RelatednessResponse['units'][number];
  b: RelatednessResponse['units'][number];
  proximity: number;
}

/** Every pair of distinct units once (a before b in the response's order), most related first. */
export function relatedPairs(data: Pick<RelatednessResponse, 'units' | 'matrix'>): RelatedPair[] {
  const pairs: RelatedPair[] = [];
  data.units.forEach((a, i) => {
    data.units.forEach((b, j) => {
      const proximity = data.matrix[i]?.[j];
      if (j > i && proximity !== undefined) pairs.push({ a, b, proximity });
    });
  });
  return pairs.sort(
    (x, y) =>
      y.proximity - x.proximity ||
      x.a.unitCode.localeCompare(y.a.unitCode) ||
      x.b.unitCode.localeCompare(y.b.unitCode),
  );
}
