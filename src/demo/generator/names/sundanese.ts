import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleGiven =
  nameList(`ASEP, UJANG, CECEP, DADANG, YAYAN, DEDE, ADE, DEDEN, AAN, ACENG, DODI, NANA, ENDANG, UDIN, OMAN,
  KOMAR, IWAN, DEDI, HENDI, YUDI, JAJANG, ENCEP, OTONG, IKIN, MAMAN, UJU, DADAN, DIDIN, ADANG, AGUS, ROHMAT, ENGKOS, EMAN`);
const femaleGiven =
  nameList(`EUIS, IIS, NENENG, ENTIN, ENENG, CUCU, ENOK, YUYUN, IMAS, ENUNG, ELIS, NUNUNG, OOM, TITIN,
  YAYAH, IDA, NENG, ELA, NINING, EEN, ITA, ENI, YETI, IKAH, EMAH, AI, DEWI, RINA, TATI`);
const maleSecond =
  nameList(`SUPRIATNA, SUMANTRI, HIDAYAT, RUSMANA, SURYANA, SOPANDI, PERMANA, SUDRAJAT, SUHENDAR, SETIADI,
  KUSNADI, MULYANA, HERMAWAN, SOPIAN, KURNIA, SAEPULLOH, RUHIYAT, GUNAWAN, NURDIN, SOLIHIN, HERDIANA, RUSTANDI, KOSASIH`);
const femaleSecond =
  nameList(`RUSMIATI, KOMALASARI, NURAENI, SUMIATI, ROHAENI, MULYATI, SUKAESIH, KURNIASIH, SITI, HERLINA,
  MARLINA, NURHASANAH, JUARSIH, KARTIKA`);

/** Sundanese: short given names (Asep, Euis), often followed by an -ana/-awan name (Cecep Supriatna). */
export const sundaneseTradition: NamingTradition = {
  key: 'sundanese',
  familyName: () => '',
  isMuslim: () => true,
  personName(random, request) {
    const male = request.sex === 'L';
    const given = random.pick(male ? maleGiven : femaleGiven);
    if (random.chance(0.45)) return given;
    return `${given} ${random.pick(male ? maleSecond : femaleSecond)}`;
  },
};
