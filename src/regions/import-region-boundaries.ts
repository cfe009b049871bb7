import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseClient } from '../db/database.ts';
import { updateRegionGeometry } from './region-repository.ts';

export class RegionFileError extends Error {}

interface Feature {
  type?: unknown;
  properties?: { code?: unknown; lat?: unknown; lng?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown };
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Reads boundaries and centroids of regions from a GeoJSON FeatureCollection (properties.code, lat, lng). */
export async function importRegionBoundaries({
  db,
  filePath,
}: {
  db: DatabaseClient;
  filePath: string;
}): Promise<{ updated: number; unknownCodes: string[]; rejected: { feature: number; reason: string }[] }> {
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
  const accepted: { code: string; latitude: number; longitude: number; boundary: unknown }[] = [];
  const rejected: { feature: number; reason: string }[] = [];
  document.features.forEach((raw: unknown, index: number) => {
    const feature = raw as Feature;
    const code = feature?.properties?.code;
    const geometryType = feature?.geometry?.type;
    if (typeof code !== 'string' || !/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code)) {
      rejected.push({ feature: index + 1, reason: 'properties.code is missing or not a Kemendagri code' });
      return;
    }
    if (geometryType !== 'Polygon' && geometryType !== 'MultiPolygon') {
      rejected.push({ feature: index + 1, reason: `${code}: geometry must be a Polygon or MultiPolygon` });
      return;
    }
    const centroid = centroidOf(feature);
    if (!centroid) {
      rejected.push({ feature: index + 1, reason: `${code}: no usable lat/lng or coordinates` });
      return;
    }
    accepted.push({
      code,
      latitude: centroid.latitude,
      longitude: centroid.longitude,
      boundary: feature.geometry,
    });
  });
  const { updated, unknownCodes } = await updateRegionGeometry(db, accepted);
  return { updated, unknownCodes, rejected };
}

function centroidOf(feature: Feature): { latitude: number; longitude: number } | undefined {
  const latitude = Number(feature.properties?.lat);
  const longitude = Number(feature.properties?.lng);
  if (Number.isFinite(latitude) && Number.isFinite(longitude) && latitude !== 0)
    return { latitude, longitude };
  // Without given centre use the mean of the vertices: good enough to place a circle marker.
  const points: number[][] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number') points.push(node as number[]);
    else if (Array.isArray(node)) node.forEach(collect);
  };
  collect(feature.geometry?.coordinates);
  if (points.length === 0) return undefined;
  const sum = points.reduce((total, [lng, lat]) => [total[0] + lng, total[1] + lat], [0, 0]);
  return { longitude: sum[0] / points.length, latitude: sum[1] / points.length };
}
