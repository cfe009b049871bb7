import type { RegionCatalog, RegionEntry } from '../../regions/region-catalog.ts';
import { dottedRegionCode } from '../../regions/region-catalog.ts';
import type { TraditionKey } from './names/naming-tradition.ts';
import type { TraditionProfile } from './names/traditions.ts';
import { traditionProfiles } from './names/traditions.ts';
import { hashString, SeededRandom, WeightedChoice } from './seeded-random.ts';

export interface Kelurahan {
  code: string;
  name: string;
  districtCode: string;
  /** Six digits as they appear at the start of NIK and KK numbers. */
  districtDigits: string;
  regencyCode: string;
  /** Birth place written for people born here (JAKARTA for the capital's cities). */
  birthPlace: string;
  /** RT count of each RW; RW numbers are 1..length. */
  rtCountsByRw: number[];
  /** Other kelurahan of the same kecamatan, for duplicate listings by a neighbouring RT. */
  neighbours: Kelurahan[];
  /** The kelurahan's own kecamatan as a place of NIK issue. */
  homeDistrict: District;
}

export interface District {
  digits: string;
  birthPlace: string;
}

// BST family shares by city in 2020–2021 (Jakarta Timur and Barat largest, Kepulauan Seribu tiny).
const dkiRegencyWeights: Record<string, number> = {
  '31.01': 0.005,
  '31.71': 0.11,
  '31.72': 0.17,
  '31.73': 0.22,
  '31.74': 0.135,
  '31.75': 0.26,
};

const originDistrictsPerSpec = 8;

/** Regency name as written for a birth place: "KABUPATEN KEBUMEN" → "KEBUMEN", Jakarta's cities → "JAKARTA". */
export function birthPlaceName(regency: RegionEntry | undefined): string {
  if (!regency) return 'JAKARTA';
  const upper = regency.name.toUpperCase();
  if (regency.code.startsWith('31.')) return 'JAKARTA';
  return upper.replace(/^(KABUPATEN|KOTA)\s+(ADMINISTRASI\s+)?/, '').trim();
}

/** RW and RT counts are a property of the kelurahan, stable across seeds. */
export function neighbourhoodLayout(kelurahanCode: string): number[] {
  const rwCount = 8 + (hashString(kelurahanCode) % 9);
  return Array.from(
    { length: rwCount },
    (_unused, index) => 6 + (hashString(`${kelurahanCode}/${index + 1}`) % 10),
  );
}

/** The regions a run draws from: the listed kelurahan, their province's other kecamatan, migrants' home districts. */
export class RegionPool {
  readonly kelurahan: Kelurahan[];
  private readonly kelurahanChoice: WeightedChoice<Kelurahan>;
  private readonly homeProvinceDistricts: District[];
  private readonly originChoices = new Map<TraditionKey, WeightedChoice<District>>();

  constructor(catalog: RegionCatalog, seed: number, kelurahanCodes?: string[]) {
    const regencies = new Map(catalog.regencies.map((regency) => [regency.code, regency]));
    const districts = new Map(catalog.districts.map((district) => [district.code, district]));
    const selected = selectVillages(catalog.villages, kelurahanCodes);
    this.kelurahan = selected.map((village) => {
      const districtCode = village.parentCode ?? '';
      const regencyCode = districts.get(districtCode)?.parentCode ?? districtCode.slice(0, 5);
      const districtDigits = districtCode.replaceAll('.', '');
      const birthPlace = birthPlaceName(regencies.get(regencyCode));
      return {
        code: village.code,
        name: village.name.toUpperCase(),
        districtCode,
        districtDigits,
        regencyCode,
        birthPlace,
        rtCountsByRw: neighbourhoodLayout(village.code),
        neighbours: [],
        homeDistrict: { digits: districtDigits, birthPlace },
      };
    });
    linkNeighbours(this.kelurahan);
    const villagesPerRegency = new Map<string, number>();
    for (const entry of this.kelurahan) {
      villagesPerRegency.set(entry.regencyCode, (villagesPerRegency.get(entry.regencyCode) ?? 0) + 1);
    }
    this.kelurahanChoice = new WeightedChoice(
      this.kelurahan.map((entry) => {
        const regencyWeight = dkiRegencyWeights[entry.regencyCode] ?? 0.1;
        const villagesInRegency = villagesPerRegency.get(entry.regencyCode) ?? 1;
        const localFactor = 0.6 + (hashString(entry.code) % 1000) / 1250;
        return [entry, (regencyWeight / Math.max(1, villagesInRegency)) * localFactor] as const;
      }),
    );
    const provinceCode = this.kelurahan[0].code.slice(0, 2);
    this.homeProvinceDistricts = catalog.districts
      .filter((district) => district.code.startsWith(`${provinceCode}.`))
      .map((district) => ({
        digits: district.code.replaceAll('.', ''),
        birthPlace: birthPlaceName(regencies.get(district.parentCode ?? '')),
      }));
    const originRandom = new SeededRandom(hashString('origins', seed));
    for (const [key, profile] of Object.entries(traditionProfiles) as [TraditionKey, TraditionProfile][]) {
      this.originChoices.set(key, buildOriginChoice(catalog, regencies, profile, originRandom));
    }
  }

  pickKelurahan(random: SeededRandom): Kelurahan {
    return this.kelurahanChoice.pick(random);
  }

  /** Any kecamatan of the home province: people who got their NIK elsewhere in Jakarta before moving. */
  pickHomeProvinceDistrict(random: SeededRandom): District {
    return random.pick(this.homeProvinceDistricts);
  }

  pickOriginDistrict(random: SeededRandom, tradition: TraditionKey): District {
    return this.originChoices.get(tradition)!.pick(random);
  }
}

function selectVillages(villages: RegionEntry[], kelurahanCodes?: string[]): RegionEntry[] {
  const requested = (kelurahanCodes && kelurahanCodes.length > 0 ? kelurahanCodes : ['31']).map((code) =>
    code.includes('.') ? code.replace(/\.$/, '') : dottedRegionCode(code),
  );
  // Full kelurahan codes are looked up in a set; shorter codes (city, kecamatan) match as prefixes.
  const exact = new Set(requested.filter((code) => code.split('.').length === 4));
  const prefixes = requested.filter((code) => !exact.has(code)).map((code) => `${code}.`);
  const selected = villages.filter(
    (village) => exact.has(village.code) || prefixes.some((prefix) => village.code.startsWith(prefix)),
  );
  if (selected.length === 0) throw new Error(`No kelurahan matches ${requested.join(', ')}`);
  return selected;
}

// Neighbours are the kelurahan next to each other in code order within a kecamatan: adjacent on the map more often than not.
function linkNeighbours(kelurahan: Kelurahan[]): void {
  const byDistrict = new Map<string, Kelurahan[]>();
  for (const entry of kelurahan) {
    const list = byDistrict.get(entry.districtCode) ?? [];
    list.push(entry);
    byDistrict.set(entry.districtCode, list);
  }
  for (const list of byDistrict.values()) {
    list.forEach((entry, index) => {
      if (index > 0) entry.neighbours.push(list[index - 1]);
      if (index < list.length - 1) entry.neighbours.push(list[index + 1]);
    });
  }
}

// Each background draws its migrants from a handful of real districts, so NIK serial tables stay small.
function buildOriginChoice(
  catalog: RegionCatalog,
  regencies: Map<string, RegionEntry>,
  profile: TraditionProfile,
  random: SeededRandom,
): WeightedChoice<District> {
  const entries: [District, number][] = [];
  for (const spec of profile.origins) {
    const candidates = catalog.districts.filter((district) => {
      if (!district.code.startsWith(`${spec.provinceCode}.`)) return false;
      if (spec.regencyKeywords.length === 0) return true;
      const regencyName = regencies.get(district.parentCode ?? '')?.name.toUpperCase() ?? '';
      return spec.regencyKeywords.some((keyword) => regencyName.includes(keyword));
    });
    const chosen: RegionEntry[] = [];
    const pool = [...candidates];
    while (chosen.length < originDistrictsPerSpec && pool.length > 0) {
      chosen.push(pool.splice(random.int(pool.length), 1)[0]);
    }
    for (const district of chosen) {
      const place = {
        digits: district.code.replaceAll('.', ''),
        birthPlace: birthPlaceName(regencies.get(district.parentCode ?? '')),
      };
      entries.push([place, spec.weight / chosen.length]);
    }
  }
  return new WeightedChoice(entries);
}
