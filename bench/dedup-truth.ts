// Ground truth of the dedup bench, held compactly enough for a million families: intake refs and the ministry
// rows of registry persons, each with its real person (an interned number) and its faults (a bit mask).
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type pg from 'pg';
import { copyOutLines, parseCopyLine } from '../src/db/copy-out.ts';

/** Fault names as bits of a mask (intake and ministry rows each have their own). */
export class FaultNames {
  readonly names: string[] = [];
  private readonly bits = new Map<string, number>();

  maskOf(cell: string, prefix = ''): number {
    if (!cell) return 0;
    let mask = 0;
    for (const fault of cell.split('|')) {
      const name = `${prefix}${fault}`;
      let bit = this.bits.get(name);
      if (bit === undefined) {
        // 32 faults fit; any beyond share the last bit under the name 'other'.
        bit = Math.min(this.names.length, 31);
        if (bit === this.names.length) this.names.push(bit === 31 ? 'other' : name);
        this.bits.set(name, bit);
      }
      mask |= 1 << bit;
    }
    return mask;
  }

  namesOf(mask: number): string[] {
    const names: string[] = [];
    for (let bit = 0; bit < this.names.length; bit++) if (mask & (1 << bit)) names.push(this.names[bit]);
    return names;
  }
}

/** Cells of each data line of a generated CSV (no quoted commas in ground truth), with the header's indices. */
export async function* csvLines(
  filePath: string,
): AsyncGenerator<{ cells: string[]; column: Map<string, number> }> {
  const lines = createInterface({ input: createReadStream(filePath), crlfDelay: Number.POSITIVE_INFINITY });
  let column: Map<string, number> | undefined;
  for await (const line of lines) {
    if (!column) {
      column = new Map(line.split(',').map((name, index) => [name, index]));
      continue;
    }
    if (line) yield { cells: line.split(','), column };
  }
}

/** Streams the rows of a query via COPY, each split into its fields (\N → null). */
export async function* copyRows(client: pg.PoolClient, query: string): AsyncGenerator<Array<string | null>> {
  for await (const batch of copyOutLines(client, query)) for (const line of batch) yield parseCopyLine(line);
}

export class GroundTruth {
  /** Faults of intake rows. */
  readonly faults = new FaultNames();
  /** Faults of ministry rows, named `m:<fault>` so they stay apart from intake faults. */
  readonly ministryFaultNames = new FaultNames();
  /** Real person id → number. */
  private readonly persons = new Map<string, number>();
  /** Intake ref → row number in `intakePerson` / `intakeFaults`. */
  private readonly intakeRows = new Map<string, number>();
  private readonly intakePerson: number[] = [];
  private readonly intakeFaults: number[] = [];
  /** `programme\tref` → ministry row kept (only rows of persons with a registry member). */
  private readonly ministryRows = new Map<string, number>();
  readonly ministryPerson: number[] = [];
  readonly ministryFaults: number[] = [];
  readonly ministryProgramme: string[] = [];
  readonly ministryRef: string[] = [];
  /** Set once the row is found among the accepted rows of the imported lists. */
  ministryAccepted = new Uint8Array(0);

  get personCount(): number {
    return this.persons.size;
  }

  /** First pass over the ground-truth file: every intake row. */
  async readIntake(filePath: string): Promise<void> {
    for await (const { cells, column } of csvLines(filePath)) {
      if (cells[column.get('source')!] !== 'intake') continue;
      const personId = cells[column.get('person_id')!];
      let person = this.persons.get(personId);
      if (person === undefined) {
        person = this.persons.size;
        this.persons.set(personId, person);
      }
      this.intakeRows.set(cells[column.get('ref')!], this.intakePerson.length);
      this.intakePerson.push(person);
      this.intakeFaults.push(this.faults.maskOf(cells[column.get('faults')!] ?? ''));
    }
  }

  /** The real person and faults of an intake ref; person −1 when the ref is not in the ground truth. */
  intakeRow(ref: string | null): { person: number; faults: number } {
    const row = ref === null ? undefined : this.intakeRows.get(ref);
    return row === undefined
      ? { person: -1, faults: 0 }
      : { person: this.intakePerson[row], faults: this.intakeFaults[row] };
  }

  /** Second pass: ministry rows whose person has at least one registry member (others make no true pair). */
  async readMinistry(filePath: string, registryMembers: Int32Array): Promise<void> {
    for await (const { cells, column } of csvLines(filePath)) {
      const source = cells[column.get('source')!];
      if (source === 'intake') continue;
      const person = this.persons.get(cells[column.get('person_id')!]);
      if (person === undefined || registryMembers[person] === 0) continue;
      const ref = cells[column.get('ref')!];
      this.ministryRows.set(`${source}\t${ref}`, this.ministryPerson.length);
      this.ministryPerson.push(person);
      this.ministryFaults.push(this.ministryFaultNames.maskOf(cells[column.get('faults')!] ?? '', 'm:'));
      this.ministryProgramme.push(source);
      this.ministryRef.push(ref);
    }
    this.ministryAccepted = new Uint8Array(this.ministryPerson.length);
  }

  /** Row number of a kept ministry row, or −1. */
  ministryRow(programme: string | null, ref: string | null): number {
    return this.ministryRows.get(`${programme}\t${ref}`) ?? -1;
  }
}
