// Per-person verification results: status and reasons from findings, pairs and reviewers' decisions.
import { sql } from 'kysely';
import type { DatabaseClient } from '../../db/database.ts';
import { assertAreaCode } from './verification-source-repository.ts';

export interface RefreshPersonStatusesOptions {
  db: DatabaseClient;
  runId: number;
  /** Only the families with these KK numbers (after a review decision); all of the run when omitted. */
  kkNumbers?: readonly string[];
}

/**
 * Statuses, most severe first; a person gets the first that applies and every reason. Documented in the
 * README ("Verification statuses").
 */
export const personStatuses = [
  'ministry_match',
  'duplicate',
  'nik_conflict',
  'invalid_identity',
  'deceased',
  'moved',
  'needs_review',
  'no_nik',
  'clear',
] as const;

const statusOfReason = sql.raw(`case
  when reason like 'ministry_match:%' then 1
  when reason in ('registry_duplicate', 'kk_listed_twice') then 2
  when reason = 'nik_conflict' then 3
  when reason in ('nik_invalid', 'nik_birth_date_mismatch', 'nik_sex_mismatch', 'kk_invalid') then 4
  when reason = 'member_deceased' then 5
  when reason = 'member_moved' then 6
  when reason in ('awaiting_review', 'no_head', 'several_heads') then 7
  when reason = 'nik_missing' then 8
  else 9 end`);

/** Recomputes verification_person rows of the run (or of some families) from findings, pairs and decisions. */
export async function refreshPersonStatuses({
  db,
  runId,
  kkNumbers,
}: RefreshPersonStatusesOptions): Promise<void> {
  const run = await db
    .selectFrom('verification_run')
    .select('area_code')
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  const area = `${assertAreaCode(run.area_code)}%`;
  const onlyFamilies = kkNumbers !== undefined;
  const families = [...(kkNumbers ?? [])];
  await db.transaction().execute(async (transaction) => {
    await sql`
      delete from verification_person
      where run_id = ${runId} and (${!onlyFamilies} or kk_number = any(${families}::text[]))`.execute(
      transaction,
    );
    await sql`
      with members as (
        select m.id as member_id, m.household_id, m.kk_number, h.kelurahan_code, m.ref, m.nik
        from household_member m
        join household h on h.kk_number = m.kk_number and h.id = m.household_id
        where h.status = 'active' and h.kelurahan_code like ${area}
          and (${!onlyFamilies} or m.kk_number = any(${families}::text[]))
      ),
      decided as (
        select p.*, case
            when d.decision = 'different_people' then 'dismissed'
            when d.decision = 'same_person' and coalesce(d.merge_status, 'confirmed') = 'confirmed' then 'match'
            when d.decision = 'same_person' then 'review'
            else p.band end as effective_band
        from verification_pair p
        left join match_decision d on d.pair_key = p.pair_key
        where p.run_id = ${runId}
          and (${!onlyFamilies} or p.kk_number = any(${families}::text[])
            or p.right_kk_number = any(${families}::text[]))
      ),
      sides as (
        select d.left_member_id as member_id, d.effective_band, d.weight, d.kind,
          case when d.kind = 'ministry' then d.ministry_programme || '/' || d.ministry_period else 'registry' end
            as source,
          case when d.kind = 'ministry' then coalesce(d.ministry_ref, '#' || d.ministry_row_number)
            else coalesce(right_member.ref, 'member:' || d.right_member_id) end as matched_ref
        from decided d
        left join household_member right_member on d.kind = 'registry'
          and right_member.kk_number = d.right_kk_number and right_member.household_id = d.right_household_id
          and right_member.id = d.right_member_id
        union all
        select d.right_member_id, d.effective_band, d.weight, d.kind, 'registry',
          coalesce(left_member.ref, 'member:' || d.left_member_id)
        from decided d
        join household_member left_member on left_member.kk_number = d.kk_number
          and left_member.household_id = d.left_household_id and left_member.id = d.left_member_id
        where d.kind = 'registry'
      ),
      reasons as (
        select member_id, case
            when effective_band = 'match' and kind = 'ministry' then 'ministry_match:' || source
            when effective_band = 'match' then 'registry_duplicate'
            when effective_band = 'nik_conflict' then 'nik_conflict'
            else 'awaiting_review' end as reason,
          weight, source, matched_ref
        from sides
        where effective_band in ('match', 'review', 'nik_conflict')
        union all
        select f.member_id, f.code, null, null, null
        from verification_finding f
        where f.run_id = ${runId} and f.member_id is not null
          and (${!onlyFamilies} or f.kk_number = any(${families}::text[]))
        union all
        select m.member_id, f.code, null, null, null
        from verification_finding f
        join members m on m.household_id = f.household_id and m.kk_number = f.kk_number
        where f.run_id = ${runId} and f.member_id is null
      ),
      ranked as (
        select r.member_id, r.reason, r.weight, r.source, r.matched_ref, ${statusOfReason} as severity
        from reasons r
      ),
      per_member as (
        select member_id,
          min(severity) as severity,
          array_agg(distinct reason order by reason) as reasons,
          (array_agg(matched_ref order by severity, weight desc nulls last) filter (where matched_ref is not null))[1]
            as matched_ref,
          (array_agg(source order by severity, weight desc nulls last) filter (where source is not null))[1]
            as matched_source,
          max(weight) as score
        from ranked
        group by member_id
      )
      insert into verification_person (run_id, kk_number, household_id, member_id, kelurahan_code, ref, nik,
        status, reasons, matched_ref, matched_source, score)
      select ${runId}, m.kk_number, m.household_id, m.member_id, m.kelurahan_code, m.ref, m.nik,
        (array[${sql.join(personStatuses.map((status) => sql.lit(status)))}])[coalesce(p.severity, 9)],
        coalesce(p.reasons, '{}'), p.matched_ref, p.matched_source, p.score
      from members m
      left join per_member p on p.member_id = m.member_id`.execute(transaction);
  });
}
