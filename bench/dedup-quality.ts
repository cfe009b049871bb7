// Quality of a verification run against ground truth, streamed from the database: pairwise precision, recall
// and F1 per band, true pairs counted per real person (never listed all at once), and recall by fault.
import type pg from 'pg';
import { blockingRules } from '../src/verification/matching/blocking.ts';
import type { BlockingIndex } from '../src/verification/matching/blocking-index.ts';
import { keyHashes } from '../src/verification/matching/blocking-index.ts';
import { prepareRecord } from '../src/verification/matching/person-record.ts';
import { type RegistryPersons, recordPairKey } from './dedup-registry.ts';
import { copyRows, type GroundTruth } from './dedup-truth.ts';

export interface BandCounts {
  truePositives: number;
  falsePositives: number;
}

export interface FaultTally {
  pairs: number;
  match: number;
  review: number;
  other: number;
  /** True pairs blocking never put together. */
  notBlocked: number;
}

export interface KindQuality {
  bands: Map<string, BandCounts>;
  truePairs: number;
  byFault: Map<string, FaultTally>;
  /** Automatic matches of two different people, by fault of either row. */
  falseMatchesByFault: Map<string, number>;
  examples: string[];
}

const newKind = (): KindQuality => ({
  bands: new Map(),
  truePairs: 0,
  byFault: new Map(),
  falseMatchesByFault: new Map(),
  examples: [],
});

const bandCounts = (kind: KindQuality, band: string) => {
  let counts = kind.bands.get(band);
  if (!counts) {
    counts = { truePositives: 0, falsePositives: 0 };
    kind.bands.set(band, counts);
  }
  return counts;
};

/** Largest group of one person's records whose pairs are walked one by one for the by-fault figures. */
const maximumWalkedGroup = 60;
const maximumExamples = 12;

export interface MinistryCompleteness {
  truePairs: number;
  kept: number;
  acceptedRows: number;
}

/**
 * Streams the accepted rows of the active ministry lists once: marks the ground-truth rows that were accepted
 * and probes the registry's blocking index with those rows (pairs completeness against ministry lists).
 */
export async function measureMinistryBlocking(
  client: pg.PoolClient,
  truth: GroundTruth,
  registry: RegistryPersons,
  index: BlockingIndex,
): Promise<{ completeness: MinistryCompleteness; kept: Set<string> }> {
  const kept = new Set<string>();
  let acceptedRows = 0;
  for await (const [programme, ref, nik, kkNumber, fullName, birthDate, regionCode] of copyRows(
    client,
    `select l.programme, p.ref, p.nik, p.kk_number, p.full_name, p.birth_date, p.region_code
     from ministry_person p join ministry_list l on l.id = p.list_id
     where l.status = 'active' and p.validation = 'accepted'`,
  )) {
    acceptedRows++;
    const row = truth.ministryRow(programme, ref);
    if (row < 0) continue;
    truth.ministryAccepted[row] = 1;
    // As the run's workers read a ministry row: no sex, the list's own region code.
    const record = prepareRecord({
      id: String(row),
      nik,
      kkNumber,
      fullName: fullName ?? '',
      birthDate,
      sex: null,
      regionCode,
    });
    const person = truth.ministryPerson[row];
    index.probe(keyHashes(record, blockingRules), (registryIndex) => {
      if (registry.person[registryIndex] === person) kept.add(`${registryIndex}:${row}`);
    });
  }
  let truePairs = 0;
  for (let row = 0; row < truth.ministryPerson.length; row++)
    if (truth.ministryAccepted[row]) truePairs += registry.membersOfPerson[truth.ministryPerson[row]];
  return { completeness: { truePairs, kept: kept.size, acceptedRows }, kept };
}

/** Reads the run's pairs and scores them against ground truth, registry pairs and ministry pairs apart. */
export async function measureQuality({
  client,
  runId,
  truth,
  registry,
  groups,
  keptRegistry,
  keptMinistry,
}: {
  client: pg.PoolClient;
  runId: number;
  truth: GroundTruth;
  registry: RegistryPersons;
  groups: readonly Uint32Array[];
  keptRegistry: Set<string>;
  keptMinistry: Set<string>;
}): Promise<{ registry: KindQuality; ministry: KindQuality }> {
  const registryQuality = newKind();
  const ministryQuality = newKind();
  const registryBands = new Map<string, string>();
  const ministryBands = new Map<string, string>();
  const faultNames = (intakeMask: number, ministryMask = 0) => {
    const names = [...truth.faults.namesOf(intakeMask), ...truth.ministryFaultNames.namesOf(ministryMask)];
    return names.length > 0 ? names : ['no_fault'];
  };
  const describe = (index: number) =>
    `${registry.name[index]} ${registry.birthDate[index]} nik=${registry.nik[index] || '-'} hh=${registry.householdId[index]} [${truth.faults.namesOf(registry.faults[index]).join('|')}]`;

  for await (const [kind, band, leftMember, rightMember, programme, ref] of copyRows(
    client,
    `select kind, band, left_member_id, right_member_id, ministry_programme, ministry_ref
     from verification_pair where run_id = ${Number(runId)}`,
  )) {
    const left = registry.memberIndex.get(Number(leftMember)) ?? -1;
    const person = left >= 0 ? registry.person[left] : -1;
    if (kind === 'registry') {
      const right = registry.memberIndex.get(Number(rightMember)) ?? -1;
      const isTrue = person >= 0 && right >= 0 && registry.person[right] === person;
      const counts = bandCounts(registryQuality, band ?? '');
      if (isTrue) {
        counts.truePositives++;
        registryBands.set(recordPairKey(left, right), band ?? '');
      } else {
        counts.falsePositives++;
        if (band === 'match' && left >= 0 && right >= 0) {
          for (const name of faultNames(registry.faults[left] | registry.faults[right]))
            registryQuality.falseMatchesByFault.set(
              name,
              (registryQuality.falseMatchesByFault.get(name) ?? 0) + 1,
            );
          if (registryQuality.examples.length < maximumExamples)
            registryQuality.examples.push(`false match: ${describe(left)} ~ ${describe(right)}`);
        }
      }
    } else if (kind === 'ministry') {
      const row = truth.ministryRow(programme, ref);
      const isTrue = person >= 0 && row >= 0 && truth.ministryPerson[row] === person;
      const counts = bandCounts(ministryQuality, band ?? '');
      if (isTrue) {
        counts.truePositives++;
        ministryBands.set(`${left}:${row}`, band ?? '');
      } else {
        counts.falsePositives++;
        if (band === 'match' && left >= 0) {
          for (const name of faultNames(registry.faults[left], row >= 0 ? truth.ministryFaults[row] : 0))
            ministryQuality.falseMatchesByFault.set(
              name,
              (ministryQuality.falseMatchesByFault.get(name) ?? 0) + 1,
            );
          if (ministryQuality.examples.length < maximumExamples)
            ministryQuality.examples.push(`false match: ${describe(left)} ~ ${programme} ${ref}`);
        }
      }
    }
  }

  const tally = (quality: KindQuality, faults: string[], band: string | undefined, blocked: boolean) => {
    for (const name of faults) {
      let entry = quality.byFault.get(name);
      if (!entry) {
        entry = { pairs: 0, match: 0, review: 0, other: 0, notBlocked: 0 };
        quality.byFault.set(name, entry);
      }
      entry.pairs++;
      if (band === 'match') entry.match++;
      else if (band === 'review') entry.review++;
      else if (band) entry.other++;
      else if (!blocked) entry.notBlocked++;
    }
  };

  // Registry true pairs: counted per person; walked pair by pair only for small groups.
  const missedExamples: string[] = [];
  for (const group of groups) {
    registryQuality.truePairs += (group.length * (group.length - 1)) / 2;
    if (group.length > maximumWalkedGroup) continue;
    for (let first = 0; first < group.length; first++) {
      for (let second = first + 1; second < group.length; second++) {
        const key = recordPairKey(group[first], group[second]);
        const band = registryBands.get(key);
        tally(
          registryQuality,
          faultNames(registry.faults[group[first]] | registry.faults[group[second]]),
          band,
          keptRegistry.has(key),
        );
        if (band !== 'match' && missedExamples.length < maximumExamples)
          missedExamples.push(
            `missed (${band ?? (keptRegistry.has(key) ? 'non_match' : 'not blocked')}): ${describe(group[first])} ~ ${describe(group[second])}`,
          );
      }
    }
  }
  registryQuality.examples.push(...missedExamples);

  // Ministry true pairs: every accepted ministry row of a person × that person's registry members.
  const firstMember = new Int32Array(truth.personCount).fill(-1);
  const nextMember = new Int32Array(registry.size).fill(-1);
  for (let index = registry.size - 1; index >= 0; index--) {
    const person = registry.person[index];
    if (person < 0) continue;
    nextMember[index] = firstMember[person];
    firstMember[person] = index;
  }
  const missedMinistry: string[] = [];
  for (let row = 0; row < truth.ministryPerson.length; row++) {
    if (!truth.ministryAccepted[row]) continue;
    for (let member = firstMember[truth.ministryPerson[row]]; member !== -1; member = nextMember[member]) {
      ministryQuality.truePairs++;
      const key = `${member}:${row}`;
      const band = ministryBands.get(key);
      tally(
        ministryQuality,
        faultNames(registry.faults[member], truth.ministryFaults[row]),
        band,
        keptMinistry.has(key),
      );
      if (band !== 'match' && missedMinistry.length < maximumExamples)
        missedMinistry.push(
          `missed (${band ?? (keptMinistry.has(key) ? 'non_match' : 'not blocked')}): ${describe(member)} ~ ${truth.ministryProgramme[row]} ${truth.ministryRef[row]} [${truth.ministryFaultNames.namesOf(truth.ministryFaults[row]).join('|')}]`,
        );
    }
  }
  ministryQuality.examples.push(...missedMinistry);
  return { registry: registryQuality, ministry: ministryQuality };
}

export interface PrecisionRecall {
  precision: number;
  recall: number;
  f1: number;
}

export function precisionRecall(
  truePositives: number,
  predicted: number,
  truePairs: number,
): PrecisionRecall {
  const precision = predicted === 0 ? 1 : truePositives / predicted;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}
