import { arabicName } from './arabic.ts';
import type { NamingTradition } from './naming-tradition.ts';
import { nameList } from './naming-tradition.ts';

const tobaMarga =
  nameList(`SIMANJUNTAK, SITORUS, NAINGGOLAN, SIREGAR, HUTAPEA, SIMATUPANG, HUTAGALUNG, PANJAITAN, SIAHAAN,
  SIMANGUNSONG, SIHOMBING, SILALAHI, MANURUNG, SINAGA, SITUMORANG, PASARIBU, NAPITUPULU, HUTABARAT, TAMBUNAN, SIANTURI,
  SIBURIAN, GULTOM, SIMBOLON, MARPAUNG, PARDEDE, SIJABAT, LUMBANTOBING, PURBA, SEMBIRING, GINTING, TARIGAN, SITOMPUL`);
// Mandailing and Angkola clans are mostly Muslim and use Arabic given names.
const mandailingMarga = nameList('LUBIS, HARAHAP, NASUTION, HASIBUAN, DALIMUNTHE, RANGKUTI, PULUNGAN');
const maleGiven =
  nameList(`HOTMAN, PARLINDUNGAN, TIGOR, TOGAR, LAMHOT, SAHAT, POLTAK, MARULI, BINSAR, JONNER, BONAR, RUDY,
  DANIEL, SAMUEL, YOHANES, ROBERT, JHONNY, MARTIN, DAVID, ROY, HENDRIK, FERDINAND, BENNY, RICARDO, SANGGAM, PAHALA,
  PANGIHUTAN, HASUDUNGAN, MANGASA, PARULIAN, PARDAMEAN, ANDREAS, PETRUS, MARKUS, JOSUA, IMMANUEL, ALBERT, ANTONIUS,
  BERNARD, BISMARK, BONIFASIUS, DAVIDSON, EDISON, ERWIN, FRANS, GOMGOM, HALOMOAN, HARAPAN, HENRY, HERBERT, JANSEN,
  JOHANNES, JUNJUNGAN, LUHUT, MANAHAN, MANGATUR, MARTUA, MAXWELL, NELSON, OLOAN, PANDAPOTAN, PARLUHUTAN, RICHARD,
  RIKSON, ROBINSON, SABAR, SAUT, TUMPAL, VICTOR, WILSON`);
const femaleGiven =
  nameList(`ROSMAWATI, TIURMA, LASMARIA, NURMAIDA, HOTMAIDA, RUTH, DEBORA, MARIA, MARTHA, ROSLINA, ELFRIDA,
  RISMA, TETTY, DUMARIA, ROSIDA, LAMRIA, MASTA, ROMAULI, SARMA, ERNAWATI, YOHANA, KRISTINA, MONIKA, ESTER, SINTA, LINDA,
  FRIDA, RIAMA, ROSDIANA, NATALIA, GRACE, ANNA, BERTA, DAMERIA, DORA, DUMA, EVA, FLORA, HERLINA, HOTNIDA,
  IDA, JULIANA, LASRIA, LENI, LESTARI, LUSIANA, MARIANI, MARINTAN, MERI, NURLELA, PERMATA, REGINA, RINTAN, ROMASTA,
  RUMONDANG, ROSMERI, SANTI, SARI, SRI, SUSI, TIAMSA, TIURLAN, UTAMI, YANTI, YUNITA`);

/** Batak: given name(s) then the marga; married women are often written "BR. <own marga>". */
export const batakTradition: NamingTradition = {
  key: 'batak',
  familyName: (random) => (random.chance(0.8) ? random.pick(tobaMarga) : random.pick(mandailingMarga)),
  isMuslim: (marga) => mandailingMarga.includes(marga),
  personName(random, request) {
    const muslim = mandailingMarga.includes(request.familyName);
    const male = request.sex === 'L';
    let given = muslim ? arabicName(random, request.sex) : random.pick(male ? maleGiven : femaleGiven);
    if (!muslim && random.chance(0.2)) given = `${given} ${random.pick(male ? maleGiven : femaleGiven)}`;
    if (!male && request.birthYear < 1995 && random.chance(0.3)) return `${given} BR. ${request.familyName}`;
    return `${given} ${request.familyName}`;
  },
};
