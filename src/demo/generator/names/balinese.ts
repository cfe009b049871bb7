import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

// Birth-order names: first, second, third and fourth child; the cycle restarts for the fifth.
const birthOrderNames: string[][] = [
  ['WAYAN', 'PUTU', 'GEDE'],
  ['MADE', 'KADEK', 'NENGAH'],
  ['NYOMAN', 'KOMANG'],
  ['KETUT'],
];
const maleGiven =
  nameList(`SUDARMA, SUARDANA, ARTAWAN, ASTAWA, MERTAYASA, SUKARTA, SUARJANA, WIRAWAN, SUDIARTA, ADNYANA,
  ARDANA, SUWITRA, PUTRA, DARMAWAN, WIDIARTA, SUASTIKA, GUNAWAN, ARIMBAWA, SURYAWAN, SUBAGIA`);
const femaleGiven =
  nameList(`SRIASIH, KARTINI, SUARNI, WIRYANI, AYU LESTARI, SUARTINI, SUKERTI, SRIWAHYUNI, ARIANI, SUDARMI,
  ASTITI, WIDIASIH, YULIANTI, PUSPAWATI, DEWI, SUPARTINI, ARTINI, RASMINI, MURNIASIH, AYU KOMANG`);

/** Balinese: I/Ni, a birth-order name (Wayan, Made, Nyoman, Ketut), then a personal name. */
export const balineseTradition: NamingTradition = {
  key: 'balinese',
  familyName: () => '',
  isMuslim: () => false,
  personName(random, request) {
    const male = request.sex === 'L';
    const orderNames = birthOrderNames[(Math.max(1, request.birthOrder) - 1) % 4];
    let orderName = random.pick(orderNames);
    if (orderName === 'GEDE' && !male) orderName = 'PUTU';
    const prefix = male ? 'I' : 'NI';
    return `${prefix} ${orderName} ${random.pick(male ? maleGiven : femaleGiven)}`;
  },
};
