// Rule 3 in SQL: which members of a family are in a Kemensos programme for the cycle's months.
import { type RawBuilder, sql } from 'kysely';

/**
 * One row per (member, programme, period) found, with source 'nik' or 'verification' and review = true for a
 * review-band pair nobody has decided yet. A member is in a programme when
 * - their NIK is on an active ministry list of the programme and period (always, with or without verification);
 * - the latest completed verification run covering the family's kelurahan paired them with a ministry person in
 *   the match band (unless a reviewer said different people) or in the review band with a same-person decision.
 * areaCondition filters household h. Source is 'n' (NIK) or 'v' (verification).
 */
export function ministryHitsSql({
  areaCondition,
  periods,
  programmes,
}: {
  areaCondition: RawBuilder<unknown>;
  periods: readonly string[];
  programmes: readonly string[];
}) {
  const periodList = sql`${[...periods]}::text[]`;
  const programmeList = sql`${[...programmes]}::text[]`;
  return sql`
    select m.kk_number, m.household_id, m.id as member_id, l.programme, l.period, 'n' as source,
           false as review
    from ministry_list l
    join ministry_person p on p.list_id = l.id and p.validation = 'accepted' and p.nik is not null
    join household_member m on m.nik = p.nik
    join household h on h.kk_number = m.kk_number and h.id = m.household_id
    where l.status = 'active' and l.period = any(${periodList}) and l.programme = any(${programmeList})
      and ${areaCondition}
    union
    select pair.kk_number, pair.left_household_id, pair.left_member_id, pair.ministry_programme, pair.ministry_period,
           'v', pair.band = 'review' and decision.decision is null
    from (
      select distinct on (h.kelurahan_code) h.kelurahan_code, r.id as run_id
      from (select distinct kelurahan_code from household h where ${areaCondition}) h
      join verification_run r on r.status = 'completed'
        and (r.area_code = '' or h.kelurahan_code = r.area_code or h.kelurahan_code like r.area_code || '.%')
      order by h.kelurahan_code, r.finished_at desc nulls last, r.id desc
    ) latest
    join verification_pair pair on pair.run_id = latest.run_id and pair.left_kelurahan_code = latest.kelurahan_code
    left join match_decision decision on decision.pair_key = pair.pair_key
    where pair.kind = 'ministry' and pair.band in ('match', 'review')
      and pair.ministry_period = any(${periodList}) and pair.ministry_programme = any(${programmeList})
      and ((pair.band = 'match' and decision.decision is distinct from 'different_people')
           or (pair.band = 'review' and (decision.decision is null or decision.decision = 'same_person')))`;
}
