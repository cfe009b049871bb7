import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const indonesianSurnames =
  nameList(`WIJAYA, TANOTO, HALIM, SANTOSO, GUNAWAN, KUSUMA, SALIM, SUTANTO, TANUWIJAYA, HARTONO,
  SETIAWAN, KURNIAWAN, SUGIANTO, WIBISONO, LIMANTO, TANZIL, SANTOSA, SUSANTO, HENDRAWAN, WINATA, JAYADI, LIMAN, SASMITA,
  GOZALI, TJAHJADI, TEDJA, ONGKO, HALIMAN, ADIWIJAYA, ANGKASA, BUDIMAN, CAHYADI, DARMAWAN, EFFENDI, GANDA, GUNADI,
  HADINATA, HALIMAWAN, HANDOKO, HARJONO, HARSONO, HIDAYAT, IRAWAN, JAYA, KARTAWIJAYA, KOSASIH, KUSNADI, LAKSANA,
  LIMANTARA, LUKITO, NATALIA, OENTORO, PRANOTO, PRAWIRA, RUSLI, SALIMAN, SANJAYA, SETIADI, SOEHARTO, SUDARGO, SUGIHARTO,
  SUHENDRA, SUKAMTO, SUSILO, TANADI, TANJAYA, TANUDJAJA, TEJAKUSUMA, WANGSA, WIDJAJA, WIRAWAN, YAPARI, YUWONO`);
const clanNames = nameList(
  'TAN, LIM, LIEM, ONG, THE, LIE, GO, KWEE, OEI, TJHIN, LAUW, WONG, TJIA, HO, SIE, LO, KHO, HAN, KOH, NG, LAI, LIU',
);
const syllables =
  nameList(`SIU, LAN, KIM, HOK, HWA, MEI, LING, LIANG, TJOEN, HONG, SENG, BENG, KOK, HUI, CHING, SIONG, TJOE,
  NIO, GIOK, SWIE, FANG, YAN, HAN, AN, TIONG, KIAT, HOA, ENG, LIAN, SUN, BIE, CIN, GWAN, HIAN, HIN, JIN, KENG, KIONG,
  KWANG, LAY, LOK, MING, PING, SAN, SIN, TEK, TJENG, WAN, WIE, YUNG`);
const maleGiven =
  nameList(`HENDRA, GUNAWAN, SUSANTO, BUDI, HERMAN, FERRY, HARTONO, ANTON, WILLY, HENDRIK, JOHAN, KEVIN,
  MICHAEL, VINCENT, STEVEN, WILLIAM, ALBERT, ROBERT, YOHANES, ANDI, DENNY, RUDY, HANS, IRWAN, SUGIANTO, EDDY, TONNY,
  JIMMY, FELIX, CHRISTIAN, SUWANDI, DJOHAN, ADRIAN, AGUS, ALEX, ANDREW, ARIFIN, BENNY, BUDIMAN, DANIEL, DARMAWAN,
  DAVID, DJUNAEDI, EDWIN, ERICK, ERWIN, FRANKY, FREDDY, GEORGE, GUNADI, HADI, HALIM, HARRY, HENRY, IVAN, JASON, JEFFRY,
  JOHNNY, JONATHAN, JOSEPH, KENNY, KURNIAWAN, LEONARD, MARTIN, NICHOLAS, PATRICK, PETER, RICHARD, RICKY, SANTOSO,
  SAMUEL, SETIAWAN, STANLEY, SUNARDI, SUTIONO, TEDDY, THOMAS, TOMMY, VICTOR, WIJAYA, WIRYA, YOSUA`);
const femaleGiven =
  nameList(`LINA, SUSI, LINDA, JESSICA, FELICIA, STEFANIE, MICHELLE, MELINDA, YULIANA, LILIS, MEILIANA, LIANA,
  FENNY, SHERLY, VERONIKA, NATALIA, CYNTHIA, CINDY, WENNY, MEILANI, SUSANTI, LANNY, TERESIA, ANGELINA, CHRISTINA, LIONG,
  AGNES, AMELIA, ANITA, AUDREY, CAROLINE, CLARA, DEBBY, DEWI, ELISABETH, ELLY, EVELYN, FANNY, GRACE, HELEN, IRENE,
  JENNY, JULIANA, KARTIKA, LIDYA, LILY, MARIA, MEGAWATI, MELISSA, MONICA, NANCY, OLIVIA, PRISCILLA, RATNA, RINA, ROSA,
  SANDRA, SARAH, SILVIA, SOFIA, SUSAN, TIFFANY, VANESSA, VIVIAN, WINDA, YENNY, YOLANDA`);

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
    if (random.chance(0.12)) return given;
    // Families who kept a clan name often chose a second Indonesian name instead (Linda Susanti, Hendra Gunawan).
    if (clanNames.includes(request.familyName) || random.chance(0.25)) {
      const second = random.pick(indonesianSurnames);
      return second === given ? given : `${given} ${second}`;
    }
    return `${given} ${request.familyName}`;
  },
};
