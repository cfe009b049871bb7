import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const indonesianSurnames =
  nameList(`WIJAYA, TANOTO, HALIM, SANTOSO, GUNAWAN, KUSUMA, SALIM, SUTANTO, TANUWIJAYA, HARTONO,
  SETIAWAN, KURNIAWAN, SUGIANTO, WIBISONO, LIMANTO, TANZIL, SANTOSA, SUSANTO, HENDRAWAN, WINATA, JAYADI, LIMAN, SASMITA,
  GOZALI, TJAHJADI, TEDJA, ONGKO, HALIMAN`);
const clanNames = nameList(
  'TAN, LIM, LIEM, ONG, THE, LIE, GO, KWEE, OEI, TJHIN, LAUW, WONG, TJIA, HO, SIE, LO, KHO',
);
const syllables =
  nameList(`SIU, LAN, KIM, HOK, HWA, MEI, LING, LIANG, TJOEN, HONG, SENG, BENG, KOK, HUI, CHING, SIONG, TJOE,
  NIO, GIOK, SWIE, FANG, YAN, HAN, AN, TIONG, KIAT, HOA, ENG, LIAN, SUN`);
const maleGiven =
  nameList(`HENDRA, GUNAWAN, SUSANTO, BUDI, HERMAN, FERRY, HARTONO, ANTON, WILLY, HENDRIK, JOHAN, KEVIN,
  MICHAEL, VINCENT, STEVEN, WILLIAM, ALBERT, ROBERT, YOHANES, ANDI, DENNY, RUDY, HANS, IRWAN, SUGIANTO, EDDY, TONNY, JIMMY,
  FELIX, CHRISTIAN, SUWANDI, DJOHAN`);
const femaleGiven =
  nameList(`LINA, SUSI, LINDA, JESSICA, FELICIA, STEFANIE, MICHELLE, MELINDA, YULIANA, LILIS, MEILIANA, LIANA,
  FENNY, SHERLY, VERONIKA, NATALIA, CYNTHIA, CINDY, WENNY, MEILANI, SUSANTI, LANNY, TERESIA, ANGELINA, CHRISTINA, LIONG`);

/** Chinese-Indonesian: Indonesianised names (Hendra Wijaya, Gunawan) and, among the old, clan-first names (Lim Siu Lan). */
export const chineseTradition: NamingTradition = {
  key: 'chinese',
  familyName: (random) => (random.chance(0.2) ? random.pick(clanNames) : random.pick(indonesianSurnames)),
  isMuslim: () => false,
  personName(random, request) {
    const male = request.sex === 'L';
    if (request.birthYear < 1966 && random.chance(0.45)) {
      const clan = clanNames.includes(request.familyName) ? request.familyName : random.pick(clanNames);
      return `${clan} ${random.pick(syllables)} ${random.pick(syllables)}`;
    }
    const given = random.pick(male ? maleGiven : femaleGiven);
    if (clanNames.includes(request.familyName) || random.chance(0.3)) return given;
    return `${given} ${request.familyName}`;
  },
};
