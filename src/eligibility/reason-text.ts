// Reasons of a decision in words, Bahasa Indonesia first: shown in the UI, the CLI and the annex.
import type { Language } from '../language.ts';
import type { Reason } from './rules.ts';

type Params = Record<string, string | number | null>;

const TEXTS: Record<string, Record<Language, (params: Params) => string>> = {
  all_rules_met: {
    id: () => 'memenuhi semua aturan yang berlaku',
    en: () => 'meets every rule in force',
  },
  merged_duplicate: {
    id: (p) => `duplikat, digabung ke keluarga #${p.into}`,
    en: (p) => `duplicate, merged into family #${p.into}`,
  },
  outside_province: {
    id: (p) => `kelurahan ${p.kelurahan} di luar provinsi ${p.province}`,
    en: (p) => `kelurahan ${p.kelurahan} is outside province ${p.province}`,
  },
  moved_out_of_province: {
    id: () => 'keluarga pindah ke luar provinsi: dikeluarkan mulai tahap ini',
    en: () => 'the family moved out of the province: excluded from this cycle on',
  },
  no_members: { id: () => 'tidak ada anggota keluarga tercatat', en: () => 'no family member is recorded' },
  no_living_member: {
    id: () => 'semua anggota keluarga meninggal dunia',
    en: () => 'every family member has died',
  },
  has_fixed_income: { id: () => 'memiliki penghasilan tetap', en: () => 'has a fixed income' },
  not_affected: { id: () => 'tidak terdampak pandemi', en: () => 'not affected by the pandemic' },
  income_or_impact_unknown: {
    id: () => 'penghasilan tetap atau dampak pandemi belum diketahui: perlu verifikasi lapangan',
    en: () => 'fixed income or pandemic impact unknown: field verification needed',
  },
  in_ministry_programme_by_nik: {
    id: (p) => `anggota ${p.member} terdaftar di ${p.programme} ${p.period}, cocok berdasarkan NIK`,
    en: (p) => `member ${p.member} is in ${p.programme} ${p.period}, matched by NIK`,
  },
  in_ministry_programme_by_match: {
    id: (p) => `anggota ${p.member} terdaftar di ${p.programme} ${p.period}, cocok menurut verifikasi`,
    en: (p) => `member ${p.member} is in ${p.programme} ${p.period}, matched by verification`,
  },
  ministry_duplicate_review: {
    id: (p) =>
      `anggota ${p.member} mungkin terdaftar di ${p.programme} ${p.period}: menunggu pemeriksaan duplikat`,
    en: (p) => `member ${p.member} may be in ${p.programme} ${p.period}: awaiting duplicate review`,
  },
  not_listed_through_kelurahan: {
    id: () => 'tidak didaftarkan melalui RT/RW dan kelurahan: perlu verifikasi',
    en: () => 'not listed through the RT/RW and kelurahan: needs verification',
  },
  no_nik: { id: () => 'tidak ada anggota yang memiliki NIK', en: () => 'no member has an NIK' },
  no_nik_no_address: {
    id: () => 'tidak ada anggota yang memiliki NIK dan alamat lengkap tidak ada',
    en: () => 'no member has an NIK and the full address is missing',
  },
  no_nik_domicile_statement: {
    id: () => 'tidak ada anggota yang memiliki NIK: perlu surat keterangan domisili dan kunjungan lapangan',
    en: () => 'no member has an NIK: domicile statement required, field visit',
  },
  recipient_died_heir_collects: {
    id: (p) =>
      `penerima (kepala keluarga) meninggal${p.deathDate ? ` pada ${p.deathDate}` : ''}: ahli waris anggota ${p.heir} (${p.heirName}) yang mengambil`,
    en: (p) =>
      `the recipient (head of family) died${p.deathDate ? ` on ${p.deathDate}` : ''}: heir member ${p.heir} (${p.heirName}) collects`,
  },
  no_head_member_collects: {
    id: (p) => `tidak ada kepala keluarga tercatat: anggota ${p.heir} (${p.heirName}) yang mengambil`,
    en: (p) => `no head of family recorded: member ${p.heir} (${p.heirName}) collects`,
  },
  no_collector: {
    id: () => 'tidak ada anggota hidup yang dapat mengambil bantuan',
    en: () => 'no living member can collect',
  },
  moved_within_province: {
    id: (p) => `pindah dalam provinsi dari kelurahan ${p.from} ke ${p.to}: perlu lokasi pengambilan baru`,
    en: (p) => `moved within the province from kelurahan ${p.from} to ${p.to}: new collection site needed`,
  },
  paid_to_bank_account: {
    id: (p) => `dibayar ke rekening ${p.bank}, ditarik di ATM`,
    en: (p) => `paid into a ${p.bank} account, withdrawn at an ATM`,
  },
};

export function describeReason(reason: Reason, language: Language = 'id'): string {
  const text = TEXTS[reason.code]?.[language];
  return text ? text(reason.params ?? {}) : reason.code;
}

export function reasonCodes(): string[] {
  return Object.keys(TEXTS);
}

/** Short labels of reason codes, for counts by reason (the same words as the web UI's). */
const LABELS: Record<string, Record<Language, string>> = {
  merged_duplicate: { id: 'Duplikat yang digabung', en: 'Merged duplicate' },
  outside_province: { id: 'Di luar provinsi', en: 'Outside the province' },
  moved_out_of_province: { id: 'Pindah ke luar provinsi', en: 'Moved out of the province' },
  no_members: { id: 'Tanpa anggota', en: 'No members' },
  no_living_member: { id: 'Semua anggota meninggal', en: 'Every member died' },
  has_fixed_income: { id: 'Berpenghasilan tetap', en: 'Fixed income' },
  not_affected: { id: 'Tidak terdampak pandemi', en: 'Not affected by the pandemic' },
  income_or_impact_unknown: { id: 'Penghasilan/dampak belum diketahui', en: 'Income or impact unknown' },
  in_ministry_programme_by_nik: {
    id: 'Terdaftar di program Kemensos (NIK)',
    en: 'In a Kemensos programme (NIK)',
  },
  in_ministry_programme_by_match: {
    id: 'Terdaftar di program Kemensos (verifikasi)',
    en: 'In a Kemensos programme (verification)',
  },
  ministry_duplicate_review: {
    id: 'Menunggu pemeriksaan duplikat Kemensos',
    en: 'Awaiting Kemensos duplicate review',
  },
  not_listed_through_kelurahan: {
    id: 'Tidak melalui RT/RW dan kelurahan',
    en: 'Not through the RT/RW and kelurahan',
  },
  no_nik: { id: 'Tanpa NIK', en: 'No NIK' },
  no_nik_no_address: { id: 'Tanpa NIK dan tanpa alamat', en: 'No NIK and no address' },
  no_nik_domicile_statement: { id: 'Tanpa NIK: surat keterangan domisili', en: 'No NIK: domicile statement' },
  no_collector: { id: 'Tidak ada pengambil', en: 'Nobody to collect' },
};

export function reasonLabel(code: string, language: Language = 'id'): string {
  return LABELS[code]?.[language] ?? code;
}
