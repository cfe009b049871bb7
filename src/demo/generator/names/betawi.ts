import type { SeededRandom } from '../seeded-random.ts';
import { abdulSuffixes } from './arabic.ts';
import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const male =
  nameList(`MAMAT, JALI, ROJALI, SABENI, BAKRI, MURSID, UDIN, SAIPUL, JAENUDIN, SANUSI, JUMADI, MULYADI,
  MUHIDIN, ROJAK, HASBULLAH, SARIPUDIN, ZAKARIA, MAHMUD, NAWI, RAPIUDIN, SOLEH, SARMILI, MARZUKI, IDRIS, JAMALUDIN,
  NASRUN, ROHIM, JUNAEDI, SYAMSUDIN, HAMBALI, MAKMUR, MADUN, SAIMAN, NAIPIN, SAABAN, ENTONG, SAMAN, ALI, ANWAR,
  ASMAWI, BAHRUDIN, BASRI, BURHAN, EFENDI, FAHRUDIN, HALIM, HAMID, HASAN, HASANUDIN, HUSEIN, IBRAHIM, ISMAIL,
  JAELANI, JAHRI, JUHRI, JUNED, KAMALUDIN, KASIM, LUKMAN, MAHFUD, MALIK, MANSUR, MASTUR, MATSANI, MISBAH, MUALIM,
  MUKHTAR, MUNIR, NASIR, OJI, RAHMAN, RAMLI, RASID, RIDWAN, ROMLI, SAHRONI, SAIDI, SANAWI, SAPRI, SARIP, SOBRI,
  SUAEB, SUHAIMI, SUKRI, SYAFEI, SYAHRONI, TOHIR, UMAR, USMAN, YUSUF, ZAENAL, ZULKIFLI, JAMHARI, BASIR, DAHLAN,
  DARWIS, FADLI, HAMDANI, HARUN, HUSNI, JAMAL, KOSIM, MAHDI, MASKUR, NAWAWI, RAHMAT, RAIS, SALIM, SAMSUDIN, SARBINI,
  SOLIHIN, SYARIF, TABRONI, ZAHRI, MURTADO, JAKARIA, ABDULLAH, AMAT, ARSAD, BAHRI, DULLAH, ENDANG, FIKRI, GOZALI,
  HAMZAH, HASIM, IMRON, IRWAN, JAMIN, KHOIRUL, MAHRUP, MAMUN, MARDANI, MUHASIN, MUHTAR, NAIM, NUH, RAHIM, ROSID,
  SAPII, SARDI, SAUDI, SOPYAN, SYAMSUL, TAUFIK, UJANG, WAHID, YAHYA, ZUHRI, MIAN, MUIN, ROBANI, SAMAN, SANWANI`);
const maleCompound = nameList('MUHAMMAD, MUHAMMAD, MUHAMAD, AHMAD, AHMAD');
const maleSecond =
  nameList(`FAUZI, HIDAYAT, SANUSI, ROJALI, SOLEH, MAULANA, ABIDIN, ARIFIN, MAHMUD, AMIN, ANSORI, BAHTIAR,
  EFENDI, FIRDAUS, HAKIM, HASAN, HUSIN, IRAWAN, ISKANDAR, JUNAEDI, KURNIAWAN, MUSTOFA, NASRULLOH, RAMDANI, RAMADHAN,
  SAFEI, SAPUTRA, SETIAWAN, SUBHAN, SUPRIADI, SYAHRONI, USMAN, YUSUF, ZAKARIA, HERMAWAN, RIDWAN, SYAMSUDIN, ALI,
  MUHTAR, ROHMAN, RAHMAT, ALAMSYAH, BASRI, FAHMI, HAMDANI, HASBI, HIDAYATULLAH, IBRAHIM, JAYADI, KAMIL, MAHFUDZ,
  MANSYUR, MAWARDI, MUNANDAR, NURDIN, RIFAI, SAHRONI, SALEH, SUDRAJAT, SYAFRUDIN, TAMRIN, WAHYUDI, ZAINUDIN`);
const female =
  nameList(`ROHIMAH, JULEHA, ROMLAH, SAODAH, MASNAH, MARDIYAH, NURHASANAH, MUNAWAROH, ROSIDAH, MAEMUNAH, ZAENAB,
  JUBAEDAH, NAPISAH, SAMSIAH, HALIMAH, MAISAROH, AMINAH, FATIMAH, SARIPAH, NURJANAH, ROHAYATI, NURHAYATI, MUNAH,
  ZULEHA, MARPUAH, NAPSIAH, ROSMALA, UMAYAH, ACIH, ASIAH, ATIKAH, BARIAH, DAHLIA, FARIDAH, HABIBAH, HAMIDAH, HASNAH,
  HINDUN, HUSNAH, JAMILAH, JUARIAH, KHADIJAH, LATIFAH, MAHMUDAH, MARYAM, MASITAH, MUNIRAH, MURNI, NAFISAH, NAIMAH,
  NURAINI, NURLELA, NURMALA, RABIAH, RAHMAH, RATNA, ROHANI, ROKAYAH, SAADAH, SALMAH, SAMINAH, SARAH, SYARIFAH, UMI,
  WASILAH, ZUBAEDAH, ZAHROH, ZAITUN, ROHANAH, ROHMAH, MURSIDAH, RAHMAWATI, MUTIAH, SOPIAH, NURLAILA, ROSMAWATI,
  ANAH, ANISAH, AISAH, BAIDAH, EMA, ENAH, ENUNG, FAUZIAH, HAMSIAH, HAYATI, IDAH, IMAH, JAENAB, JUHANAH, KALSUM,
  KHOTIJAH, MAHPUDAH, MAIMUNAH, MARHAMAH, MARIAM, MASRIAH, MINAH, MUSLIHAH, NAPIAH, NENG, NURSIAH, RODIAH, ROHAYA,
  ROSNAH, RUKIAH, SAFIAH, SALBIAH, SAMIAH, SANIAH, SITI, SOLIHAH, SUMIATI, TATI, UMAMAH, YATI, ZAHRA, ZALEHA`);
const sitiSecond =
  nameList(`AMINAH, KHODIJAH, NURHALIZA, ROHMAH, MARYAM, HASANAH, HALIMAH, ZUBAEDAH, FATIMAH, MAEMUNAH,
  NURJANAH, AISYAH, MUNAWAROH, SALAMAH, RAHMAH, JULAEHA, ROSIDAH, SAODAH, ZAENAB, RUKOYAH, SAPIAH, MASITOH`);

/** The father's name a Betawi child may carry as a second word; a Betawi man's when he is not on the KK. */
function fatherOf(random: SeededRandom, fatherName: string | undefined): string {
  return fatherName || random.pick(male);
}

/**
 * Betawi: Arabic-flavoured single names (Mamat, Rohimah), two-part Muslim names (Ahmad Fauzi), and the
 * father's name as a second word (Rohimah Saaban, Jali Sabeni).
 */
export const betawiTradition: NamingTradition = {
  key: 'betawi',
  familyName: () => '',
  isMuslim: () => true,
  personName(random, request) {
    const roll = random.next();
    const singleShare = request.birthYear < 1965 ? 0.28 : 0.15;
    if (request.sex === 'P') {
      const given = random.pick(female);
      if (roll < singleShare) return given;
      if (roll < singleShare + 0.15 && given !== 'SITI') {
        return `SITI ${random.chance(0.2) ? random.pick(sitiSecond) : given}`;
      }
      const father = fatherOf(random, request.fatherName);
      if (roll < singleShare + 0.25 && given !== 'SITI') return `SITI ${given} ${father}`;
      return given === father ? given : `${given} ${father}`;
    }
    const given = random.pick(male);
    if (roll < singleShare) return given;
    if (roll < singleShare + 0.15) return `${random.pick(maleCompound)} ${given}`;
    if (roll < singleShare + 0.25) {
      const abdul = `ABDUL ${random.pick(abdulSuffixes)}`;
      return random.chance(0.6) ? `${abdul} ${fatherOf(random, request.fatherName)}` : abdul;
    }
    if (roll < singleShare + 0.55) {
      const second = random.pick(maleSecond);
      return second === given ? given : `${given} ${second}`;
    }
    const father = fatherOf(random, request.fatherName);
    return father === given ? `${random.pick(maleCompound)} ${given}` : `${given} ${father}`;
  },
};
