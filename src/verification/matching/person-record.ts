// The person as the matcher sees it, and the same person prepared once so each comparison is cheap.
import { parseIsoDate } from '../../registry/nik.ts';
import type { NormalisedName } from './normalise-name.ts';
import { normaliseName } from './normalise-name.ts';
import { ValueCache } from './value-cache.ts';

export interface PersonRecord {
  id: string;
  nik: string | null;
  kkNumber: string | null;
  fullName: string;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  sex: 'L' | 'P' | null;
  /** Dotted Kemendagri code of the kelurahan, or of a coarser level when that is all a source gives. */
  regionCode: string | null;
  /** Where the record comes from (intake, PKH …); pairs may be limited to different sources. */
  source?: string;
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

export interface PreparedRecord {
  record: PersonRecord;
  name: NormalisedName;
  /** 16 digits, or 15 when one digit was lost in typing; null when missing or unusable (3.17401E+15). */
  nik: string | null;
  kkNumber: string | null;
  birthDate: BirthDate | null;
  /** Region code parts: province, kota, kecamatan, kelurahan (as many as given). */
  regionParts: string[] | null;
}

export function prepareRecord(record: PersonRecord): PreparedRecord {
  return {
    record,
    name: normaliseName(record.fullName),
    nik: cleanIdentityDigits(record.nik),
    kkNumber: cleanIdentityDigits(record.kkNumber),
    birthDate: record.birthDate ? birthDates.get(record.birthDate) : null,
    regionParts: record.regionCode ? regionParts.get(record.regionCode) : null,
  };
}

// Millions of records share some tens of thousands of birth dates and a few hundred regions: one object each
// (never changed), parsed once.
const birthDates = new ValueCache(parseIsoDate, 100_000);
const regionParts = new ValueCache(regionPartsOf, 100_000);

/** Digits of a NIK or KK number kept only when 15 or 16 long: anything shorter carries no identity. */
export function cleanIdentityDigits(value: string | null): string | null {
  if (!value) return null;
  const digits = value
    .trim()
    .replace(/^'/, '')
    .replace(/[\s.-]/g, '');
  return /^\d{15,16}$/.test(digits) ? digits : null;
}

function regionPartsOf(code: string | null): string[] | null {
  if (!code) return null;
  const trimmed = code.trim();
  if (/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(trimmed)) return trimmed.split('.');
  const compact = /^(\d{2})(\d{2})?(\d{2})?(\d{4})?$/.exec(trimmed);
  return compact ? compact.slice(1).filter((part): part is string => part !== undefined) : null;
}
