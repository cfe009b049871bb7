import type { Sex, TraditionKey } from './names/naming-tradition.ts';
import type { Kelurahan } from './region-pool.ts';

export type Relationship =
  | 'KEPALA KELUARGA'
  | 'ISTRI'
  | 'SUAMI'
  | 'ANAK'
  | 'MENANTU'
  | 'CUCU'
  | 'ORANG TUA'
  | 'MERTUA'
  | 'FAMILI LAIN';

export type MaritalStatus = 'BELUM KAWIN' | 'KAWIN' | 'CERAI HIDUP' | 'CERAI MATI';

/** A person as they truly are; rows written to files may differ through faults. */
export interface Person {
  personId: string;
  name: string;
  sex: Sex;
  birthDay: number;
  birthPlace: string;
  /** Empty for young children and newcomers who have no NIK yet. */
  nik: string;
  relationship: Relationship;
  maritalStatus: MaritalStatus;
  occupation: string;
  phone: string;
  muslim: boolean;
  /** Name used after bin/binti when the father is on the KK; '' otherwise. */
  fatherName: string;
}

/** Where and how a family is listed: a family can be listed twice (two RTs, or old and new home). */
export interface Listing {
  kelurahan: Kelurahan;
  rw: number;
  rt: number;
  address: string;
  kkNumber: string;
}

export interface Family {
  familyId: string;
  tradition: TraditionKey;
  home: Listing;
  hasFixedIncome: boolean;
  isCovidAffected: boolean;
  members: Person[];
}
