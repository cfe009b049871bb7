import type { Kelurahan } from './region-pool.ts';
import type { SeededRandom } from './seeded-random.ts';
import { hashString } from './seeded-random.ts';

// Telkomsel, Indosat, XL, Tri, Smartfren and Axis prefixes, weighted by how often each appears.
const phonePrefixes = [
  '0812',
  '0812',
  '0813',
  '0813',
  '0821',
  '0822',
  '0852',
  '0853',
  '0811',
  '0857',
  '0856',
  '0858',
  '0815',
  '0817',
  '0818',
  '0819',
  '0859',
  '0877',
  '0878',
  '0895',
  '0896',
  '0897',
  '0898',
  '0899',
  '0881',
  '0882',
  '0838',
];

/** An Indonesian mobile number of 11–13 digits. */
export function phoneNumber(random: SeededRandom): string {
  const length = random.chance(0.6) ? 8 : random.chance(0.7) ? 7 : 9;
  const low = 10 ** (length - 1);
  return random.pick(phonePrefixes) + String(low + random.int(9 * low));
}

const streetNames = [
  'KEBON BARU',
  'H. NAIPIN',
  'SWADAYA',
  'MASJID',
  'MUSHOLLA',
  'PERSATUAN',
  'MANGGIS',
  'DUKU',
  'KEMUNING',
  'MAWAR',
  'MELATI',
  'H. SAABAN',
  'KRAMAT',
  'PETAMBURAN',
  'KEBON JERUK',
  'KEMBANG',
  'SAWO',
  'RAMBUTAN',
  'KELAPA',
  'DELIMA',
  'BELIMBING',
  'NANGKA',
  'PISANG',
  'H. MISBAH',
  'H. ASMAWI',
  'H. GANDUN',
  'H. ABAS',
  'MASJID AL-IKHLAS',
  'BUDI MULIA',
  'SEJAHTERA',
  'KAMPUNG BARU',
  'PULO',
  'BALAI RAKYAT',
  'PEMUDA',
  'KARYA',
  'SETIA BUDI',
  'BANGAU',
  'MERPATI',
  'CENDRAWASIH',
  'KENARI',
  'KAPUK',
  'KALI BARU',
  'TANAH TINGGI',
  'CEMPAKA',
  'ANGGREK',
  'TERATAI',
  'BACANG',
  'JAMBU',
  'SIRSAK',
  'SALAK',
  'PINANG',
  'BAMBU',
  'BERINGIN',
  'RAWA',
  'SETU',
  'MANUNGGAL',
  'GOTONG ROYONG',
  'SWAKARSA',
  'H. DOGOL',
  'H. NAWI',
  'MANDOR',
];
const romanSuffixes = [
  '',
  '',
  '',
  ' I',
  ' II',
  ' III',
  ' IV',
  ' V',
  ' VI',
  ' VII',
  ' VIII',
  ' IX',
  ' X',
  ' XII',
  ' XV',
];
const roadPrefixes = ['JL. ', 'JL. ', 'JL. ', 'GG. ', 'GG. ', 'JLN. ', 'GANG ', 'KP. '];

const streetsPerRw = 4;
const streetCache = new Map<string, string[]>();

/** The streets of one RW: a few per RW, stable for the kelurahan so families of an RT share them. */
function streetOfRw(kelurahan: Kelurahan, rw: number, variant: number): string {
  let streets = streetCache.get(kelurahan.code);
  if (!streets) {
    streets = [];
    for (let rwNumber = 1; rwNumber <= kelurahan.rtCountsByRw.length; rwNumber++) {
      for (let index = 0; index < streetsPerRw; index++) {
        const hash = hashString(`${kelurahan.code}/${rwNumber}/${index}`);
        streets.push(
          roadPrefixes[hash % roadPrefixes.length] +
            streetNames[(hash >>> 4) % streetNames.length] +
            romanSuffixes[(hash >>> 12) % romanSuffixes.length],
        );
      }
    }
    streetCache.set(kelurahan.code, streets);
  }
  return streets[(rw - 1) * streetsPerRw + variant];
}

/** Address line as RT heads type it: "JL. KEBON BARU II NO. 23", "GG. H. NAIPIN NO.5", "... NO 12A". */
export function streetAddress(random: SeededRandom, kelurahan: Kelurahan, rw: number): string {
  const street = streetOfRw(kelurahan, rw, random.int(streetsPerRw));
  const houseNumber = random.chance(0.8) ? random.between(1, 60) : random.between(61, 250);
  const letter = random.chance(0.08) ? random.pick(['A', 'B', 'C']) : '';
  const roll = random.next();
  if (roll < 0.5) return `${street} NO. ${houseNumber}${letter}`;
  if (roll < 0.8) return `${street} NO.${houseNumber}${letter}`;
  if (roll < 0.9) return `${street} NO ${houseNumber}${letter}`;
  if (roll < 0.95)
    return `${street} BLOK ${random.pick(['A', 'B', 'C', 'D', 'E'])}${random.between(1, 9)} NO. ${houseNumber}`;
  return street;
}

/** RW and RT of a family, inside the layout of the kelurahan. */
export function pickNeighbourhood(random: SeededRandom, kelurahan: Kelurahan): { rw: number; rt: number } {
  const rw = random.between(1, kelurahan.rtCountsByRw.length);
  return { rw, rt: random.between(1, kelurahan.rtCountsByRw[rw - 1]) };
}
