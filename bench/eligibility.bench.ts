// npm run bench:eligibility [-- --families N]: N synthetic families (about 3.3 members each, 5% with a member on a
// PKH list, 2% paired with a ministry person by a verification run) spread over the kotas of DKI Jakarta on a fresh
// embedded PostgreSQL; every kota's list is prepared in one pass (--per-kota: one kota after the other), beside a
// plain count(*) over the same tables and a one-pass dry run of the rules over the whole province.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createUser } from '../src/auth/create-user.ts';
import { SYSTEM_ACTOR } from '../src/auth/session-user.ts';
import { connectDatabase } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createCycle } from '../src/eligibility/create-cycle.ts';
import { familyFactsQuery } from '../src/eligibility/family-facts-repository.ts';
import { loadRuleSet } from '../src/eligibility/load-rule-set.ts';
import { prepareDetermination, prepareDeterminations } from '../src/eligibility/prepare-determination.ts';
import { tryRuleSet } from '../src/eligibility/update-programme-rule.ts';
import { importRegionCatalog } from '../src/regions/import-region-catalog.ts';
import { importMinistryList } from '../src/verification/ministry/import-ministry-list.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : undefined;
};
const families = Number(option('families') ?? 1_000_000);
const emit = (metric: string, value: number, unit: string) =>
  process.stdout.write(
    `${JSON.stringify({ bench: 'eligibility', metric, value: Math.round(value * 1000) / 1000, unit, families })}\n`,
  );
const seconds = (started: number) => (Date.now() - started) / 1000;

const directory = await mkdtemp(path.join(tmpdir(), 'tepat-bench-eligibility-'));
const server = await startEmbeddedPostgres({ dataDirectory: directory, databaseName: 'bench' });
const database = connectDatabase({ url: server.url, maxConnections: 4 });
const { db } = database;
try {
  await migrateToLatest({ db });
  await importRegionCatalog({ db });
  let started = Date.now();
  await generateFamilies(families);
  emit('generate_seconds', seconds(started), 's');

  const kotas = await sql<{ kota: string; families: number }>`
    select left(kelurahan_code, 5) as kota, count(*)::int as families from household group by 1 order by 1`.execute(
    db,
  );

  // Baseline: a plain count over the same tables the decisions read (families joined to their members).
  started = Date.now();
  const counted = await sql<{ count: number }>`
    select count(*)::int as count from household h
    join household_member m on m.kk_number = h.kk_number and m.household_id = h.id`.execute(db);
  emit('count_star_join_seconds', seconds(started), 's');
  emit('members', counted.rows[0]?.count ?? 0, 'rows');
  started = Date.now();
  await sql`select count(*) from household`.execute(db);
  emit('count_star_household_seconds', seconds(started), 's');

  if (args.includes('--explain')) {
    // The plan of the facts query for the largest kota, to see where the time goes.
    const largest = [...kotas.rows].sort((left, right) => right.families - left.families)[0]?.kota ?? '31.74';
    const query = familyFactsQuery({
      areaCode: largest,
      periods: ['2021-07'],
      programmes: ['PKH', 'BPNT'],
      previousDeterminationIds: [],
    });
    await sql`set work_mem = '256MB'`.execute(db);
    await sql`set enable_nestloop = off`.execute(db);
    const plan = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers) ${query}`.execute(db);
    process.stderr.write(`${plan.rows.map((row) => row['QUERY PLAN']).join('\n')}\n`);
  }
  const verifier = await createUser({
    db,
    actor: SYSTEM_ACTOR,
    input: {
      username: 'bench.verifier',
      fullName: 'Bench',
      password: 'bench-password-1',
      role: 'verifier',
      areaCode: '31',
    },
  });
  const cycle = await createCycle({
    db,
    user: verifier,
    programmeCode: 'BST-PROV',
    period: '2021-07',
    months: 1,
  });
  started = Date.now();
  const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuSeconds() };
  let decided = 0;
  const totals: Record<string, number> = {};
  const onPhase = (name: string, phaseSeconds: number) => {
    totals[name] = (totals[name] ?? 0) + phaseSeconds;
  };
  if (args.includes('--per-kota')) {
    // Each kota's list prepared on its own, one after the other (the registry is read once per kota).
    for (const { kota, families: inKota } of kotas.rows) {
      const kotaStarted = Date.now();
      const result = await prepareDetermination({
        db,
        user: verifier,
        cycleId: cycle.id,
        kotaCode: kota,
        onPhase,
      });
      decided += result.familyCount;
      process.stderr.write(`kota ${kota}: ${inKota} families in ${seconds(kotaStarted)} s\n`);
    }
  } else {
    // Every kota's list prepared in one pass over the registry (tepat cycle prepare --kota all).
    const lists = await prepareDeterminations({
      db,
      user: verifier,
      cycleId: cycle.id,
      kotaCodes: 'all',
      onPhase,
    });
    for (const list of lists) {
      decided += list.familyCount;
      process.stderr.write(
        `kota ${list.kotaCode}: ${list.familyCount} families ${JSON.stringify(list.byDecision)}\n`,
      );
    }
  }
  const decideSeconds = seconds(started);
  // Where the CPU went while deciding: this process (facts parsed, rules, lines written) and the database server.
  const nodeCpu = process.cpuUsage(cpuBefore.node);
  emit('decide_cpu_node_seconds', (nodeCpu.user + nodeCpu.system) / 1e6, 's');
  emit('decide_cpu_postgres_seconds', postgresCpuSeconds() - cpuBefore.postgres, 's');
  for (const [name, phaseSeconds] of Object.entries(totals)) emit(`phase_${name}_seconds`, phaseSeconds, 's');
  emit('decided_families', decided, 'families');
  emit('decide_seconds', decideSeconds, 's');
  emit('decide_families_per_second', decided / decideSeconds, 'families/s');
  // The same decisions for every family of the province in one pass, nothing stored (the dry run of a rule change).
  started = Date.now();
  const tally = await tryRuleSet(db, {
    areaCode: '31',
    ruleSet: await loadRuleSet(db, cycle.programme_id),
    periods: cycle.periods,
  });
  emit('decide_province_one_pass_seconds', seconds(started), 's');
  emit('decide_province_one_pass_families', tally.families, 'families');
  emit('peak_rss', process.resourceUsage().maxRSS / 1024, 'MB');
} finally {
  await database.close();
  await server.stop({ removeData: true });
  await rm(directory, { recursive: true, force: true });
}

/** CPU seconds used so far by the connections to the bench database (Linux /proc; 0 elsewhere). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('postgres: postgres bench')) continue;
        // utime and stime are fields 14 and 15, counted after the command name in parentheses.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended while we read it.
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100;
}

async function generateFamilies(count: number) {
  await sql`set work_mem = '256MB'`.execute(db);
  // Kelurahan of DKI weighted equally; kota sizes then follow the number of kelurahan.
  await sql`create temp table bench_kelurahan as
    select row_number() over (order by code) as n, code from region where level = 4 and code like '31.7%'`.execute(
    db,
  );
  await sql`
    insert into household (kk_number, kelurahan_code, rw, rt, address, fixed_income, covid_affected, status,
                           source_submission_id)
    select lpad((3170000000000000 + g)::text, 16, '0'), k.code, lpad((1 + g % 12)::text, 3, '0'),
           lpad((1 + g % 15)::text, 3, '0'), 'Jl. Bench ' || g,
           case when g % 23 = 0 then true when g % 97 = 0 then null else false end,
           g % 31 <> 0, case when g % 211 = 0 then 'merged' else 'active' end, 1
    from generate_series(1, ${count}) g
    join bench_kelurahan k on k.n = 1 + g % (select count(*) from bench_kelurahan)`.execute(db);
  await sql`
    insert into household_member (kk_number, household_id, member_key, nik, full_name, relationship, birth_date,
                                  life_status, death_date, moved)
    select h.kk_number, h.id, 'm' || s, case when h.id % 53 = 0 then null else lpad((3170000000000000 + h.id * 10 + s)::text, 16, '0') end,
           'ANGGOTA ' || s, case when s = 1 then 'head' when s = 2 then 'spouse' else 'child' end,
           date '1960-01-01' + ((h.id * 7 + s * 3000) % 15000)::int,
           case when s = 1 and h.id % 67 = 0 then 'deceased' else 'alive' end,
           case when s = 1 and h.id % 67 = 0 then date '2021-05-01' end, h.id % 401 = 0
    from household h cross join generate_series(1, 5) s
    where s <= 2 + h.id % 3 + (h.id % 7 = 0)::int`.execute(db);
  await sql`analyze household`.execute(db);
  await sql`analyze household_member`.execute(db);
  // A PKH list naming a member of one family in twenty.
  const lines = await sql<{ line: string }>`
    select concat_ws(',', m.nik, m.kk_number, m.full_name, to_char(m.birth_date, 'DD-MM-YYYY'), h.kelurahan_code,
                     'PKH', '2021-07', 'PKH-' || m.id) as line
    from household h join household_member m on m.kk_number = h.kk_number and m.household_id = h.id
    where h.id % 20 = 0 and m.member_key = 'm2' and m.nik is not null`.execute(db);
  const file = path.join(directory, 'pkh.csv');
  await writeFile(
    file,
    `nik,no_kk,nama,tanggal_lahir,kode_wilayah,program,periode,ref\n${lines.rows.map((row) => row.line).join('\n')}\n`,
  );
  await importMinistryList({
    db,
    actor: SYSTEM_ACTOR,
    filePath: file,
    fileName: 'pkh.csv',
    programme: 'PKH',
    period: '2021-07',
    referenceDate: new Date('2021-07-01T00:00:00Z'),
  });
  // A completed verification run over the province pairing one family in fifty with a BPNT person.
  const run = await sql<{ id: number }>`
    insert into verification_run (area_code, status, finished_at) values ('31', 'completed', now()) returning id`.execute(
    db,
  );
  await sql`
    insert into verification_pair (run_id, kk_number, pair_key, kind, band, weight, left_member_id, left_household_id,
                                   left_kelurahan_code, ministry_programme, ministry_period, levels, explanation)
    select ${run.rows[0]?.id}, m.kk_number, 'bench:' || m.id, 'ministry', case when h.id % 100 = 0 then 'review' else 'match' end,
           10, m.id, h.id, h.kelurahan_code, 'BPNT', '2021-07', '{}', '[]'
    from household h join household_member m on m.kk_number = h.kk_number and m.household_id = h.id
    where h.id % 50 = 0 and m.member_key = 'm1'`.execute(db);
  await sql`analyze`.execute(db);
}
