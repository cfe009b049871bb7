import { readFile } from 'node:fs/promises';
import type { SeededRandom } from './seeded-random.ts';
import { hashString } from './seeded-random.ts';

interface KelurahanFeature {
  properties?: { code?: string; lat?: number; lng?: number };
}

export interface Point {
  lat: number;
  lng: number;
}

// About 650 m around the centroid for an RW, 150 m around the RW for a house: kelurahan are 1–3 km across.
const rwSpreadDegrees = 0.006;
const houseSpreadDegrees = 0.0015;

/** Kelurahan centroids from a GeoJSON FeatureCollection (properties.code, lat, lng), read at run time. */
export class RegionCoordinates {
  private constructor(private readonly centroids: Map<string, Point>) {}

  static async load(geoJsonPath: string): Promise<RegionCoordinates> {
    const parsed = JSON.parse(await readFile(geoJsonPath, 'utf8')) as { features?: KelurahanFeature[] };
    const centroids = new Map<string, Point>();
    for (const feature of parsed.features ?? []) {
      const { code, lat, lng } = feature.properties ?? {};
      if (typeof code === 'string' && typeof lat === 'number' && typeof lng === 'number')
        centroids.set(code, { lat, lng });
    }
    return new RegionCoordinates(centroids);
  }

  /** A house position: the RW sits at a stable offset from the centroid, houses scatter around it. */
  householdPoint(kelurahanCode: string, rw: number, random: SeededRandom): Point | null {
    const centroid = this.centroids.get(kelurahanCode);
    if (!centroid) return null;
    const hash = hashString(`${kelurahanCode}/${rw}/position`);
    const rwLat = ((hash & 0xffff) / 0xffff - 0.5) * 2 * rwSpreadDegrees;
    const rwLng = ((hash >>> 16) / 0xffff - 0.5) * 2 * rwSpreadDegrees;
    return {
      lat: centroid.lat + rwLat + (random.next() - 0.5) * 2 * houseSpreadDegrees,
      lng: centroid.lng + rwLng + (random.next() - 0.5) * 2 * houseSpreadDegrees,
    };
  }
}
