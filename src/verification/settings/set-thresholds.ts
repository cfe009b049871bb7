import { recordAudit } from '../../audit/record-audit.ts';
import { actorOf, type SessionUser } from '../../auth/session-user.ts';
import { withinTransaction } from '../../auth/within-transaction.ts';
import type { DatabaseClient } from '../../db/database.ts';
import { badRequest } from '../../http/http-error.ts';
import { findThresholdSetting, saveThresholdSetting } from './settings-repository.ts';
import { viewThresholds } from './view-thresholds.ts';

export interface SetThresholdsOptions {
  db: DatabaseClient;
  user: SessionUser;
  /** Weight (bits) at or above which a pair is matched automatically. */
  match: number;
  /** Weight (bits) at or above which, below `match`, a pair goes to human review. */
  review: number;
}

/** The administrator sets the match and review thresholds; the next verification run uses them. */
export async function setThresholds({ db, user, match, review }: SetThresholdsOptions) {
  if (!Number.isFinite(match) || !Number.isFinite(review))
    throw badRequest('thresholds_invalid', {
      en: 'Both thresholds must be finite numbers',
      id: 'Kedua ambang harus berupa angka',
    });
  if (review > match)
    throw badRequest('thresholds_order', {
      en: 'The review threshold must not exceed the match threshold (pairs between them go to review)',
      id: 'Ambang tinjauan tidak boleh melebihi ambang cocok (pasangan di antara keduanya masuk tinjauan)',
    });
  await withinTransaction(db, async (transaction) => {
    const before = await findThresholdSetting(transaction);
    await saveThresholdSetting(transaction, { match, review, updatedBy: user.id });
    await recordAudit({
      db: transaction,
      actor: actorOf(user),
      action: 'verification.thresholds.update',
      entityType: 'verification_setting',
      entityId: 1,
      before: before ? { match: before.match_threshold, review: before.review_threshold } : null,
      after: { match, review },
    });
  });
  return viewThresholds({ db });
}
