import { readFile } from 'node:fs/promises';
import { hashString, SeededRandom } from './seeded-random.ts';

interface KelurahanFeature {
  properties?: { code?: unknown; lat?: unknown; lng?: unknown };
  geometry?: { type?: unknown; coordinates?: unknown } | null;
}

export interface Point {
  lat: number;
  lng: number;
}

/** A GeoJSON file that cannot give kelurahan positions: unreadable, not JSON, or without kelurahan features. */
export class RegionFileError extends Error {}

interface Box {
  minLng: number;
  maxLng: number;
  minLat: number;
  maxLat: number;
}

/** One polygon: rings, each flat [lng, lat, lng, lat …] (the first the outline, others holes), and its box. */
interface Polygon extends Box {
  rings: Float64Array[];
  /** Area of the outline in square degrees, to pick among islands by size. */
  area: number;
}

/** One kelurahan's boundary: its polygons (several for islands) and their common bounding box. */
interface Boundary extends Box {
  polygons: Polygon[];
  totalArea: number;
}

interface KelurahanShape {
  centroid: Point;
  boundary: Boundary | null;
}

// Without a boundary: about 650 m around the centroid for an RW, 150 m around the RW for a house.
const rwSpreadDegrees = 0.006;
const houseSpreadDegrees = 0.0015;
const rwTries = 200;
const houseTries = 20;
const anywhereTries = 50;

/**
 * Kelurahan shapes from a GeoJSON FeatureCollection (properties.code, lat, lng; Polygon or MultiPolygon
 * geometry), read at run time. Households are placed inside their kelurahan's boundary.
 */
export class RegionCoordinates {
  // RW centres are stable per kelurahan and RW; a few thousand at most for all of Jakarta.
  private readonly rwCentres = new Map<string, Point>();

  private constructor(private readonly shapes: Map<string, KelurahanShape>) {}

  static async load(geoJsonPath: string): Promise<RegionCoordinates> {
    let text: string;
    try {
      text = await readFile(geoJsonPath, 'utf8');
    } catch (error) {
      throw new RegionFileError(`${geoJsonPath}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
    }
    let parsed: { features?: unknown };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RegionFileError(`${geoJsonPath}: not a GeoJSON file (it is not JSON)`);
    }
    const features = Array.isArray(parsed?.features) ? (parsed.features as KelurahanFeature[]) : [];
    const shapes = new Map<string, KelurahanShape>();
    for (const feature of features) {
      const { code, lat, lng } = feature?.properties ?? {};
      if (typeof code !== 'string') continue;
      const boundary = readBoundary(feature.geometry);
      const centroid =
        typeof lat === 'number' && typeof lng === 'number'
          ? { lat, lng }
          : boundary
            ? { lat: (boundary.minLat + boundary.maxLat) / 2, lng: (boundary.minLng + boundary.maxLng) / 2 }
            : null;
      if (centroid) shapes.set(code, { centroid, boundary });
    }
    if (shapes.size === 0) {
      throw new RegionFileError(
        `${geoJsonPath}: no kelurahan in it (a FeatureCollection whose features have properties.code and a boundary or lat/lng)`,
      );
    }
    return new RegionCoordinates(shapes);
  }

  /** A house position inside the kelurahan: near its RW's stable centre, never outside the boundary. */
  householdPoint(kelurahanCode: string, rw: number, random: SeededRandom): Point | null {
    const shape = this.shapes.get(kelurahanCode);
    if (!shape) return null;
    const { centroid, boundary } = shape;
    const centre = this.rwCentre(kelurahanCode, rw, shape);
    if (!boundary) {
      return {
        lat: centre.lat + (random.next() - 0.5) * 2 * houseSpreadDegrees,
        lng: centre.lng + (random.next() - 0.5) * 2 * houseSpreadDegrees,
      };
    }
    for (let attempt = 0; attempt < houseTries; attempt++) {
      const lat = centre.lat + (random.next() - 0.5) * 2 * houseSpreadDegrees;
      const lng = centre.lng + (random.next() - 0.5) * 2 * houseSpreadDegrees;
      if (insideBoundary(boundary, lng, lat)) return { lat, lng };
    }
    // An RW on a narrow strip or a small island: anywhere in the kelurahan will do.
    return sampleInside(boundary, random, anywhereTries) ?? centroid;
  }

  private rwCentre(kelurahanCode: string, rw: number, shape: KelurahanShape): Point {
    const key = `${kelurahanCode}/${rw}`;
    let centre = this.rwCentres.get(key);
    if (!centre) {
      const random = new SeededRandom(hashString(`${key}/position`));
      centre = shape.boundary
        ? (sampleInside(shape.boundary, random, rwTries) ?? shape.centroid)
        : {
            lat: shape.centroid.lat + (random.next() - 0.5) * 2 * rwSpreadDegrees,
            lng: shape.centroid.lng + (random.next() - 0.5) * 2 * rwSpreadDegrees,
          };
      this.rwCentres.set(key, centre);
    }
    return centre;
  }
}

/** Rejection sampling in one polygon's box, the polygon picked by area; null when every try fell outside. */
function sampleInside(boundary: Boundary, random: SeededRandom, tries: number): Point | null {
  for (let attempt = 0; attempt < tries; attempt++) {
    let polygon = boundary.polygons[0];
    let target = random.next() * boundary.totalArea;
    for (const candidate of boundary.polygons) {
      polygon = candidate;
      target -= candidate.area;
      if (target < 0) break;
    }
    const lng = polygon.minLng + random.next() * (polygon.maxLng - polygon.minLng);
    const lat = polygon.minLat + random.next() * (polygon.maxLat - polygon.minLat);
    if (insidePolygon(polygon, lng, lat)) return { lat, lng };
  }
  return null;
}

/** Whether a point lies in any polygon of the boundary (so on any island, never in a hole). */
export function insideBoundary(boundary: Boundary, lng: number, lat: number): boolean {
  if (!insideBox(boundary, lng, lat)) return false;
  return boundary.polygons.some((polygon) => insidePolygon(polygon, lng, lat));
}

function insideBox(box: Box, lng: number, lat: number): boolean {
  return lng >= box.minLng && lng <= box.maxLng && lat >= box.minLat && lat <= box.maxLat;
}

// Even-odd ray casting over all rings, so a point in a hole counts as outside.
function insidePolygon(polygon: Polygon, lng: number, lat: number): boolean {
  if (!insideBox(polygon, lng, lat)) return false;
  let inside = false;
  for (const ring of polygon.rings) {
    for (let index = 0, previous = ring.length - 2; index < ring.length; previous = index, index += 2) {
      const lngA = ring[index];
      const latA = ring[index + 1];
      const lngB = ring[previous];
      const latB = ring[previous + 1];
      if (latA > lat !== latB > lat && lng < ((lngB - lngA) * (lat - latA)) / (latB - latA) + lngA)
        inside = !inside;
    }
  }
  return inside;
}

/** Polygon or MultiPolygon coordinates as flat rings with boxes and areas; null for anything else. */
export function readBoundary(geometry: KelurahanFeature['geometry']): Boundary | null {
  if (!geometry || !Array.isArray(geometry.coordinates)) return null;
  const polygonsIn =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  const polygons: Polygon[] = [];
  for (const polygonIn of polygonsIn as unknown[]) {
    if (!Array.isArray(polygonIn)) continue;
    const rings = polygonIn.map(readRing).filter((ring): ring is Float64Array => ring !== null);
    if (rings.length === 0) continue;
    const polygon: Polygon = { rings, area: Math.abs(ringArea(rings[0])), ...boxOf(rings[0]) };
    if (polygon.area > 0) polygons.push(polygon);
  }
  if (polygons.length === 0) return null;
  return {
    polygons,
    totalArea: polygons.reduce((sum, polygon) => sum + polygon.area, 0),
    minLng: Math.min(...polygons.map((polygon) => polygon.minLng)),
    maxLng: Math.max(...polygons.map((polygon) => polygon.maxLng)),
    minLat: Math.min(...polygons.map((polygon) => polygon.minLat)),
    maxLat: Math.max(...polygons.map((polygon) => polygon.maxLat)),
  };
}

function readRing(ring: unknown): Float64Array | null {
  if (!Array.isArray(ring) || ring.length < 4) return null;
  const flat = new Float64Array(ring.length * 2);
  for (let index = 0; index < ring.length; index++) {
    const position = ring[index];
    if (!Array.isArray(position) || typeof position[0] !== 'number' || typeof position[1] !== 'number')
      return null;
    flat[index * 2] = position[0];
    flat[index * 2 + 1] = position[1];
  }
  return flat;
}

function boxOf(ring: Float64Array): Box {
  const box = {
    minLng: Number.POSITIVE_INFINITY,
    maxLng: Number.NEGATIVE_INFINITY,
    minLat: Number.POSITIVE_INFINITY,
    maxLat: Number.NEGATIVE_INFINITY,
  };
  for (let index = 0; index < ring.length; index += 2) {
    box.minLng = Math.min(box.minLng, ring[index]);
    box.maxLng = Math.max(box.maxLng, ring[index]);
    box.minLat = Math.min(box.minLat, ring[index + 1]);
    box.maxLat = Math.max(box.maxLat, ring[index + 1]);
  }
  return box;
}

// Shoelace formula; the sign tells the winding, which does not matter here.
function ringArea(ring: Float64Array): number {
  let twice = 0;
  for (let index = 0, previous = ring.length - 2; index < ring.length; previous = index, index += 2)
    twice += ring[previous] * ring[index + 1] - ring[index] * ring[previous + 1];
  return twice / 2;
}
