// Structure of a stored person's NIK and KK, checked as at intake (pure: no region lookups, no I/O).
import { parseKkNumber, parseNik } from '../../registry/nik.ts';

export interface StoredIdentity {
  nik: string | null;
  kkNumber: string | null;
  sex: string | null;
  birthDate: string | null;
  nikAbsence: string | null;
}

export interface StructureFinding {
  code: 'nik_missing' | 'nik_invalid' | 'nik_birth_date_mismatch' | 'nik_sex_mismatch' | 'kk_invalid';
  detail: Record<string, string>;
}

export function checkPersonStructure(person: StoredIdentity, referenceDate: Date): StructureFinding[] {
  const findings: StructureFinding[] = [];
  if (!person.nik) {
    findings.push({ code: 'nik_missing', detail: person.nikAbsence ? { reason: person.nikAbsence } : {} });
  } else {
    const parsed = parseNik(person.nik, referenceDate);
    if (!parsed.ok) findings.push({ code: 'nik_invalid', detail: { problem: parsed.code } });
    else {
      if (person.birthDate && parsed.birthDate !== person.birthDate)
        findings.push({
          code: 'nik_birth_date_mismatch',
          detail: { nik: parsed.birthDate, recorded: person.birthDate },
        });
      if ((person.sex === 'L' || person.sex === 'P') && parsed.sex !== person.sex)
        findings.push({ code: 'nik_sex_mismatch', detail: { nik: parsed.sex, recorded: person.sex } });
    }
  }
  if (person.kkNumber) {
    const parsed = parseKkNumber(person.kkNumber, referenceDate);
    if (!parsed.ok) findings.push({ code: 'kk_invalid', detail: { problem: parsed.code } });
  }
  return findings;
}
