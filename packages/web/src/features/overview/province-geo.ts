import type { ProvinceFeatureCollection } from '../../api/api-client.ts';

type Ring = number[][];

/** Twice the signed area of a ring in lon/lat space (positive when counter-clockwise). */
export function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    if (!a || !b) continue;
    sum += (a[0] ?? 0) * (b[1] ?? 0) - (b[0] ?? 0) * (a[1] ?? 0);
  }
  return sum;
}

/**
 * ECharts draws a polygon and its holes as one path filled with the non-zero rule, so a hole
 * only stays empty when it winds opposite to its exterior ring. RFC 7946 already says so
 * (exterior counter-clockwise, holes clockwise), but older files do not always follow it:
 * this makes every hole wind against its exterior and leaves the rest as it is.
 */
export function normalisePolygonWinding(polygon: Ring[]): Ring[] {
  const [exterior, ...holes] = polygon;
  if (!exterior) return polygon;
  const outer = Math.sign(signedArea(exterior));
  return [
    exterior,
    ...holes.map((hole) =>
      Math.sign(signedArea(hole)) === outer && outer !== 0 ? [...hole].reverse() : hole,
    ),
  ];
}

export function normaliseProvinceWinding(
  collection: ProvinceFeatureCollection,
): ProvinceFeatureCollection {
  return {
    ...collection,
    features: collection.features.map((feature) => ({
      ...feature,
      geometry:
        feature.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: normalisePolygonWinding(feature.geometry.coordinates) }
          : {
              type: 'MultiPolygon',
              coordinates: feature.geometry.coordinates.map(normalisePolygonWinding),
            },
    })),
  };
}
