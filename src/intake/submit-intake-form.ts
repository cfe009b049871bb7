import { recordAudit } from '../audit/record-audit.ts';
import { scopeCovers } from '../auth/area-scope.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import { type DatabaseClient, withRawTransaction } from '../db/database.ts';
import { forbidden } from '../http/http-error.ts';
import type { MaritalStatus, Relationship } from './intake-codes.ts';
import type { TIntakeForm } from './intake-contracts.ts';
import { INTAKE_TEMPLATE_HEADER } from './intake-fields.ts';
import { insertSubmission } from './intake-repository.ts';
import type { SourceRow } from './source-rows.ts';
import { storeSubmissionRows, submissionLabel } from './submit-intake-file.ts';

// The form speaks in codes; the intake file speaks the KK's own words, which the row check reads.
const RELATIONSHIP_WORDS: Record<Relationship, string> = {
  head: 'KEPALA KELUARGA',
  husband: 'SUAMI',
  wife: 'ISTRI',
  child: 'ANAK',
  child_in_law: 'MENANTU',
  grandchild: 'CUCU',
  parent: 'ORANG TUA',
  parent_in_law: 'MERTUA',
  other_relative: 'FAMILI LAIN',
  household_help: 'PEMBANTU',
  other: 'LAINNYA',
};
const MARITAL_WORDS: Record<MaritalStatus, string> = {
  single: 'BELUM KAWIN',
  married: 'KAWIN',
  divorced: 'CERAI HIDUP',
  widowed: 'CERAI MATI',
};

/** One family typed into the web form becomes a submission like a one-family file, checked the same way. */
export async function submitIntakeForm({
  db,
  user,
  form,
}: {
  db: DatabaseClient;
  user: SessionUser;
  form: TIntakeForm;
}) {
  const scope = { areaCode: user.areaCode, rw: user.areaRw };
  if (
    !scopeCovers({ areaCode: user.areaCode, rw: null }, form.household.kelurahanCode) &&
    user.areaCode.length === 13
  ) {
    throw forbidden({
      en: 'You can only list families of your own kelurahan',
      id: 'Anda hanya dapat mendaftarkan keluarga dari kelurahan Anda sendiri',
    });
  }
  const header = [...INTAKE_TEMPLATE_HEADER];
  const rows: SourceRow[] = [{ rowNumber: 1, cells: header }];
  form.members.forEach((member, index) => {
    const values: Record<string, string> = {
      no_kk: form.household.kkNumber,
      nik: member.nik,
      nama: member.fullName,
      jenis_kelamin: member.sex,
      tempat_lahir: member.birthPlace,
      tanggal_lahir: member.birthDate,
      hubungan_keluarga: RELATIONSHIP_WORDS[member.relationship],
      status_perkawinan: member.maritalStatus ? MARITAL_WORDS[member.maritalStatus] : '',
      pekerjaan: member.occupation,
      alamat: form.household.address,
      rt: form.household.rt,
      rw: form.household.rw,
      kode_kelurahan: form.household.kelurahanCode,
      no_hp: form.household.phone,
      penghasilan_tetap: yesNoCell(form.household.fixedIncome),
      terdampak_covid: yesNoCell(form.household.covidAffected),
      ref: '',
      alasan_tanpa_nik: member.nikAbsenceReason,
    };
    rows.push({ rowNumber: index + 2, cells: header.map((column) => values[column] ?? '') });
  });
  const label = submissionLabel(scope);
  return withRawTransaction(db, async ({ client, db: transaction }) => {
    const submissionId = await insertSubmission(transaction, {
      channel: 'form',
      fileName: null,
      fileSha256: null,
      fileFormat: null,
      kelurahanCode: label.kelurahanCode ?? form.household.kelurahanCode,
      rw: label.rw ?? form.household.rw,
      rt: form.household.rt,
      submittedBy: user.id,
      status: 'in_review',
    });
    await storeSubmissionRows({
      client,
      transaction,
      submissionId,
      rows: (async function* () {
        yield rows;
      })(),
      fileName: 'formulir',
      scope,
      forwardImmediately: false,
      actorUserId: user.id,
    });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'intake.submit_form',
      entityType: 'intake_submission',
      entityId: String(submissionId),
      areaCode: form.household.kelurahanCode,
      after: { kkNumber: form.household.kkNumber, members: form.members.length },
    });
    return submissionId;
  });
}

/** A yes/no answer as the intake file writes it: blank when not known. */
function yesNoCell(answer: boolean | null): string {
  return answer === null ? '' : answer ? 'Y' : 'T';
}
