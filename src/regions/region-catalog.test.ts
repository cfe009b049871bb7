import { describe, expect, it } from 'vitest';
import { loadRegionCatalog, titleCase } from './region-catalog.ts';

describe('the region catalog (idn-area-data)', () => {
  it('holds DKI Jakarta with its 6 kota/kabupaten, 44 kecamatan and 267 kelurahan, named as officers write them', async () => {
    const catalog = await loadRegionCatalog();
    const inJakarta = (regions: { code: string }[]) =>
      regions.filter((region) => region.code.startsWith('31.'));
    expect(catalog.provinces.find((province) => province.code === '31')?.name).toBe('DKI Jakarta');
    expect(catalog.regencies.find((regency) => regency.code === '31.74')?.name).toBe(
      'Kota Administrasi Jakarta Selatan',
    );
    expect(catalog.regencies.find((regency) => regency.code === '73.10')?.name).toBe(
      'Kabupaten Pangkajene dan Kepulauan',
    );
    expect(
      [catalog.regencies, catalog.districts, catalog.villages].map((level) => inJakarta(level).length),
    ).toEqual([6, 44, 267]);
  });

  it('title-cases upper-case names, keeping DKI whole and "dan" small, and leaves other words alone', () => {
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(titleCase('DAERAH ISTIMEWA YOGYAKARTA')).toBe('Daerah Istimewa Yogyakarta');
    expect(titleCase('KOTA BAU BAU')).toBe('Kota Bau Bau');
    expect(titleCase('KABUPATEN PANGKAJENE DAN KEPULAUAN')).toBe('Kabupaten Pangkajene dan Kepulauan');
    expect(titleCase('KABUPATEN DANAU TOBA')).toBe('Kabupaten Danau Toba');
    expect(titleCase('KOTA ADMINISTRASI JAKARTA PUSAT')).toBe('Kota Administrasi Jakarta Pusat');
  });
});
