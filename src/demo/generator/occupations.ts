import type { Sex } from './names/naming-tradition.ts';
import type { SeededRandom } from './seeded-random.ts';
import { WeightedChoice } from './seeded-random.ts';

export const notWorking = 'BELUM/TIDAK BEKERJA';
export const student = 'PELAJAR/MAHASISWA';
export const homemaker = 'MENGURUS RUMAH TANGGA';

// Informal work dominates among families asking for BST; KK wording where it exists.
const adultMale = new WeightedChoice<string>([
  ['BURUH HARIAN LEPAS', 0.22],
  ['PEDAGANG', 0.14],
  ['PENGEMUDI OJEK', 0.12],
  ['KARYAWAN SWASTA', 0.13],
  ['WIRASWASTA', 0.1],
  ['SOPIR', 0.05],
  ['TUKANG BATU', 0.04],
  ['TUKANG KAYU', 0.02],
  ['MONTIR', 0.02],
  ['SATPAM', 0.02],
  ['NELAYAN', 0.01],
  [notWorking, 0.13],
]);
const adultFemale = new WeightedChoice<string>([
  [homemaker, 0.5],
  ['PEDAGANG', 0.14],
  ['BURUH HARIAN LEPAS', 0.08],
  ['KARYAWAN SWASTA', 0.08],
  ['WIRASWASTA', 0.05],
  ['PEMBANTU RUMAH TANGGA', 0.06],
  ['PENJAHIT', 0.02],
  [notWorking, 0.07],
]);
const elderly = new WeightedChoice<string>([
  [notWorking, 0.55],
  ['PEDAGANG', 0.15],
  ['BURUH HARIAN LEPAS', 0.05],
  ['PENSIUNAN', 0.05],
  ['WIRASWASTA', 0.05],
  [homemaker, 0.15],
]);

/** An occupation plausible for the age and sex. */
export function pickOccupation(random: SeededRandom, age: number, sex: Sex): string {
  if (age < 5) return notWorking;
  if (age < 18) return random.chance(0.95) ? student : notWorking;
  if (age < 23 && random.chance(0.35)) return student;
  if (age >= 65) {
    const occupation = elderly.pick(random);
    return occupation === homemaker && sex === 'L' ? notWorking : occupation;
  }
  return (sex === 'L' ? adultMale : adultFemale).pick(random);
}
