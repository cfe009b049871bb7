import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleGiven =
  nameList(`SUTRISNO, WAGIMAN, SUPARMAN, SUGIYANTO, SLAMET, MULYONO, PURWANTO, HARIYANTO, NGADIMAN, SUKARDI,
  PAIJO, SUPRIYADI, SUYATNO, SUMARNO, SUGENG, TUKIMAN, WARSITO, DARMAJI, PARJO, SURATMAN, SUHARTO, SUKIRMAN, TRIYONO,
  WIDODO, SUBAGYO, HADI, JOKO, BAMBANG, AGUS, EKO, BUDI, SUSILO, CAHYONO, TEGUH, YULIANTO, ARIS, HERU, DWI, WAHYU, KUSNO,
  SARIMIN, WAGINO, KARNO, RUSDI, SUWITO, MARYONO, GIYANTO, SUYONO, TUGIMAN, SUDARSONO, PRAYITNO, SISWANTO, SUNARTO,
  SUPRIYANTO, SUGIARTO, SUKIJAN, NGATIMIN, TUMIJAN, KASMIJAN, SUROSO, DJOKO`);
const femaleGiven =
  nameList(`SUMARNI, TUKIYEM, SUKINAH, PARMI, SARINAH, SUWARNI, TUMINI, KASIYEM, WARTINI, SRI WAHYUNI,
  SRI RAHAYU, SRI MULYANI, SUPARTI, SUMIYATI, PAINEM, SUKARSIH, NGATIYEM, SUNARTI, DWI ASTUTI, ENDANG, WIWIK, YULIANI,
  TRI WULANDARI, SUPRIHATIN, MARYATI, KATMI, SURATMI, SUMIRAH, LESTARI, RATNA, SUWARTI, WINARSIH, SUGIARTI, KUSMIATI,
  NANIK, TITIN, ENDAH, SRI SUMARTINI, RUSMINI, SITI ROHMAH, SITI MUNAWAROH, MUJIATI, PONIYEM, SAMINAH, WARSINAH`);
const maleSecond =
  nameList(`SUSILO, SANTOSO, PRASETYO, SETIAWAN, WIBOWO, NUGROHO, SAPUTRO, KURNIAWAN, HARYANTO, PURNOMO,
  RAHARJO, SUSANTO, HIDAYAT, SULISTYO, WAHYUDI, CAHYONO, SUTRISNO, SUPRIYANTO, WIJAYANTO, PAMUNGKAS`);
const femaleSecond = nameList(
  `LESTARI, RAHAYU, WAHYUNI, ASTUTI, HANDAYANI, WULANDARI, SUSANTI, PURWANTI, RAHMAWATI, ANGGRAINI`,
);

/** Javanese: many older people carry one name only (Sutrisno, Sumarni, Wagiman). */
export const javaneseTradition: NamingTradition = {
  key: 'javanese',
  familyName: () => '',
  isMuslim: () => true,
  personName(random, request) {
    const male = request.sex === 'L';
    const given = random.pick(male ? maleGiven : femaleGiven);
    const singleShare = request.birthYear < 1970 ? 0.7 : 0.4;
    if (given.includes(' ') || random.chance(singleShare)) return given;
    return `${given} ${random.pick(male ? maleSecond : femaleSecond)}`;
  },
};
