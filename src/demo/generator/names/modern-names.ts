import type { SeededRandom } from '../seeded-random.ts';
import type { Sex } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleFirst =
  nameList(`MUHAMMAD, MUHAMMAD, MUHAMAD, AHMAD, RIZKY, DIMAS, FAJAR, ADITYA, RAFI, ARYA, BAGAS, RAIHAN, ALIF,
  FARHAN, REZA, ILHAM, DANI, GILANG, ANDIKA, YOGA, DAFFA, ZIDAN, AKBAR, FIKRI, HAFIZ, RIDHO, KHAIRUL, SYAHRUL`);
const maleSecond =
  nameList(`PRATAMA, SAPUTRA, RAMADHAN, MAULANA, FIRMANSYAH, HIDAYAT, NUGRAHA, SETIAWAN, KURNIAWAN,
  SYAHPUTRA, ALFARIZI, WIBOWO, PERMANA, ADITYA, FADILLAH, AKBAR, ALFIAN, RIZKY, FAUZAN`);
const femaleFirst =
  nameList(`NABILA, AULIA, PUTRI, SALSABILA, ANISA, NUR, DEWI, INDAH, RINA, SITI, AYU, DINDA, NADIA, ZAHRA,
  KEISHA, AISYAH, FITRI, RATNA, DIAN, NOVI, RIZKA, AMELIA, ALYA, NAYLA, CITRA, NURUL`);
const femaleSecond =
  nameList(`PUTRI, RAHMAWATI, LESTARI, AZZAHRA, RAMADHANI, NURAINI, WULANDARI, SARI, PERTIWI, KHOIRUNNISA,
  SAFITRI, HANDAYANI, AMALIA, OKTAVIANI, FEBRIANTI, MAHARANI, PRATIWI, ANGGRAINI, PUSPITASARI, YULIANTI, HIDAYAH`);

/** Names given to Jakarta children since the 1990s across Muslim families (Muhammad Rizky Pratama, Aulia Putri). */
export function modernName(random: SeededRandom, sex: Sex): string {
  const male = sex === 'L';
  const first = random.pick(male ? maleFirst : femaleFirst);
  const second = random.pick(male ? maleSecond : femaleSecond);
  if (second === first) return first;
  if (random.chance(0.25)) {
    const third = random.pick(male ? maleSecond : femaleSecond);
    if (third !== second && third !== first) return `${first} ${second} ${third}`;
  }
  return `${first} ${second}`;
}
