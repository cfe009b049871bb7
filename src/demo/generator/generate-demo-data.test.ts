import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegionCatalog } from '../../regions/region-catalog.ts';
import type { GenerateDemoDataSummary } from './generate-demo-data.ts';
import { generateDemoData } from './generate-demo-data.ts';
import { insideBoundary, readBoundary } from './region-coordinates.ts';
import { dateParts, readCsv } from './test-support.ts';

const geoJsonPath = '/work/shared/data/dki-kelurahan.geojson';
const families = 4000;
let workDirectory = '';
let summary: GenerateDemoDataSummary;
let intake: Record<string, string>[] = [];
let truth: Record<string, string>[] = [];
let truthByRef = new Map<string, Record<string, string>>();
let districtCodes = new Set<string>();

async function hashFiles(directory: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of (await readdir(directory)).sort()) {
    hashes[name] = createHash('sha256')
      .update(await readFile(path.join(directory, name)))
      .digest('hex');
  }
  return hashes;
}

const listingOf = (ref: string) => ref.slice(0, 8);

beforeAll(async () => {
  workDirectory = await mkdtemp(path.join(os.tmpdir(), 'tepat-generator-'));
  const catalog = await loadRegionCatalog();
  districtCodes = new Set(catalog.districts.map((district) => district.code.replaceAll('.', '')));
  summary = await generateDemoData({
    families,
    seed: 42,
    outDirectory: path.join(workDirectory, 'a'),
    regionsGeoJsonPath: geoJsonPath,
  });
  intake = await readCsv(summary.files.intake);
  truth = await readCsv(summary.files.groundTruth);
  truthByRef = new Map(truth.map((row) => [`${row.source}/${row.ref}`, row]));
});

afterAll(async () => {
  if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
});

const intakeTruth = (row: Record<string, string>) => truthByRef.get(`intake/${row.ref}`)!;
const faultsOf = (row: Record<string, string>) => intakeTruth(row).faults.split('|').filter(Boolean);

describe('generateDemoData', () => {
  it('writes byte-identical files for the same options and different ones for another seed', async () => {
    const again = await generateDemoData({
      families,
      seed: 42,
      outDirectory: path.join(workDirectory, 'b'),
      regionsGeoJsonPath: geoJsonPath,
    });
    expect(again).toEqual({ ...summary, files: again.files });
    expect(await hashFiles(path.join(workDirectory, 'b'))).toEqual(
      await hashFiles(path.join(workDirectory, 'a')),
    );
    const other = await generateDemoData({
      families: 200,
      seed: 43,
      outDirectory: path.join(workDirectory, 'c'),
    });
    const first = await generateDemoData({
      families: 200,
      seed: 42,
      outDirectory: path.join(workDirectory, 'd'),
    });
    expect((await hashFiles(path.join(workDirectory, 'c')))['intake-households.csv']).not.toBe(
      (await hashFiles(path.join(workDirectory, 'd')))['intake-households.csv'],
    );
    expect(other.persons).not.toBe(first.persons);
  });

  it('writes the documented headers and one row per person, families contiguous', async () => {
    const text = await readFile(summary.files.intake, 'utf8');
    expect(text.slice(0, text.indexOf('\n'))).toBe(
      'no_kk,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,hubungan_keluarga,status_perkawinan,pekerjaan,alamat,rt,rw,kode_kelurahan,no_hp,penghasilan_tetap,terdampak_covid,ref',
    );
    for (const file of Object.values(summary.files.ministryLists)) {
      const ministryText = await readFile(file, 'utf8');
      expect(ministryText.slice(0, ministryText.indexOf('\n'))).toBe(
        'nik,no_kk,nama,tanggal_lahir,kode_wilayah,program,periode,ref',
      );
    }
    expect(Object.keys(summary.files.ministryLists).sort()).toEqual([
      'BPNT',
      'BST_KEMENSOS',
      'PKH',
      'PRAKERJA',
    ]);
    expect(path.basename(summary.files.ministryLists.PKH)).toBe('ministry-PKH-2021-07.csv');
    expect(intake.length).toBe(summary.rows.intake);
    const seenListings = new Set<string>();
    let previous = '';
    for (const row of intake) {
      expect(row.ref).toMatch(/^R\d{7}-\d{2}$/);
      expect(['L', 'P']).toContain(row.jenis_kelamin);
      expect(row.rt).toMatch(/^\d{3}$/);
      expect(row.rw).toMatch(/^\d{3}$/);
      expect(row.kode_kelurahan).toMatch(/^31\.\d{2}\.\d{2}\.\d{4}$/);
      expect(row.no_hp).toMatch(
        faultsOf(row).includes('phone_lost_zero') ? /^8\d{8,11}$/ : /^(08\d{8,11})?$/,
      );
      expect(row.tanggal_lahir).toMatch(
        /^(\d{2}\/\d{2}\/\d{4}|\d{2}-\d{2}-\d{4}|\d{4}-\d{2}-\d{2}|\d{4,5})?$/,
      );
      const listing = listingOf(row.ref);
      if (listing !== previous) {
        expect(seenListings.has(listing)).toBe(false);
        seenListings.add(listing);
        previous = listing;
      }
    }
    expect(new Set(intake.map((row) => row.ref)).size).toBe(intake.length);
  });

  it('links every row of every file to exactly one ground-truth row', async () => {
    const expected: string[] = intake.map((row) => `intake/${row.ref}`);
    for (const [programme, file] of Object.entries(summary.files.ministryLists)) {
      for (const row of await readCsv(file)) {
        expect(row.program).toBe(programme);
        expect(row.periode).toBe('2021-07');
        expect(row.ref).toMatch(new RegExp(`^${programme}-\\d{7}$`));
        expected.push(`${programme}/${row.ref}`);
      }
    }
    for (const row of await readCsv(summary.files.deaths)) expected.push(`deaths/${row.ref}`);
    expect(truth.map((row) => `${row.source}/${row.ref}`).sort()).toEqual(expected.sort());
    for (const row of truth) {
      expect(row.person_id).toMatch(/^PX?\d+$/);
      expect(row.family_id).toMatch(/^FX?\d+$/);
    }
    // A person has one family, whatever the source.
    const familyOfPerson = new Map<string, string>();
    for (const row of truth) {
      expect(familyOfPerson.get(row.person_id) ?? row.family_id).toBe(row.family_id);
      familyOfPerson.set(row.person_id, row.family_id);
    }
  });

  it('keeps clean NIKs consistent with birth date, sex and a real district, one NIK per person', () => {
    const nikOfPerson = new Map<string, string>();
    let checked = 0;
    for (const row of intake) {
      if (faultsOf(row).length > 0 || row.nik === '') continue;
      expect(row.nik).toMatch(/^\d{16}$/);
      expect(districtCodes.has(row.nik.slice(0, 6))).toBe(true);
      const { day, month, year } = dateParts(row.tanggal_lahir);
      const nikDay = Number(row.nik.slice(6, 8));
      expect(nikDay).toBe(row.jenis_kelamin === 'P' ? day + 40 : day);
      expect(Number(row.nik.slice(8, 10))).toBe(month);
      expect(Number(row.nik.slice(10, 12))).toBe(year % 100);
      expect(Number(row.nik.slice(12))).toBeGreaterThan(0);
      expect(row.no_kk).toMatch(/^31\d{14}$/);
      const personId = intakeTruth(row).person_id;
      expect(nikOfPerson.get(personId) ?? row.nik).toBe(row.nik);
      nikOfPerson.set(personId, row.nik);
      checked++;
    }
    expect(checked).toBeGreaterThan(intake.length * 0.85);
    expect(new Set(nikOfPerson.values()).size).toBe(nikOfPerson.size);
    const cleanWithoutNik = intake.filter((row) => row.nik === '' && faultsOf(row).length === 0).length;
    expect(cleanWithoutNik / intake.length).toBeGreaterThan(0.01);
    expect(cleanWithoutNik / intake.length).toBeLessThan(0.035);
  });

  it('lists plausible families: 1–8 members, mean near 3.5, one head of 20–80', () => {
    const firstListings = new Map<string, Record<string, string>[]>();
    for (const row of intake) {
      const faults = faultsOf(row);
      if (faults.includes('duplicate_listing') || faults.includes('moved_new_listing')) continue;
      const listing = listingOf(row.ref);
      firstListings.set(listing, [...(firstListings.get(listing) ?? []), row]);
    }
    expect(firstListings.size).toBe(families);
    const sizes = [...firstListings.values()].map((rows) => rows.length);
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(mean).toBeGreaterThan(3.2);
    expect(mean).toBeLessThan(3.8);
    let oddHeads = 0;
    for (const rows of firstListings.values()) {
      const heads = rows.filter((row) => row.hubungan_keluarga === 'KEPALA KELUARGA');
      if (heads.length !== 1) {
        oddHeads++;
        continue;
      }
      if (heads[0].tanggal_lahir && !faultsOf(heads[0]).includes('birth_date_day_month_swap')) {
        const age = 2021 - dateParts(heads[0].tanggal_lahir).year;
        expect(age).toBeGreaterThanOrEqual(20);
        expect(age).toBeLessThanOrEqual(81);
      }
    }
    expect(oddHeads / families).toBeLessThan(0.01);
    expect(summary.persons).toBe(sizes.reduce((sum, size) => sum + size, 0));
  });

  it('damages about faultRate of intake rows, each damage visible in the row', () => {
    const faulted = intake.filter((row) => faultsOf(row).length > 0);
    expect(faulted.length / intake.length).toBeGreaterThan(0.065);
    expect(faulted.length / intake.length).toBeLessThan(0.095);
    for (const row of faulted) {
      const faults = faultsOf(row);
      if (faults.includes('nik_scientific')) expect(row.nik).toMatch(/^\d(\.\d+)?E\+15$/);
      if (faults.includes('nik_lost_digit')) expect(row.nik).toMatch(/^\d{15}$/);
      if (faults.includes('nik_zeroed_serial')) expect(row.nik).toMatch(/^\d{12}0000$/);
      if (faults.includes('missing_nik')) expect(row.nik).toBe('');
      if (faults.includes('missing_name')) expect(row.nama).toBe('');
      if (faults.includes('missing_birth_date')) expect(row.tanggal_lahir).toBe('');
      if (faults.includes('kk_scientific')) expect(row.no_kk).toMatch(/E\+15$/);
      if (faults.includes('kk_lost_digit')) expect(row.no_kk).toMatch(/^\d{15}$/);
      if (faults.includes('birth_date_excel_serial')) expect(row.tanggal_lahir).toMatch(/^\d{4,5}$/);
      if (faults.includes('missing_birth_place')) expect(row.tempat_lahir).toBe('');
      if (faults.includes('missing_marital_status')) expect(row.status_perkawinan).toBe('');
      if (faults.includes('missing_occupation')) expect(row.pekerjaan).toBe('');
      if (faults.includes('missing_phone')) expect(row.no_hp).toBe('');
      if (faults.includes('missing_fixed_income')) expect(row.penghasilan_tetap).toBe('');
      if (faults.includes('missing_covid_affected')) expect(row.terdampak_covid).toBe('');
    }
    // Cells are empty only through a recorded fault (a phone may simply be absent).
    for (const row of intake) {
      const faults = faultsOf(row);
      if (row.tempat_lahir === '') expect(faults).toContain('missing_birth_place');
      if (row.pekerjaan === '') expect(faults).toContain('missing_occupation');
      if (row.status_perkawinan === '') expect(faults).toContain('missing_marital_status');
      if (row.penghasilan_tetap === '') expect(faults).toContain('missing_fixed_income');
    }
    const kinds = new Set(faulted.flatMap(faultsOf));
    for (const kind of [
      'spelling_reform',
      'typo_adjacent_key',
      'nik_digit_swap',
      'nik_scientific',
      'duplicate_listing',
      'deceased',
      'birth_date_excel_serial',
      'missing_birth_place',
      'missing_marital_status',
      'missing_occupation',
      'phone_lost_zero',
    ]) {
      expect(kinds).toContain(kind);
    }
  });

  it('writes Muhammad and Nur in another form on a share of the names that have them, in every source', async () => {
    const muhammad = /\b(MUHAMM?AD|MOHAMM?AD|MOCHAMM?AD|MOEHAMMAD|MOH\.?|MOCH\.?|MUH\.?|M\.)( |$)/;
    const nur = /\bNUR(UL)? /;
    const shares = (rows: { name: string; faults: string[] }[]) => {
      const share = (pattern: RegExp, fault: string) => {
        const able = rows.filter((row) => pattern.test(row.name.toUpperCase()));
        return {
          able: able.length,
          share: able.filter((row) => row.faults.includes(fault)).length / able.length,
        };
      };
      return { muhammad: share(muhammad, 'muhammad_variant'), nur: share(nur, 'nur_variant') };
    };
    const intakeShares = shares(intake.map((row) => ({ name: row.nama, faults: faultsOf(row) })));
    expect(intakeShares.muhammad.able).toBeGreaterThan(200);
    expect(intakeShares.muhammad.share).toBeGreaterThan(0.2);
    expect(intakeShares.muhammad.share).toBeLessThan(0.4);
    expect(intakeShares.nur.able).toBeGreaterThan(150);
    expect(intakeShares.nur.share).toBeGreaterThan(0.08);
    expect(intakeShares.nur.share).toBeLessThan(0.25);
    const ministryRows: { name: string; faults: string[] }[] = [];
    for (const [programme, file] of Object.entries(summary.files.ministryLists)) {
      for (const row of await readCsv(file)) {
        const faults = truthByRef.get(`${programme}/${row.ref}`)!.faults.split('|');
        ministryRows.push({ name: row.nama, faults });
      }
    }
    const ministryShares = shares(ministryRows);
    expect(ministryShares.muhammad.able).toBeGreaterThan(30);
    expect(ministryShares.muhammad.share).toBeGreaterThan(0.06);
    expect(ministryShares.muhammad.share).toBeLessThan(0.3);
    expect(ministryShares.nur.share).toBeGreaterThan(0.01);
    expect(ministryShares.nur.share).toBeLessThan(0.2);
  });

  it('writes names the old way (Soetrisno, Djoko) mostly for people born before the 1972 reform', () => {
    const madeOld = intake.filter(
      (row) =>
        faultsOf(row).includes('spelling_reform') &&
        /OE|DJ|TJ|SJ/.test(row.nama.toUpperCase()) &&
        row.tanggal_lahir !== '' &&
        !faultsOf(row).includes('birth_date_day_month_swap'),
    );
    expect(madeOld.length).toBeGreaterThan(5);
    const young = madeOld.filter((row) => dateParts(row.tanggal_lahir).year > 1975);
    expect(young.length / madeOld.length).toBeLessThan(0.2);
    for (const row of madeOld) expect(row.nama.toUpperCase()).not.toMatch(/AOE|EOE/);
  });

  it('writes dates as DD/MM/YYYY, YYYY-MM-DD or DD-MM-YYYY by RW, and leaves income facts empty for a few families', async () => {
    const formats = new Set(
      intake
        .filter((row) => faultsOf(row).length === 0 && row.tanggal_lahir !== '')
        .map((row) => row.tanggal_lahir.replace(/\d/g, '9')),
    );
    expect([...formats].sort()).toEqual(['99-99-9999', '99/99/9999', '9999-99-99']);
    const result = await generateDemoData({
      families: 3000,
      seed: 23,
      outDirectory: path.join(workDirectory, 'income'),
      faultRates: { missing_fixed_income: 0.05, missing_covid_affected: 0.05 },
    });
    const rows = await readCsv(result.files.intake);
    const truthRows = new Map((await readCsv(result.files.groundTruth)).map((row) => [row.ref, row.faults]));
    const listingsWith = (fault: string, column: string) => {
      const listings = new Set<string>();
      for (const row of rows) {
        const faulted = (truthRows.get(row.ref) ?? '').split('|').includes(fault);
        expect(row[column] === '', `${row.ref} ${column}`).toBe(faulted);
        if (faulted) listings.add(listingOf(row.ref));
      }
      return listings.size;
    };
    expect(listingsWith('missing_fixed_income', 'penghasilan_tetap')).toBeGreaterThan(90);
    expect(listingsWith('missing_covid_affected', 'terdampak_covid')).toBeGreaterThan(90);
  });

  it('repeats a family under another RT of the same kecamatan, and lists moved families twice', () => {
    const listings = new Map<
      string,
      { kelurahan: string; rt: string; rw: string; people: string; family: string; faults: Set<string> }
    >();
    for (const row of intake) {
      const listing = listingOf(row.ref);
      const entry = listings.get(listing) ?? {
        kelurahan: row.kode_kelurahan,
        rt: row.rt,
        rw: row.rw,
        people: '',
        family: '',
        faults: new Set<string>(),
      };
      entry.people += `${intakeTruth(row).person_id} `;
      entry.family = intakeTruth(row).family_id;
      for (const fault of faultsOf(row)) entry.faults.add(fault);
      listings.set(listing, entry);
    }
    const byFamily = new Map<string, (typeof listings extends Map<string, infer V> ? V : never)[]>();
    for (const entry of listings.values())
      byFamily.set(entry.family, [...(byFamily.get(entry.family) ?? []), entry]);
    let duplicates = 0;
    let moves = 0;
    for (const entries of byFamily.values()) {
      if (entries.length === 1) continue;
      expect(entries).toHaveLength(2);
      const [original, repeat] = entries;
      expect(repeat.people).toBe(original.people);
      if (repeat.faults.has('duplicate_listing')) {
        duplicates++;
        expect(repeat.kelurahan.slice(0, 8)).toBe(original.kelurahan.slice(0, 8));
        expect(`${repeat.kelurahan}/${repeat.rw}/${repeat.rt}`).not.toBe(
          `${original.kelurahan}/${original.rw}/${original.rt}`,
        );
      } else {
        moves++;
        expect(original.faults.has('moved_old_listing')).toBe(true);
        expect(repeat.faults.has('moved_new_listing')).toBe(true);
        expect(repeat.kelurahan).not.toBe(original.kelurahan);
      }
    }
    expect(duplicates).toBeGreaterThan(families * 0.004);
    expect(moves).toBeGreaterThan(0);
  });

  it('reports deaths of listed members in deaths.csv with their true NIK', async () => {
    const deaths = await readCsv(summary.files.deaths);
    const deceasedRows = intake.filter((row) => faultsOf(row).includes('deceased'));
    const deceasedPeople = new Set(deceasedRows.map((row) => intakeTruth(row).person_id));
    const registryDeaths = deaths.filter((row) =>
      deceasedPeople.has(truthByRef.get(`deaths/${row.ref}`)!.person_id),
    );
    expect(registryDeaths.length).toBe(deceasedPeople.size);
    expect(deaths.length).toBeGreaterThan(registryDeaths.length);
    for (const death of deaths) {
      expect(death.nik).toMatch(/^\d{16}$/);
      expect(death.tanggal_meninggal).toMatch(/^2021-0[1-6]-\d{2}$|^2020-\d{2}-\d{2}$/);
    }
  });

  it('never dates a death before the birth, babies included', async () => {
    const result = await generateDemoData({
      families: 1500,
      seed: 17,
      outDirectory: path.join(workDirectory, 'deaths'),
      faultRates: { deceased: 0.6 },
    });
    const truthRows = await readCsv(result.files.groundTruth);
    const personOfRef = new Map(truthRows.map((row) => [`${row.source}/${row.ref}`, row.person_id]));
    const faultsOfRef = new Map(truthRows.map((row) => [`${row.source}/${row.ref}`, row.faults]));
    const birthOfPerson = new Map<string, string>();
    for (const row of await readCsv(result.files.intake)) {
      const personId = personOfRef.get(`intake/${row.ref}`)!;
      const faults = faultsOfRef.get(`intake/${row.ref}`) ?? '';
      if (row.tanggal_lahir !== '' && !faults.includes('birth_date'))
        birthOfPerson.set(personId, row.tanggal_lahir);
    }
    let babies = 0;
    for (const death of await readCsv(result.files.deaths)) {
      const birth = birthOfPerson.get(personOfRef.get(`deaths/${death.ref}`)!);
      if (!birth) continue;
      const { day, month, year } = dateParts(birth);
      const born = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (year >= 2020) babies++;
      expect(death.tanggal_meninggal >= born, `${death.ref} born ${born}`).toBe(true);
    }
    expect(babies).toBeGreaterThan(5);
  });

  it('writes a second head only for an adult member', async () => {
    const result = await generateDemoData({
      families: 600,
      seed: 19,
      outDirectory: path.join(workDirectory, 'heads'),
      headAnomalyRate: 1,
    });
    const truthRows = await readCsv(result.files.groundTruth);
    const faultsOfRef = new Map(truthRows.map((row) => [row.ref, row.faults]));
    let secondHeads = 0;
    for (const row of await readCsv(result.files.intake)) {
      const faults = faultsOfRef.get(row.ref) ?? '';
      if (!faults.includes('two_heads') || row.tanggal_lahir === '' || faults.includes('birth_date'))
        continue;
      secondHeads++;
      expect(row.hubungan_keluarga).toBe('KEPALA KELUARGA');
      expect(2021 - dateParts(row.tanggal_lahir).year, row.ref).toBeGreaterThanOrEqual(17);
    }
    expect(secondHeads).toBeGreaterThan(100);
  });

  it('puts about ministryOverlapRate of families in ministry lists, plus people outside the registry', async () => {
    const registryFamilies = new Set(intake.map((row) => intakeTruth(row).family_id));
    const registryPeople = new Set(intake.map((row) => intakeTruth(row).person_id));
    const ministryRows = truth.filter((row) => row.source !== 'intake' && row.source !== 'deaths');
    const overlapping = new Set(
      ministryRows.filter((row) => registryFamilies.has(row.family_id)).map((row) => row.family_id),
    );
    expect(overlapping.size / families).toBeGreaterThan(0.085);
    expect(overlapping.size / families).toBeLessThan(0.115);
    expect(summary.familiesInProgrammes).toBe(overlapping.size);
    const outsiders = ministryRows.filter((row) => !registryPeople.has(row.person_id));
    expect(outsiders).toHaveLength(families * 0.5);
    const programmeFamilies = await readCsv(summary.files.programmeFamilies);
    expect(new Set(programmeFamilies.map((row) => row.family_id))).toEqual(overlapping);
    const ministryFaulted = ministryRows.filter((row) => row.faults !== '').length / ministryRows.length;
    expect(ministryFaulted).toBeLessThan(0.06);
  });

  it('writes household coordinates inside their kelurahan when a GeoJSON is given', async () => {
    const locations = await readCsv(summary.files.locations!);
    expect(locations.length).toBe(new Set(intake.map((row) => listingOf(row.ref))).size);
    const geoJson = JSON.parse(await readFile(geoJsonPath, 'utf8')) as {
      features: { properties: { code: string }; geometry: Parameters<typeof readBoundary>[0] }[];
    };
    const boundaries = new Map(
      geoJson.features.map((feature) => [feature.properties.code, readBoundary(feature.geometry)!]),
    );
    // Six decimals round a point by up to 0.1 m, which can carry one on the very edge across it.
    const nearlyInside = (boundary: NonNullable<ReturnType<typeof readBoundary>>, lng: number, lat: number) =>
      [0, 1e-6, -1e-6].some((dLng) =>
        [0, 1e-6, -1e-6].some((dLat) => insideBoundary(boundary, lng + dLng, lat + dLat)),
      );
    for (const row of locations) {
      const boundary = boundaries.get(row.kode_kelurahan)!;
      expect(nearlyInside(boundary, Number(row.lng), Number(row.lat)), `${row.listing}`).toBe(true);
      expect(Number(row.lat)).toBeGreaterThan(-6.4);
      expect(Number(row.lat)).toBeLessThan(-5.1);
      expect(Number(row.lng)).toBeGreaterThan(106.3);
      expect(Number(row.lng)).toBeLessThan(107.1);
    }
  });

  it('honours faultRate, a region filter and the semicolon delimiter', async () => {
    const result = await generateDemoData({
      families: 3000,
      seed: 5,
      outDirectory: path.join(workDirectory, 'e'),
      faultRate: 0.2,
      ministryOverlapRate: 0.3,
      ministryExtraPersons: 10,
      kelurahanCodes: ['31.74'],
      delimiter: ';',
    });
    const rows = await readCsv(result.files.intake, ';');
    const truthRows = await readCsv(result.files.groundTruth);
    expect(rows.every((row) => row.kode_kelurahan.startsWith('31.74.'))).toBe(true);
    const faulted =
      truthRows.filter((row) => row.source === 'intake' && row.faults !== '').length / rows.length;
    expect(faulted).toBeGreaterThan(0.17);
    expect(faulted).toBeLessThan(0.23);
    expect(result.familiesInProgrammes / 3000).toBeGreaterThan(0.27);
    expect(result.familiesInProgrammes / 3000).toBeLessThan(0.33);
  });

  it('streams: a 20k-family run does not hold more in memory than a 2k-family run', async () => {
    // A full collection before each sample measures what is retained, not garbage awaiting collection.
    v8.setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const peakHeap = async (count: number) => {
      const samples: number[] = [];
      await generateDemoData({
        families: count,
        seed: 8,
        outDirectory: path.join(workDirectory, `memory-${count}`),
        onProgress: () => {
          collectGarbage();
          samples.push(process.memoryUsage().heapUsed);
        },
      });
      return { peak: Math.max(...samples), samples };
    };
    const small = await peakHeap(2000);
    const large = await peakHeap(20_000);
    // Holding 20k families (~70k people and their rows) would retain tens of megabytes more.
    expect(large.peak - small.peak).toBeLessThan(15 * 1024 * 1024);
    const quarter = Math.floor(large.samples.length / 4);
    const early = Math.max(...large.samples.slice(0, quarter));
    const late = Math.max(...large.samples.slice(-quarter));
    expect(late - early).toBeLessThan(10 * 1024 * 1024);
  });
});
