import { describe, expect, it } from 'vitest';
import {
  binBinti,
  muhammadVariant,
  nameJoinSplit,
  nurVariant,
  spellingReform,
  titleAdded,
} from '../../demo/generator/name-faults.ts';
import { arabicTradition } from '../../demo/generator/names/arabic.ts';
import { balineseTradition } from '../../demo/generator/names/balinese.ts';
import { batakTradition } from '../../demo/generator/names/batak.ts';
import { betawiTradition } from '../../demo/generator/names/betawi.ts';
import { chineseTradition } from '../../demo/generator/names/chinese.ts';
import { javaneseTradition } from '../../demo/generator/names/javanese.ts';
import { minangTradition } from '../../demo/generator/names/minang.ts';
import { hasOldSpelling, toOldSpelling, toPartialOldSpelling } from '../../demo/generator/names/spelling.ts';
import { sundaneseTradition } from '../../demo/generator/names/sundanese.ts';
import { SeededRandom } from '../../demo/generator/seeded-random.ts';
import { normaliseName } from './normalise-name.ts';
import { phoneticCode, spellingKey } from './spelling-key.ts';

const canonical = (name: string) => normaliseName(name).canonical;

describe('normaliseName', () => {
  it('ignores case, accents and punctuation', () => {
    expect(canonical("  siti  nur'aini ")).toBe('SITI NURAINI');
    expect(canonical('José-Maria')).toBe(canonical('JOSE MARIA'));
  });

  it('gives old and modern spellings of a name the same key', () => {
    const pairs = [
      ['Moch. Djoko Soesilo', 'Muhammad Joko Susilo'],
      ['Sjarifah', 'Syarifah'],
      ['Tjahjono', 'Cahyono'],
      ['Chairul Anwar', 'Khairul Anwar'],
      ['Njoman', 'Nyoman'],
      ['Pandji', 'Panji'],
      ['Hidajat', 'Hidayat'],
      ['Tjhin Tjoen Lan', 'Chin Cun Lan'],
      ['Yanty', 'Yanti'],
    ];
    for (const [old, modern] of pairs) expect(canonical(old), old).toBe(canonical(modern));
  });

  it('keeps a modern J apart from a Y only as far as the old spelling forces it', () => {
    // Joko and Yoko were both written with a J once, so they must share a key; Joko and Djoko too.
    expect(canonical('Joko')).toBe(canonical('Djoko'));
    expect(canonical('Yusuf')).toBe(canonical('Joesoef'));
    expect(canonical('Joko')).not.toBe(canonical('Coko'));
    expect(spellingKey('JUNJUNG')).toBe(spellingKey('DJOENDJOENG'));
  });

  it('maps every spelling and abbreviation of Muhammad to one token', () => {
    const forms = [
      'Muhammad',
      'Mohammad',
      'Mohamad',
      'Muhamad',
      'Moh.',
      'Moch.',
      'Mochamad',
      'Muh.',
      'Mhd',
      'M.',
    ];
    for (const form of forms) expect(canonical(`${form} Yusuf`), form).toBe('MUHAMMAD JUSUF');
    expect(canonical('M.Yusuf')).toBe('MUHAMMAD JUSUF');
    // A final M is an initial, not Muhammad.
    expect(normaliseName('Adi M').givenTokens).toEqual(['ADI', 'M']);
  });

  it('drops titles in front and degrees behind, dotted or not', () => {
    expect(canonical('Drs. H. Ahmad Fauzi, M.M.')).toBe('AHMAD FAUZI');
    expect(canonical('HJ. SITI AMINAH, S.PD.')).toBe('SITI AMINAH');
    expect(canonical('H ABDUL SOMAD')).toBe('ABDUL SOMAD');
    expect(canonical('IR. SOEKARNO')).toBe('SUKARNO');
    expect(canonical('Ahmad Fauzi S.Kom')).toBe('AHMAD FAUZI');
    expect(canonical('Bpk Budi')).toBe('BUDI');
    expect(canonical('Ibu Sri Wahyuni A.Md.')).toBe(canonical('SRI WAHYUNI'));
    expect(canonical('Prof. Dr. Ir. Bambang, S.T., M.Si.')).toBe('BAMBANG');
  });

  it('keeps short degree-like words that are not marked as degrees, and never empties a name', () => {
    expect(canonical('ADI SE')).toBe('ADI SE');
    expect(canonical('H.')).toBe('H');
    expect(canonical('Susilo, Joko')).toBe(canonical('SUSILO JOKO'));
  });

  it('keeps the father after bin/binti out of the core name but exposes it', () => {
    const name = normaliseName('Siti Amalia Binti Zulkifli');
    expect(name.canonical).toBe('SITI AMALIA');
    expect(name.givenTokens).toEqual(['SITI', 'AMALIA']);
    expect(name.fatherName).toBe('ZULKIFLI');
    expect(name.tokens).toEqual(['SITI', 'AMALIA', 'ZULKIFLI']);
    expect(normaliseName('Siti Amalia').fatherName).toBeNull();
    // "BIN" at the start or end is no patronymic.
    expect(normaliseName('BIN SALEH').fatherName).toBeNull();
  });

  it('treats Nur, Nurul and Nour alike and compares joined or split names by concatenation', () => {
    expect(canonical('Nurul Hidayah')).toBe(canonical('Nour Hidayah'));
    expect(normaliseName('Nurulhidayah').concatenated).toBe(normaliseName('Nur Hidayah').concatenated);
    expect(normaliseName('Nurhayati').concatenated).toBe(normaliseName('Nur Hayati').concatenated);
    expect(normaliseName('Abdurrahman').concatenated).toBe(normaliseName('Abdul Rahman').concatenated);
    expect(normaliseName('Abdussamad').concatenated).toBe(normaliseName('Abdul Samad').concatenated);
    expect(normaliseName('Siti Nurhaliza').concatenated).toBe(normaliseName('Siti Nur Haliza').concatenated);
    expect(normaliseName('Abdullah').concatenated).toBe('ABDULLAH');
  });

  it('returns an empty name for blank input', () => {
    expect(normaliseName('   ')).toMatchObject({ canonical: '', givenTokens: [], phoneticKey: '' });
  });
});

describe('phoneticCode', () => {
  it('is tolerant of the common Indonesian sound variants', () => {
    const same = [
      ['RAHMAN', 'ROHMAN'],
      ['FATIMAH', 'FATIMA'],
      ['ZAINAL', 'ZAENAL'],
      ['ARIF', 'ARIP'],
      ['RAMADHAN', 'RAMADAN'],
      ['AKHMAD', 'AHMAD'],
      ['TAUFIK', 'TOPIK'],
    ];
    for (const [left, right] of same)
      expect(phoneticCode(spellingKey(left)), left).toBe(phoneticCode(spellingKey(right)));
    expect(phoneticCode('SUSILO')).not.toBe(phoneticCode('SUSANTO'));
  });
});

const traditions = [
  arabicTradition,
  balineseTradition,
  batakTradition,
  betawiTradition,
  chineseTradition,
  javaneseTradition,
  minangTradition,
  sundaneseTradition,
];

describe('normaliseName on generator names', () => {
  it('undoes every non-typo name fault of the generator', () => {
    const random = new SeededRandom(11);
    const faults = { spellingReform, muhammadVariant, titleAdded, binBinti, nurVariant, nameJoinSplit };
    const applied: Record<string, number> = {};
    const failures: string[] = [];
    for (let index = 0; index < 4000; index++) {
      const tradition = random.pick(traditions);
      const sex: 'L' | 'P' = random.chance(0.5) ? 'L' : 'P';
      const name = tradition.personName(random, {
        sex,
        birthYear: 1940 + random.int(80),
        familyName: tradition.familyName(random),
        birthOrder: 1 + random.int(4),
      });
      // As the generator does: only a name in modern spelling is turned into the old one.
      const variants = hasOldSpelling(name) ? [] : [toOldSpelling(name), toPartialOldSpelling(name)];
      for (const [faultName, fault] of Object.entries(faults)) {
        const subject = {
          sex,
          age: 20 + random.int(60),
          muslim: true,
          fatherName: () => 'ABDULLAH',
          informal: true,
        };
        const damaged = fault(name, random, subject);
        if (damaged !== null && damaged !== name) {
          variants.push(damaged);
          applied[faultName] = (applied[faultName] ?? 0) + 1;
        }
      }
      const original = normaliseName(name);
      for (const variant of variants) {
        const normalised = normaliseName(variant);
        if (normalised.concatenated !== original.concatenated) failures.push(`${name} → ${variant}`);
      }
    }
    expect(failures).toEqual([]);
    // Every fault was exercised, so the property says something about each.
    for (const faultName of Object.keys(faults)) expect(applied[faultName], faultName).toBeGreaterThan(20);
  });
});
