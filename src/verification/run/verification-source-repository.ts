// The SQL that feeds a verification run: registry persons of an area and the rows of a ministry list.

/** Area codes are digits and dots only, so they can be written into COPY queries (which take no parameters). */
export function assertAreaCode(areaCode: string): string {
  if (!/^[0-9.]{0,13}$/.test(areaCode)) throw new Error(`Not an area code: ${areaCode}`);
  return areaCode;
}

/** Columns: member id, household id, KK, kelurahan, NIK, name, sex, birth date, ref, NIK absence reason. */
export function registryPersonsQuery(areaCode: string): string {
  return `
    select m.id, m.household_id, m.kk_number, h.kelurahan_code, m.nik, m.full_name, m.sex, m.birth_date, m.ref,
      m.nik_absence_reason
    from household_member m
    join household h on h.kk_number = m.kk_number and h.id = m.household_id
    where h.status = 'active' and h.kelurahan_code like '${assertAreaCode(areaCode)}%'
    order by m.id`;
}

/** Columns: row number, NIK, KK, name, birth date, region code, ref. Rejected rows carry nothing to match. */
export function ministryPersonsQuery(listId: number, sampleEvery = 1): string {
  if (!Number.isInteger(listId) || !Number.isInteger(sampleEvery) || sampleEvery < 1)
    throw new Error('Bad ministry list query');
  return `
    select row_number, nik, kk_number, full_name, birth_date, region_code, ref
    from ministry_person
    where list_id = ${listId} and validation = 'accepted'${sampleEvery > 1 ? ` and row_number % ${sampleEvery} = 0` : ''}
    order by row_number`;
}
