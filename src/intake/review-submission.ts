import { recordAudit } from '../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { badRequest, conflict } from '../http/http-error.ts';
import {
  type ArrivalCounts,
  applyForwardedIntakeRows,
  takeArrivalTurn,
} from '../registry/intake-arrival-repository.ts';
import {
  findFamiliesForwardedWithoutHead,
  findRowNumbers,
  forwardAcceptedRowsOfArea,
  type HeadlessFamily,
  type ReviewedRow,
  refreshSubmissionCounts,
  returnRows,
} from './intake-repository.ts';
import { assertCanReview, requireVisibleSubmission, rowNotFound } from './submission-access.ts';

export type ReviewDecision = { rowNumber: number; decision: 'forward' | 'return'; reason?: string };

export interface ReviewSubmissionOptions {
  db: DatabaseClient;
  user: SessionUser;
  submissionId: number;
  decisions?: ReviewDecision[];
  forwardAllAccepted?: boolean;
}

/**
 * The kelurahan operator forwards rows to Dinas Sosial (they reach the registry at once) or returns them with
 * a reason. In an import a reader of one area reviews only the rows of that area: another is "not found".
 */
export async function reviewSubmission({
  db,
  user,
  submissionId,
  decisions = [],
  forwardAllAccepted = false,
}: ReviewSubmissionOptions) {
  const { submission, rowArea } = await requireVisibleSubmission({ db, user, submissionId });
  assertCanReview(user, submission);
  const missingReason = decisions.find(
    (decision) => decision.decision === 'return' && !decision.reason?.trim(),
  );
  if (missingReason)
    throw badRequest('reason_required', {
      en: `Row ${missingReason.rowNumber}: a returned row needs a reason`,
      id: `Baris ${missingReason.rowNumber}: baris yang dikembalikan harus diberi alasan`,
    });
  const named = decisions.map((decision) => decision.rowNumber);
  const found = await findRowNumbers(db, { submissionId, rowNumbers: named, rowArea });
  const unknown = named.find((rowNumber) => !found.has(rowNumber));
  if (unknown !== undefined) throw rowNotFound(submissionId, unknown);
  return db.transaction().execute(async (transaction) => {
    const forwardNumbers = decisions
      .filter((decision) => decision.decision === 'forward')
      .map((decision) => decision.rowNumber);
    if (forwardAllAccepted || forwardNumbers.length > 0) await takeArrivalTurn(transaction);
    // The area is checked again as rows change: a row moved out of it meanwhile is left alone.
    const forwarded = await forwardAcceptedRowsOfArea(transaction, {
      submissionId,
      reviewerId: user.id,
      rowNumbers: forwardAllAccepted ? undefined : forwardNumbers,
      rowArea,
    });
    const returned = await returnRows(transaction, {
      submissionId,
      reviewerId: user.id,
      rows: decisions
        .filter((decision) => decision.decision === 'return')
        .map((decision) => ({ rowNumber: decision.rowNumber, reason: decision.reason!.trim() })),
      rowArea,
    });
    if (forwarded.length > 0) {
      const headless = await findFamiliesForwardedWithoutHead(transaction, {
        submissionId,
        rowNumbers: forwarded.map((row) => row.row_number),
      });
      if (headless.length > 0) throw familiesWithoutHead(headless);
    }
    let arrival: ArrivalCounts | null = null;
    if (forwarded.length > 0) {
      arrival = await applyForwardedIntakeRows(transaction, {
        submissionId,
        rowNumbers: forwarded.map((row) => row.row_number),
        actorUserId: user.id,
      });
    }
    await refreshSubmissionCounts(transaction, submissionId);
    for (const entry of reviewAuditEntries({ submission, rowArea, forwarded, returned, arrival })) {
      await recordAudit({
        db: transaction,
        actor: actorOf(user),
        action: 'intake.review',
        entityType: 'intake_submission',
        entityId: String(submissionId),
        areaCode: entry.areaCode,
        after: entry.after,
      });
    }
    return { forwarded: forwarded.length, returned: returned.length, arrival };
  });
}

/** A family reaches the registry with its head: forwarding only its other members is refused, naming it. */
function familiesWithoutHead(families: HeadlessFamily[]) {
  const named = families
    .slice(0, 3)
    .map((family) => `KK ${family.kk_number} (RW ${family.rw ?? '?'} RT ${family.rt ?? '?'})`)
    .join(', ');
  const more = families.length > 3 ? ` (+${families.length - 3})` : '';
  return conflict('family_head_not_forwarded', {
    en: `${named}${more}: the head of the family is not forwarded, so the family would reach Dinas Sosial without one. Forward the head's row too (correct it first if it was rejected), or return the family's rows.`,
    id: `${named}${more}: baris kepala keluarga tidak ikut diteruskan, sehingga keluarga akan sampai ke Dinsos tanpa kepala keluarga. Teruskan juga baris kepala keluarga (perbaiki dulu bila ditolak), atau kembalikan baris keluarga ini.`,
  });
}

/**
 * The audit entries of one review: one for a kelurahan's submission; for an import one per kelurahan of the
 * rows reviewed, so each area's auditors see what was done to their rows. The registry's arrival counts,
 * which cannot be split by kelurahan, go with the only entry, or to one of their own under the kelurahan's
 * common area.
 */
function reviewAuditEntries({
  submission,
  rowArea,
  forwarded,
  returned,
  arrival,
}: {
  submission: { kelurahan_code: string | null };
  rowArea: string | undefined;
  forwarded: ReviewedRow[];
  returned: ReviewedRow[];
  arrival: ArrivalCounts | null;
}): { areaCode: string | null; after: object }[] {
  const numbers = (rows: ReviewedRow[]) =>
    rows.map((row) => row.row_number).sort((left, right) => left - right);
  if (submission.kelurahan_code !== null || forwarded.length + returned.length === 0) {
    return [
      {
        areaCode: submission.kelurahan_code ?? rowArea ?? null,
        after: { forwardedRows: numbers(forwarded), returnedRows: numbers(returned), arrival },
      },
    ];
  }
  const byKelurahan = new Map<string | null, { forwarded: ReviewedRow[]; returned: ReviewedRow[] }>();
  const groupOf = (code: string | null) => {
    const group = byKelurahan.get(code) ?? { forwarded: [], returned: [] };
    byKelurahan.set(code, group);
    return group;
  };
  for (const row of forwarded) groupOf(row.kelurahan_code).forwarded.push(row);
  for (const row of returned) groupOf(row.kelurahan_code).returned.push(row);
  const single = byKelurahan.size === 1;
  // In code order (rows without a kelurahan last), whatever order the update returned the rows in.
  const groups = [...byKelurahan].sort(([left], [right]) =>
    left === null ? 1 : right === null ? -1 : left.localeCompare(right),
  );
  const entries: { areaCode: string | null; after: object }[] = groups.map(([areaCode, group]) => ({
    areaCode,
    after: {
      forwardedRows: numbers(group.forwarded),
      returnedRows: numbers(group.returned),
      ...(single ? { arrival } : {}),
    },
  }));
  if (!single && arrival) {
    const codes = groups.map(([code]) => code);
    entries.push({ areaCode: commonArea(codes), after: { kelurahanCodes: codes, arrival } });
  }
  return entries;
}

/** The narrowest region of all the kelurahan (31.74 for two of Jakarta Selatan); null for an unplaced row. */
function commonArea(codes: (string | null)[]): string | null {
  if (codes.some((code) => code === null)) return null;
  const [first, ...others] = (codes as string[]).map((code) => code.split('.'));
  let length = first.length;
  for (const parts of others) {
    let same = 0;
    while (same < Math.min(length, parts.length) && parts[same] === first[same]) same++;
    length = same;
  }
  return length > 0 ? first.slice(0, length).join('.') : null;
}
