import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const male =
  nameList(`MAMAT, JALI, ROJALI, SABENI, BAKRI, MURSID, UDIN, SAIPUL, JAENUDIN, SANUSI, JUMADI, MULYADI,
  MUHIDIN, ROJAK, HASBULLAH, SARIPUDIN, ZAKARIA, MAHMUD, NAWI, RAPIUDIN, SOLEH, SARMILI, MARZUKI, IDRIS, JAMALUDIN,
  NASRUN, ROHIM, JUNAEDI, SYAMSUDIN, HAMBALI, MAKMUR, MADUN, SAIMAN, NAIPIN, SAABAN, MUHAMMAD YUSUF, AHMAD FAUZI,
  MUHAMMAD SOLEH, AHMAD SANUSI, ABDUL ROJAK, MUHAMAD NAWI, ENTONG, MPING, SAMAN`);
const female =
  nameList(`ROHIMAH, JULEHA, ROMLAH, SAODAH, MASNAH, MARDIYAH, NURHASANAH, SITI KHODIJAH, MUNAWAROH, ROSIDAH,
  MAEMUNAH, ZAENAB, JUBAEDAH, NAPISAH, SAMSIAH, HALIMAH, MAISAROH, AMINAH, FATIMAH, SARIPAH, NURJANAH, ROHAYATI,
  NURHAYATI, SITI AMINAH, MUNAH, ZULEHA, SITI NURHALIZA, MARPUAH, NAPSIAH, ROSMALA, UMAYAH`);
const secondMale = nameList(`FAUZI, HIDAYAT, SANUSI, ROJALI, SOLEH, MAULANA, ABIDIN, ARIFIN, MAHMUD`);

/** Betawi: Arabic-flavoured single names (Mamat, Rohimah) and two-part Muslim names (Ahmad Fauzi). */
export const betawiTradition: NamingTradition = {
  key: 'betawi',
  familyName: () => '',
  isMuslim: () => true,
  personName(random, request) {
    if (request.sex === 'P') return random.pick(female);
    const given = random.pick(male);
    if (given.includes(' ') || random.chance(0.75)) return given;
    return `${given} ${random.pick(secondMale)}`;
  },
};
