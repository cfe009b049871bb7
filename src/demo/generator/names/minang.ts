import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const maleGiven =
  nameList(`RIZAL, SYAFRIZAL, ZULKARNAIN, AFRIZAL, NOFRIADI, YUSRIZAL, ZAINAL, SYAFRUDIN, HENDRI, JASMAN,
  DASRIL, ERMAN, YULIZAR, NASRUL, AZWAR, ARMEN, ZULFAHMI, ASRIL, ANDRI, FIRDAUS, YONDRI, ZULHENDRI, DONI, EFENDI`);
const femaleGiven =
  nameList(`YUSNIDAR, ERLINDA, DESI, YENI, ELFI, ROSNI, NURHAYATI, YUSNIMAR, ERNI, RATNA, LENI, ASNIDAR,
  ZURAIDA, ELMIATI, DASNIAR, YULIARNI, FITRI, NOVI, YENTI, ROSMANIAR, NELI, SUSANTI`);
const maleSecond = nameList('PUTRA, SYAHPUTRA, EFENDI, SUTAN, CHANIAGO, TANJUNG, PILIANG, KOTO');
const femaleSecond = nameList('PUTRI, ROZA, WATI, YANTI, SARI');

/** Minangkabau: distinctive -zal/-rizal/-idar names, matrilineal so no shared family name on the KK. */
export const minangTradition: NamingTradition = {
  key: 'minang',
  familyName: () => '',
  isMuslim: () => true,
  personName(random, request) {
    const male = request.sex === 'L';
    const given = random.pick(male ? maleGiven : femaleGiven);
    if (random.chance(0.5)) return given;
    return `${given} ${random.pick(male ? maleSecond : femaleSecond)}`;
  },
};
