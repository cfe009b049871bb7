import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionCoordinates, RegionFileError } from './region-coordinates.ts';
import { SeededRandom } from './seeded-random.ts';

let directory = '';
let coordinates: RegionCoordinates;

// A thin strip (a kelurahan along a river), an L shape whose centroid lies outside it, and two islands.
const strip = [
  [
    [106.8, -6.2],
    [106.83, -6.2],
    [106.83, -6.199],
    [106.8, -6.199],
    [106.8, -6.2],
  ],
];
const lShape = [
  [
    [106.9, -6.3],
    [106.92, -6.3],
    [106.92, -6.298],
    [106.902, -6.298],
    [106.902, -6.28],
    [106.9, -6.28],
    [106.9, -6.3],
  ],
];
const square = (lng: number, lat: number, size: number) => [
  [
    [lng, lat],
    [lng + size, lat],
    [lng + size, lat + size],
    [lng, lat + size],
    [lng, lat],
  ],
];
const islands = [square(106.5, -5.7, 0.003), square(106.53, -5.73, 0.002)];

const insideStrip = (point: { lat: number; lng: number }) =>
  point.lng >= 106.8 && point.lng <= 106.83 && point.lat >= -6.2 && point.lat <= -6.199;
const insideL = (point: { lat: number; lng: number }) =>
  point.lng >= 106.9 &&
  point.lat >= -6.3 &&
  ((point.lat <= -6.298 && point.lng <= 106.92) || (point.lng <= 106.902 && point.lat <= -6.28));
const insideIslands = (point: { lat: number; lng: number }) =>
  (point.lng >= 106.5 && point.lng <= 106.503 && point.lat >= -5.7 && point.lat <= -5.697) ||
  (point.lng >= 106.53 && point.lng <= 106.532 && point.lat >= -5.73 && point.lat <= -5.728);

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'tepat-regions-'));
  const geoJson = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { code: '31.71.01.1001', lat: -6.1995, lng: 106.815 },
        geometry: { type: 'Polygon', coordinates: strip },
      },
      {
        type: 'Feature',
        properties: { code: '31.71.01.1002', lat: -6.292, lng: 106.906 },
        geometry: { type: 'Polygon', coordinates: lShape },
      },
      {
        type: 'Feature',
        properties: { code: '31.01.01.1001', lat: -5.715, lng: 106.516 },
        geometry: { type: 'MultiPolygon', coordinates: islands },
      },
      { type: 'Feature', properties: { code: '31.71.01.1003', lat: -6.17, lng: 106.83 }, geometry: null },
    ],
  };
  await writeFile(path.join(directory, 'regions.geojson'), JSON.stringify(geoJson));
  coordinates = await RegionCoordinates.load(path.join(directory, 'regions.geojson'));
});

afterAll(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('RegionCoordinates', () => {
  it('places every household inside its kelurahan, a thin strip, an L shape or islands alike', () => {
    const random = new SeededRandom(3);
    for (const [code, inside] of [
      ['31.71.01.1001', insideStrip],
      ['31.71.01.1002', insideL],
      ['31.01.01.1001', insideIslands],
    ] as const) {
      const rwCentres = new Set<string>();
      for (let rw = 1; rw <= 12; rw++) {
        for (let house = 0; house < 100; house++) {
          const point = coordinates.householdPoint(code, rw, random)!;
          expect(inside(point), `${code} RW ${rw}: ${point.lat},${point.lng}`).toBe(true);
        }
        const first = coordinates.householdPoint(code, rw, random)!;
        rwCentres.add(`${first.lat.toFixed(2)},${first.lng.toFixed(2)}`);
      }
      // RWs spread over the kelurahan rather than piling on one spot.
      expect(rwCentres.size).toBeGreaterThan(1);
    }
  });

  it('uses both islands of a MultiPolygon', () => {
    const random = new SeededRandom(4);
    let onFirst = 0;
    let onSecond = 0;
    for (let rw = 1; rw <= 40; rw++) {
      const point = coordinates.householdPoint('31.01.01.1001', rw, random)!;
      if (point.lng < 106.51) onFirst++;
      else onSecond++;
    }
    expect(onFirst).toBeGreaterThan(0);
    expect(onSecond).toBeGreaterThan(0);
  });

  it('gives the same points for the same seed, and the centroid area for a kelurahan without a boundary', () => {
    const points = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 50 }, (_unused, index) =>
        coordinates.householdPoint('31.71.01.1002', (index % 5) + 1, random),
      );
    };
    expect(points(9)).toEqual(points(9));
    const near = coordinates.householdPoint('31.71.01.1003', 1, new SeededRandom(1))!;
    expect(Math.abs(near.lat + 6.17)).toBeLessThan(0.01);
    expect(Math.abs(near.lng - 106.83)).toBeLessThan(0.01);
    expect(coordinates.householdPoint('31.99.99.9999', 1, new SeededRandom(1))).toBeNull();
  });

  it('refuses a file that is not GeoJSON or has no kelurahan, with a clear message', async () => {
    const file = (name: string) => path.join(directory, name);
    await writeFile(file('readme.md'), '# Not JSON\n');
    await writeFile(file('empty.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    await expect(RegionCoordinates.load(file('readme.md'))).rejects.toThrow(RegionFileError);
    await expect(RegionCoordinates.load(file('readme.md'))).rejects.toThrow(/not a GeoJSON file/);
    await expect(RegionCoordinates.load(file('empty.geojson'))).rejects.toThrow(/no kelurahan in it/);
    await expect(RegionCoordinates.load(file('missing.geojson'))).rejects.toThrow(/cannot be read/);
  });
});
