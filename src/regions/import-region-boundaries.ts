import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseClient } from '../db/database.ts';
import { normaliseRegionCode } from '../registry/nik.ts';
import { updateRegionGeometry } from './region-repository.ts';

export class RegionFileError extends Error {}

interface Feature {
  type?: unknown;
  properties?: { code?: unknown; lat?: unknown; lng?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown };
}

export interface RegionGeometry {
  /** Its number in the file, from 1. */
  feature: number;
  code: string;
  latitude: number;
  longitude: number;
  boundary: unknown;
}

/** A feature left out, numbered from 1 in the file's order, with a fixed reason and what it held. */
export interface SkippedFeature {
  feature: number;
  code: string | null;
  reason: string;
  detail: string;
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;
// Indonesia's extent, with 0.2° to spare: Rondo lies at 6.08°N, Benggala at 94.97°E, Ndana at 11.0°S and the
// Papua border at 141.02°E. A point outside is most often one with latitude and longitude swapped.
const LATITUDE = { min: -11.2, max: 6.2 };
const LONGITUDE = { min: 94.8, max: 141.2 };

/**
 * Reads and checks boundaries and centroids of regions from a GeoJSON FeatureCollection (properties.code, lat,
 * lng); refuses a file that is not one, and skips each feature that cannot be used, saying why.
 */
export async function readRegionBoundaries({
  filePath,
}: {
  filePath: string;
}): Promise<{ features: number; accepted: RegionGeometry[]; skipped: SkippedFeature[] }> {
  const fileName = path.basename(filePath);
  const size = (await stat(filePath)).size;
  if (size > MAX_FILE_BYTES) throw new RegionFileError(`${fileName}: file is larger than 200 MB`);
  let document: { type?: unknown; features?: unknown };
  try {
    document = JSON.parse(await readFile(filePath, 'utf8'));
  } catch (error) {
    throw new RegionFileError(`${fileName}: not valid GeoJSON (${(error as Error).message})`);
  }
  if (document?.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
    throw new RegionFileError(`${fileName}: expected a GeoJSON FeatureCollection with a "features" array`);
  }
  const accepted: RegionGeometry[] = [];
  const skipped: SkippedFeature[] = [];
  document.features.forEach((raw: unknown, index: number) => {
    const checked = checkFeature(raw as Feature);
    if ('reason' in checked) skipped.push({ feature: index + 1, ...checked });
    else accepted.push({ feature: index + 1, ...checked });
  });
  return { features: document.features.length, accepted, skipped };
}

/** Reads a boundaries file and stores each usable feature on its region; unknown codes are skipped too. */
export async function importRegionBoundaries({
  db,
  filePath,
}: {
  db: DatabaseClient;
  filePath: string;
}): Promise<{ features: number; updated: number; skipped: SkippedFeature[] }> {
  return storeRegionBoundaries({ db, boundaries: await readRegionBoundaries({ filePath }) });
}

/** Stores boundaries read by readRegionBoundaries; a code no region has is added to the skipped features. */
export async function storeRegionBoundaries({
  db,
  boundaries,
}: {
  db: DatabaseClient;
  boundaries: Awaited<ReturnType<typeof readRegionBoundaries>>;
}): Promise<{ features: number; updated: number; skipped: SkippedFeature[] }> {
  const { updated, unknownCodes } = await updateRegionGeometry(db, boundaries.accepted);
  const unknown = new Set(unknownCodes);
  const skipped = [
    ...boundaries.skipped,
    ...boundaries.accepted
      .filter((item) => unknown.has(item.code))
      .map((item) => ({
        feature: item.feature,
        code: item.code,
        reason: 'unknown region code',
        detail: item.code,
      })),
  ].sort((left, right) => left.feature - right.feature);
  return { features: boundaries.features, updated, skipped };
}

/** Skipped features grouped by reason, most frequent first, each with the first few as examples. */
export function summariseSkippedFeatures(
  skipped: SkippedFeature[],
  examples = 3,
): { reason: string; count: number; examples: string[] }[] {
  const groups = new Map<string, { reason: string; count: number; examples: string[] }>();
  for (const item of skipped) {
    const group = groups.get(item.reason) ?? { reason: item.reason, count: 0, examples: [] };
    group.count++;
    if (group.examples.length < examples) group.examples.push(`feature ${item.feature}: ${item.detail}`);
    groups.set(item.reason, group);
  }
  return [...groups.values()].sort((left, right) => right.count - left.count);
}

function checkFeature(feature: Feature): Omit<RegionGeometry, 'feature'> | Omit<SkippedFeature, 'feature'> {
  const rawCode = feature?.properties?.code;
  const code = kemendagriCode(rawCode);
  if (!code) {
    return {
      code: null,
      reason: 'properties.code is missing or not a Kemendagri code',
      detail: rawCode === undefined || rawCode === null ? 'no code' : `code ${JSON.stringify(rawCode)}`,
    };
  }
  const geometryType = feature.geometry?.type;
  if (geometryType !== 'Polygon' && geometryType !== 'MultiPolygon') {
    const found = typeof geometryType === 'string' ? `a ${geometryType}` : 'no geometry';
    return { code, reason: 'geometry is not a Polygon or MultiPolygon', detail: `${code}, ${found}` };
  }
  const polygons =
    geometryType === 'Polygon' ? [feature.geometry?.coordinates] : feature.geometry?.coordinates;
  const vertices = verticesOf(polygons);
  if (!vertices) {
    return { code, reason: 'coordinates are not rings of [lng, lat] numbers', detail: code };
  }
  const outside = vertices.find(([longitude, latitude]) => !inIndonesia(latitude, longitude));
  if (outside) {
    return {
      code,
      reason: 'coordinates outside Indonesia (lng and lat swapped?)',
      detail: `${code}, vertex [${outside[0]}, ${outside[1]}]`,
    };
  }
  const given = givenCentre(feature.properties);
  if (given && !inIndonesia(given.latitude, given.longitude)) {
    return {
      code,
      reason: 'lat/lng outside Indonesia (swapped?)',
      detail: `${code}, lat ${feature.properties?.lat}, lng ${feature.properties?.lng}`,
    };
  }
  // Without a given centre the mean of the vertices: good enough to place a circle marker.
  const centre = given ?? {
    longitude: vertices.reduce((sum, [longitude]) => sum + longitude, 0) / vertices.length,
    latitude: vertices.reduce((sum, [, latitude]) => sum + latitude, 0) / vertices.length,
  };
  return { code, ...centre, boundary: feature.geometry };
}

/** A dotted Kemendagri code; undotted ones (3174011001, also as a number) are read as intake reads them. */
function kemendagriCode(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  return typeof text === 'string' ? normaliseRegionCode(text) : null;
}

/** Every vertex of a list of polygons, or null when it is not polygons of rings of four or more [lng, lat]. */
function verticesOf(polygons: unknown): [number, number][] | null {
  if (!Array.isArray(polygons) || polygons.length === 0) return null;
  const vertices: [number, number][] = [];
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return null;
    for (const ring of rings) {
      if (!Array.isArray(ring) || ring.length < 4) return null;
      for (const position of ring) {
        if (!Array.isArray(position) || position.length < 2) return null;
        const [longitude, latitude] = position;
        if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return null;
        vertices.push([longitude, latitude]);
      }
    }
  }
  return vertices;
}

/** The centre given in properties.lat/lng, or null when none is (absent, empty, or the 0/0 placeholder). */
function givenCentre(properties: Feature['properties']): { latitude: number; longitude: number } | null {
  const { lat, lng } = properties ?? {};
  const absent = (value: unknown) => value === undefined || value === null || value === '';
  if (absent(lat) && absent(lng)) return null;
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (latitude === 0 && longitude === 0) return null;
  return { latitude, longitude };
}

function inIndonesia(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    latitude >= LATITUDE.min &&
    latitude <= LATITUDE.max &&
    longitude >= LONGITUDE.min &&
    longitude <= LONGITUDE.max
  );
}
