import type { SeededRandom } from '../seeded-random.ts';
import type { NamingTradition, PersonNameRequest, Sex } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleFirst =
  nameList(`MUHAMMAD, MUHAMMAD, MUHAMMAD, MUHAMAD, MOHAMMAD, AHMAD, AHMAD, ABDULLAH, HASAN, HUSEIN, UMAR, ZAINAL,
  ZULKIFLI, SYAIFUL, KHAIRUL, FAUZI, IMAM, ISMAIL, IBRAHIM, YUSUF, SULAIMAN, HAMZAH, ALI, RIDWAN, SYAMSUL, ARIF, RAHMAT,
  FIRDAUS, ABDURRAHMAN, NUR, ACHMAD, ADNAN, AFIF, AGUS, AKHMAD, AMIN, AMIR, ANAS, ANWAR, ARIFIN, ASNAWI, AZHAR, BADRUS,
  BAHRUL, BUSTOMI, DAHLAN, FAHMI, FAISAL, FAJAR, FARID, FATHUR, FUAD, HABIB, HAFIDZ, HAMDAN, HANAFI, HARIS, HILMI,
  HUSNI, IKHWAN, ILYAS, IMRON, IQBAL, IRFAN, ISA, JAFAR, JAMAL, KAMAL, KHOLID, LUTFI, MAHMUD, MAKSUM, MANSUR, MASRUR,
  MISBAH, MUCHLIS, MUHSIN, MUKHLIS, MUSA, MUSTOFA, NASRUDIN, NAJIB, NAWAWI, QOMARUDIN, RAHMAN, RASYID, RIFAI, RIZAL,
  SALIM, SAMSUDIN, SHOLEH, SYAHIR, SUBHAN, SYAFII, SYAHRUL, TAUFIK, THOHIR, UBAIDILLAH, WAHID, YAHYA, YASIN, ZAKI,
  ZAINUDIN, ZUHRI`);
const maleSecond =
  nameList(`FAUZI, HIDAYAT, RAHMAN, YUSUF, ABIDIN, ARIFIN, ANWAR, HAKIM, FIRMANSYAH, SYAHPUTRA, MAULANA,
  RAMADHAN, HASAN, ZAKARIA, IRFAN, SOLEH, ROZAK, SAIFUDIN, BAHRI, ANSORI, MUSTOFA, KHOLIL, NAWAWI, ALI, ISKANDAR,
  AFANDI, AMRULLAH, ASHARI, AZIZ, BAIDOWI, BASORI, BURHANUDIN, DAHLAN, FADLI, FAHRUDIN, FATONI, GHOZALI, HABIBI,
  HAMBALI, HANAFI, HASBULLAH, HASYIM, HIDAYATULLAH, HUSAINI, ICHSAN, ILHAM, ISMAIL, JAMALUDIN, JUNAIDI, KAMALUDIN,
  KHOIRI, KURNIAWAN, LATIF, MAHFUD, MAKMUN, MANSYUR, MARZUKI, MASYKUR, MUBAROK, MUHAJIR, MUHLISIN, MUNIR, MURSYID,
  MUTTAQIN, NASRULLAH, NAWAWI, NUROHMAN, QOSIM, RASYIDI, RIDHO, RIFAI, ROSYID, SAHAL, SALEH, SHODIQ, SIDIQ, SUHAIMI,
  SYAFEI, SYAMSUDIN, SYARIFUDIN, THOIB, UBAIDILLAH, WAHYUDI, YASIN, ZAINUDIN, ZUHRI, ZULFIKAR, ALWI, ASRORI, BISRI,
  FIKRI, HAMDANI, ROHMAN, RUSYDI, SUBHI, TAMIMI, UMAR`);
export const abdulSuffixes =
  nameList(`RAHMAN, ROHIM, KADIR, MALIK, AZIZ, HAKIM, LATIF, SAMAD, MAJID, GHOFUR, HALIM, WAHAB, SALAM,
  RAZAK, MANAF, JABAR, ROJAK, GANI, HAMID, KARIM, MUIN, ROUF, SYUKUR, BASIT, FATAH, HADI, JALIL, KHOLIK, MUHYI, QODIR,
  RASYID, ROSYID, WAHID, AZIS, MUTALIB, MANAN`);
const sitiSuffix =
  nameList(`AMINAH, FATIMAH, KHODIJAH, MARYAM, ZUBAEDAH, NURJANAH, AISYAH, ROHMAH, HALIMAH, SALAMAH,
  MUNAWAROH, ZAENAB, SYARIFAH, HAJAR, KHOTIJAH, NURBAYA, MASITOH, JULAEHA, ALFIAH, ASIAH, BADRIAH, CHOIRIYAH, FAIZAH,
  FAUZIAH, HABIBAH, HAMIDAH, HASANAH, JAMILAH, KHOLIFAH, KOMARIAH, LATIFAH, MAHMUDAH, MAISAROH, MARFUAH, MASRUROH,
  MUAWANAH, MUBAROKAH, MUKAROMAH, MUSLIMAH, MUTMAINAH, NAFISAH, NAJIHAH, QOMARIAH, RABIATUL, ROBIAH, RODIAH, ROFIAH,
  ROHANI, ROMLAH, RUKOYAH, SAADAH, SAFIAH, SHOLIHAH, SOFIAH, SUMAYAH, UMAYAH, ZAHROTUL, ZULAIKHA, MUNIROH, NURAINI`);
const nurSuffix =
  nameList(`HIDAYAH, AINI, HALIMAH, AZIZAH, LAILA, JANAH, HASANAH, KHOLIFAH, FADILAH, AFIFAH, AMALIA,
  FAIZAH, FITRIAH, HABIBAH, ISNAINI, JAMILAH, KHASANAH, LATIFAH, MAULIDA, QOMARIAH, ROHMAH, SAADAH, SALAMAH, UMAMAH,
  WAHIDAH, ZAKIAH`);
const nurulSuffix =
  nameList(`HUDA, AINI, FADILAH, HIKMAH, IZZAH, JANNAH, AFIFAH, AMALIA, AZIZAH, FITRI, HASANAH, HIDAYAH,
  ISTIQOMAH, KHOTIMAH, LAILI, MUNAWAROH, QOMARIYAH, RAHMAH, ULFA, FAJRIYAH`);
const femaleSingle =
  nameList(`AMINAH, FATIMAH, AISYAH, KHADIJAH, ZAHRA, SYARIFAH, RAHMAWATI, HIDAYATI, NURHAYATI, NURJANAH,
  MASITOH, UMI KALSUM, ROHANI, SALMAH, NURLAELA, SYAMSIAH, ZUBAIDAH, HASANAH, RUQOYAH, AFIFAH, ALFIYAH, ANISA,
  ASMAUL, AZIZAH, BADRIYAH, CHOIRUNNISA, FAIZAH, FARIDA, FAUZIYAH, HAFSAH, HALIMAH, HAMIDAH, HUSNUL, IZZATI, JAMILAH,
  KHOIRIYAH, KHOLIDAH, LAILATUL, LATIFAH, MAHMUDAH, MAISAROH, MARFUAH, MUFIDAH, MUNAWAROH, MUSLIHAH, MUSYAROFAH,
  MUTMAINAH, NAFISAH, NAJWA, NIHAYAH, QONITA, RABIAH, RODIAH, ROFIQOH, ROHMAH, SAFIRA, SALAMAH, SHOFIYAH, SOLIHAH,
  SUMAYYAH, ULFAH, UMMI, WARDAH, ZAINAB, ZAKIYAH, ZULFA, ZULAIHA, NURUL AINI, NURHASANAH, NURAINI, MUSLIMAH, HUSNIAH`);
const femaleSecond =
  nameList(`HIDAYATI, ROHMAWATI, FAUZIAH, MAULIDIYAH, AZZAHRA, KHOIRUNNISA, NURHALIZA, ROHMAH, SALSABILA,
  FITRIYAH, HASANAH, MUNAWAROH, ZAHROH, MAGHFIROH, KAMILAH, MUFIDAH, NAFIAH, QOTRUNNADA, RIZQIYAH, SHOLIHAH, ZAKIYAH,
  ISTIQOMAH, MAHMUDAH, MARDHIYAH`);

/** Male Arabic-origin name: Muhammad/Ahmad + name, Abdul + divine attribute, two names, a single name or the father's. */
export function arabicMaleName(
  random: SeededRandom,
  request?: Pick<PersonNameRequest, 'fatherName'>,
): string {
  const roll = random.next();
  if (roll < 0.17) {
    const abdul = `ABDUL ${random.pick(abdulSuffixes)}`;
    return random.chance(0.55) ? `${abdul} ${request?.fatherName || random.pick(maleSecond)}` : abdul;
  }
  const first = random.pick(maleFirst);
  if (first === 'NUR') return `NUR ${random.pick(maleSecond)}`;
  if (roll < 0.25 && !first.startsWith('MU')) return first;
  const second = random.pick(maleSecond);
  if (second === first) return first;
  if (roll > 0.85) {
    const father = request?.fatherName || random.pick(maleSecond);
    if (father !== first && father !== second) return `${first} ${second} ${father}`;
  }
  if (first.startsWith('MU') && roll > 0.6) {
    const third = random.pick(maleSecond);
    if (third !== second) return `${first} ${second} ${third}`;
  }
  return `${first} ${second}`;
}

/** Female Arabic-origin name: Siti …, Nur …, Nurul …, a single name, or two names. */
export function arabicFemaleName(
  random: SeededRandom,
  request?: Pick<PersonNameRequest, 'fatherName'>,
): string {
  const roll = random.next();
  const single = random.pick(femaleSingle);
  if (roll < 0.25) {
    const siti = `SITI ${random.chance(0.6) ? random.pick(sitiSuffix) : single}`;
    return random.chance(0.25) ? `${siti} ${request?.fatherName || random.pick(maleSecond)}` : siti;
  }
  if (roll < 0.44) {
    const nur = roll < 0.37 ? `NUR ${random.pick(nurSuffix)}` : `NURUL ${random.pick(nurulSuffix)}`;
    return random.chance(0.35) ? `${nur} ${random.pick(femaleSecond)}` : nur;
  }
  if (roll < 0.62) return single;
  if (roll < 0.82 || single.includes(' ')) {
    const second = random.pick(femaleSecond);
    return second === single ? single : `${single} ${second}`;
  }
  const father = request?.fatherName || random.pick(maleSecond);
  return `${single} ${father}`;
}

export function arabicName(
  random: SeededRandom,
  sex: Sex,
  request?: Pick<PersonNameRequest, 'fatherName'>,
): string {
  return sex === 'L' ? arabicMaleName(random, request) : arabicFemaleName(random, request);
}

/** Santri families of any ethnic origin who name their members in the Arabic tradition. */
export const arabicTradition: NamingTradition = {
  key: 'arabic',
  familyName: () => '',
  isMuslim: () => true,
  personName: (random, request) => arabicName(random, request.sex, request),
};
