import { describe, expect, it } from 'vitest';
import { runCli } from '../../tests/support/spawn-cli.ts';
import { useTestDatabase } from '../../tests/support/test-database.ts';
import {
  importRegionBoundaries,
  RegionFileError,
  readRegionBoundaries,
  summariseSkippedFeatures,
} from './import-region-boundaries.ts';

const RING = [
  [106.85, -6.23],
  [106.86, -6.23],
  [106.86, -6.22],
  [106.85, -6.23],
];
const feature = (
  properties: Record<string, unknown>,
  geometry: unknown = { type: 'Polygon', coordinates: [RING] },
) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('region boundaries from GeoJSON', () => {
  const fixture = useTestDatabase();
  const centreOf = async (code: string) =>
    fixture.database.db
      .selectFrom('region')
      .select(['latitude', 'longitude'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();

  it('takes undotted codes as intake does, and a MultiPolygon without lat/lng its centre from the vertices', async () => {
    const file = await fixture.writeFile(
      'undotted.geojson',
      collection(
        feature({ code: '3174011001', lat: -6.2301, lng: 106.8601 }),
        feature({ code: 3174011002 }, { type: 'MultiPolygon', coordinates: [[RING]] }),
      ),
    );
    const result = await importRegionBoundaries({ db: fixture.database.db, filePath: file });
    expect(result).toMatchObject({ updated: 2, skipped: [] });
    expect(await centreOf('31.74.01.1001')).toEqual({ latitude: -6.2301, longitude: 106.8601 });
    expect((await centreOf('31.74.01.1002')).longitude).toBeCloseTo(106.855, 3);
  });

  it('skips each unusable feature with its reason, storing none of them', async () => {
    const file = await fixture.writeFile(
      'bad.geojson',
      collection(
        feature({ code: '31.74.02.1001', lat: 106.8, lng: -6.2 }),
        feature(
          { code: '31.74.02.1002' },
          { type: 'Polygon', coordinates: [RING.map(([lng, lat]) => [lat, lng])] },
        ),
        feature({ code: '31.74.02.1003' }, { type: 'Polygon', coordinates: 'garbage' }),
        feature(
          { code: '31.74.02.1004' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [106.85, -6.23],
                [106.86, 'x'],
              ],
            ],
          },
        ),
        feature({ code: '31.74.02.1005' }, { type: 'Point', coordinates: [106.85, -6.23] }),
        feature({ name: 'no code' }),
        feature({ code: '31.99.99.9999' }),
      ),
    );
    const result = await importRegionBoundaries({ db: fixture.database.db, filePath: file });
    expect(result.updated).toBe(0);
    expect(result.skipped.map(({ feature, reason }) => [feature, reason])).toEqual([
      [1, 'lat/lng outside Indonesia (swapped?)'],
      [2, 'coordinates outside Indonesia (lng and lat swapped?)'],
      [3, 'coordinates are not rings of [lng, lat] numbers'],
      [4, 'coordinates are not rings of [lng, lat] numbers'],
      [5, 'geometry is not a Polygon or MultiPolygon'],
      [6, 'properties.code is missing or not a Kemendagri code'],
      [7, 'unknown region code'],
    ]);
    expect(result.skipped[0].detail).toContain('lat 106.8');
    expect(result.skipped[4].detail).toContain('Point');
    expect(await centreOf('31.74.02.1001')).toEqual({ latitude: null, longitude: null });
    expect(await centreOf('31.74.02.1002')).toEqual({ latitude: null, longitude: null });
  });

  it('summarises skipped features by reason with a few examples', () => {
    const skipped = [3, 5, 8, 9].map((number) => ({
      feature: number,
      code: `31.99.0${number}`,
      reason: 'unknown region code',
      detail: `31.99.0${number}`,
    }));
    expect(summariseSkippedFeatures(skipped, 2)).toEqual([
      { reason: 'unknown region code', count: 4, examples: ['feature 3: 31.99.03', 'feature 5: 31.99.05'] },
    ]);
  });

  it('refuses a file that is not a FeatureCollection whole', async () => {
    const file = await fixture.writeFile('not.geojson', '{"type":"Feature"}');
    await expect(readRegionBoundaries({ filePath: file })).rejects.toThrow(RegionFileError);
  });

  describe('tepat regions import FILE', () => {
    const tepat = (args: string[]) => runCli(args, { databaseUrl: fixture.database.url });

    it.each([
      [
        'all codes unknown',
        collection(feature({ code: '31.99.99.9999' }), feature({ code: '31.99.99.9998' })),
      ],
      [
        'a Point',
        collection(feature({ code: '31.74.03.1001' }, { type: 'Point', coordinates: [106.8, -6.2] })),
      ],
      ['no features', collection()],
    ])(
      'exits 1 when no boundary is imported (%s), saying why',
      async (_, content) => {
        const file = await fixture.writeFile('nothing.geojson', content);
        const { code, stdout, stderr } = await tepat(['regions', 'import', file]);
        expect(code).toBe(1);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain('no boundaries imported');
        expect(stdout + stderr).not.toContain('    at ');
      },
      120_000,
    );

    it('reports what it skipped and why, with a count and examples, and exits 0 when some were imported', async () => {
      const file = await fixture.writeFile(
        'some.geojson',
        collection(
          feature({ code: '3174031002' }),
          feature({ code: '31.99.99.9999' }),
          feature({ code: '31.99.99.9998' }),
          feature({ code: '31.74.03.1003', lat: 106.8, lng: -6.2 }),
        ),
      );
      const { code, stdout } = await tepat(['regions', 'import', file]);
      expect(code).toBe(0);
      expect(stdout).toContain('Boundaries: 1 regions updated');
      expect(stdout).toMatch(/Skipped 3 of 4 features/);
      expect(stdout).toMatch(
        /2 unknown region code \(feature 2: 31\.99\.99\.9999; feature 3: 31\.99\.99\.9998\)/,
      );
      expect(stdout).toMatch(
        /1 lat\/lng outside Indonesia \(swapped\?\) \(feature 4: 31\.74\.03\.1003, lat 106\.8/,
      );
    }, 120_000);

    it('refuses a file that is not GeoJSON in one line before reloading the regions', async () => {
      const file = await fixture.writeFile('broken.geojson', '{"type": "FeatureCollection", "features": [');
      const { code, stdout, stderr } = await tepat(['regions', 'import', file]);
      expect(code).toBe(1);
      expect(stdout).not.toContain('Regions:');
      expect(stderr).toContain('not valid GeoJSON');
    }, 120_000);
  });
});
