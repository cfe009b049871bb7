import { WeightedChoice } from '../seeded-random.ts';
import { arabicTradition } from './arabic.ts';
import { balineseTradition } from './balinese.ts';
import { batakTradition } from './batak.ts';
import { betawiTradition } from './betawi.ts';
import { chineseTradition } from './chinese.ts';
import { javaneseTradition } from './javanese.ts';
import { minangTradition } from './minang.ts';
import type { NamingTradition, TraditionKey } from './naming-tradition.ts';
import { sundaneseTradition } from './sundanese.ts';

/** Where migrants of a background come from: a province, optionally narrowed to regencies whose name contains a keyword. */
export interface OriginSpec {
  provinceCode: string;
  regencyKeywords: string[];
  weight: number;
}

export interface TraditionProfile {
  tradition: NamingTradition;
  /** Share of Jakarta's assisted families with this background. */
  weight: number;
  /** Share of adults of this background whose NIK was first issued outside the province. */
  migrantShare: number;
  origins: OriginSpec[];
}

const origin = (provinceCode: string, weight: number, regencyKeywords: string[] = []): OriginSpec => ({
  provinceCode,
  regencyKeywords,
  weight,
});

// Rough shares for poorer Jakarta neighbourhoods: Javanese, Betawi and Sundanese dominate; Batak, Chinese, Minang smaller.
export const traditionProfiles: Record<TraditionKey, TraditionProfile> = {
  javanese: {
    tradition: javaneseTradition,
    weight: 0.33,
    migrantShare: 0.55,
    origins: [
      origin('33', 0.55),
      origin('35', 0.3),
      origin('34', 0.1),
      origin('32', 0.05, ['CIREBON', 'INDRAMAYU']),
    ],
  },
  betawi: {
    tradition: betawiTradition,
    weight: 0.22,
    migrantShare: 0.08,
    origins: [origin('32', 0.5, ['BEKASI', 'DEPOK', 'BOGOR']), origin('36', 0.5, ['TANGERANG'])],
  },
  sundanese: {
    tradition: sundaneseTradition,
    weight: 0.15,
    migrantShare: 0.5,
    origins: [
      origin('32', 0.8, ['GARUT', 'TASIKMALAYA', 'CIANJUR', 'SUKABUMI', 'KUNINGAN', 'BANDUNG']),
      origin('36', 0.2),
    ],
  },
  arabic: {
    tradition: arabicTradition,
    weight: 0.12,
    migrantShare: 0.35,
    origins: [
      origin('33', 0.3),
      origin('35', 0.3),
      origin('32', 0.2),
      origin('36', 0.2, ['SERANG', 'PANDEGLANG', 'LEBAK']),
    ],
  },
  batak: {
    tradition: batakTradition,
    weight: 0.05,
    migrantShare: 0.6,
    origins: [
      origin('12', 0.8, [
        'TAPANULI',
        'TOBA',
        'HUMBANG',
        'SAMOSIR',
        'SIMALUNGUN',
        'PEMATANGSIANTAR',
        'MANDAILING',
        'SIBOLGA',
      ]),
      origin('12', 0.2, ['MEDAN']),
    ],
  },
  chinese: {
    tradition: chineseTradition,
    weight: 0.05,
    migrantShare: 0.15,
    origins: [
      origin('12', 0.3, ['MEDAN']),
      origin('61', 0.3, ['PONTIANAK', 'SINGKAWANG']),
      origin('36', 0.25, ['TANGERANG']),
      origin('19', 0.15),
    ],
  },
  minang: {
    tradition: minangTradition,
    weight: 0.05,
    migrantShare: 0.6,
    origins: [origin('13', 1)],
  },
  balinese: {
    tradition: balineseTradition,
    weight: 0.01,
    migrantShare: 0.85,
    origins: [origin('51', 1)],
  },
};

export const traditionChoice = new WeightedChoice<TraditionProfile>(
  Object.values(traditionProfiles).map((profile) => [profile, profile.weight] as const),
);
