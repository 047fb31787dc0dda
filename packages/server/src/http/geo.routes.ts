import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { provincesGeoJsonPath } from '../demo/demo-files.ts';

/**
 * Serves the province boundaries (KOSTAT SGIS 2018, KOGL Type 1; see
 * src/demo/data/korea-provinces.SOURCE.md) for the overview map.
 */
export function registerGeoRoutes(app: FastifyInstance): void {
  let cached: string | null = null;
  app.get(
    '/api/v1/geo/provinces',
    {
      schema: {
        tags: ['geography'],
        summary: 'Province boundaries as GeoJSON (KOSTAT 2018, KOGL Type 1)',
      },
    },
    async (_req, reply) => {
      cached ??= readFileSync(provincesGeoJsonPath, 'utf8');
      return reply
        .type('application/geo+json')
        .header('cache-control', 'public, max-age=86400')
        .header(
          'x-attribution',
          'Administrative boundaries: Statistics Korea (KOSTAT) SGIS, 2018, KOGL Type 1; via southkorea/southkorea-maps; simplified.',
        )
        .send(cached);
    },
  );
}
