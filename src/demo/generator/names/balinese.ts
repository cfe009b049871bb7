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
  ARDANA, SUWITRA, PUTRA, DARMAWAN, WIDIARTA, SUASTIKA, GUNAWAN, ARIMBAWA, SURYAWAN, SUBAGIA, AGUS, ANDIKA, ARIANA,
  ARSANA, ASTIKA, BUDIARTA, DARMA, DARSANA, DIANA, DWIPAYANA, EKA, GUNADA, JAYA, KARIASA, KARMAWAN, KERTIYASA,
  MAHARDIKA, MANTRA, MERTA, MUDITA, PARWATA, PASEK, PRADNYANA, PURNAMA, RAI, RAKA, REDANA, SANTIKA, SEDANA, SUARSANA,
  SUARTHA, SUDANA, SUDIRA, SUJANA, SUKADANA, SUMERTA, SUPARTA, SUPRAPTA, SURYADI, SUTAMA, SUWARDANA, SWASTIKA, WARDANA,
  WIADNYANA, WIDANA, WIJAYA, YASA`);
const femaleGiven =
  nameList(`SRIASIH, KARTINI, SUARNI, WIRYANI, AYU LESTARI, SUARTINI, SUKERTI, SRIWAHYUNI, ARIANI, SUDARMI,
  ASTITI, WIDIASIH, YULIANTI, PUSPAWATI, DEWI, SUPARTINI, ARTINI, RASMINI, MURNIASIH, AYU KOMANG, ANDAYANI, ARIASIH,
  ARIYANTI, ARSINI, ASTUTI, AYU, DARMINI, DIAH, DWIYANTI, EKAYANTI, JUNIARTI, KARIANI, KARMINI, KASIH, LESTARI,
  MARTINI, MERTAYANI, NOVIANTI, PARWATI, PURNAMI, PUSPITA, RAI, RATNASARI, SARININGSIH, SRI, SUCIATI, SUDIASIH,
  SUKARMI, SULASTRI, SUMARNI, SUPARWATI, SURYANI, SUSILAWATI, SUWARTINI, SWANDEWI, TRISNAWATI, WAHYUNI, WARDANI,
  WIDIANTARI, WIDYASTUTI, YUNIARI`);

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
    const given = random.pick(male ? maleGiven : femaleGiven);
    if (random.chance(0.3)) {
      const second = random.pick(male ? maleGiven : femaleGiven);
      if (second !== given && !second.includes(' ')) return `${prefix} ${orderName} ${given} ${second}`;
    }
    return `${prefix} ${orderName} ${given}`;
  },
};
