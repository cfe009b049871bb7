import type { SeededRandom } from '../seeded-random.ts';
import type { NamingTradition, Sex } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleFirst =
  nameList(`MUHAMMAD, MUHAMMAD, MUHAMAD, MOHAMMAD, AHMAD, AHMAD, ABDULLAH, HASAN, HUSEIN, UMAR, ZAINAL,
  ZULKIFLI, SYAIFUL, KHAIRUL, FAUZI, IMAM, ISMAIL, IBRAHIM, YUSUF, SULAIMAN, HAMZAH, ALI, RIDWAN, SYAMSUL, ARIF, RAHMAT,
  FIRDAUS, ABDURRAHMAN, NUR`);
const maleSecond =
  nameList(`FAUZI, HIDAYAT, RAHMAN, YUSUF, ABIDIN, ARIFIN, ANWAR, HAKIM, FIRMANSYAH, SYAHPUTRA, MAULANA,
  RAMADHAN, HASAN, ZAKARIA, IRFAN, SOLEH, ROZAK, SAIFUDIN, BAHRI, ANSORI, MUSTOFA, KHOLIL, NAWAWI, ALI, ISKANDAR`);
const abdulSuffix =
  nameList(`RAHMAN, ROHIM, KADIR, MALIK, AZIZ, HAKIM, LATIF, SAMAD, MAJID, GHOFUR, HALIM, WAHAB, SALAM,
  RAZAK, MANAF, JABAR`);
const sitiSuffix =
  nameList(`AMINAH, FATIMAH, KHODIJAH, MARYAM, ZUBAEDAH, NURJANAH, AISYAH, ROHMAH, HALIMAH, SALAMAH,
  MUNAWAROH, ZAENAB, SYARIFAH, HAJAR, KHOTIJAH, NURBAYA, MASITOH, JULAEHA`);
const nurSuffix = nameList(`HIDAYAH, AINI, HALIMAH, AZIZAH, LAILA, JANAH, HASANAH, KHOLIFAH, FADILAH`);
const nurulSuffix = nameList(`HUDA, AINI, FADILAH, HIKMAH, IZZAH, JANNAH`);
const femaleSingle =
  nameList(`AMINAH, FATIMAH, AISYAH, KHADIJAH, ZAHRA, SYARIFAH, RAHMAWATI, HIDAYATI, NURHAYATI, NURJANAH,
  MASITOH, UMI KALSUM, ROHANI, SALMAH, NURLAELA, SYAMSIAH, ZUBAIDAH, HASANAH, RUQOYAH`);

/** Male Arabic-origin name: Muhammad/Ahmad + name, Abdul + divine attribute, or a single name. */
export function arabicMaleName(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.2) return `ABDUL ${random.pick(abdulSuffix)}`;
  const first = random.pick(maleFirst);
  if (first === 'NUR') return `NUR ${random.pick(maleSecond)}`;
  if (roll < 0.35) return first;
  return `${first} ${random.pick(maleSecond)}`;
}

/** Female Arabic-origin name: Siti …, Nur …, Nurul … or a single name. */
export function arabicFemaleName(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.35) return `SITI ${random.pick(sitiSuffix)}`;
  if (roll < 0.5) return `NUR ${random.pick(nurSuffix)}`;
  if (roll < 0.58) return `NURUL ${random.pick(nurulSuffix)}`;
  return random.pick(femaleSingle);
}

export function arabicName(random: SeededRandom, sex: Sex): string {
  return sex === 'L' ? arabicMaleName(random) : arabicFemaleName(random);
}

/** Santri families of any ethnic origin who name their members in the Arabic tradition. */
export const arabicTradition: NamingTradition = {
  key: 'arabic',
  familyName: () => '',
  isMuslim: () => true,
  personName: (random, request) => arabicName(random, request.sex),
};
