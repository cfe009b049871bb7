// Facts in, decisions out, as COPY text: the compute of a preparation, with no I/O. It runs on the thread holding the
// connections for small lists, or in a worker thread (decide-worker.ts) so that thread only moves bytes.
import { StringDecoder } from 'node:string_decoder';
import { decisionLine } from './decision-rows.ts';
import { addToTally, type ListSummary, newSummary, newTally, type OutcomeTally } from './evaluate-area.ts';
import { parseFactsLine } from './family-facts-repository.ts';
import { familyEvaluator, type RuleSet } from './rules.ts';

export interface DecideSetup {
  ruleSet: RuleSet;
  periods: readonly string[];
  /** What an eligible family is paid in this cycle. */
  amount: number;
  /** The lists written: a family goes to the list of its kota when its kelurahan lies in the list's area. */
  lists: readonly { kotaCode: string; decidedArea: string; determinationId: number }[];
}

export interface ListCounts {
  determinationId: number;
  tally: OutcomeTally;
  summary: ListSummary;
}

export class ChunkDecider {
  private readonly evaluate;
  private readonly lists;
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly setup: DecideSetup) {
    this.evaluate = familyEvaluator(setup.ruleSet, { periods: setup.periods });
    this.lists = new Map(
      setup.lists.map((list) => [
        list.kotaCode,
        { ...list, tally: newTally(), summary: newSummary(), prefix: `${list.decidedArea}.` },
      ]),
    );
  }

  /** Decides the families of a chunk of facts lines; a line cut at the end of the chunk waits for the next one. */
  decide(chunk: Uint8Array): string {
    const text = this.pending + this.decoder.write(chunk as Buffer);
    let out = '';
    let start = 0;
    let end = text.indexOf('\n', start);
    while (end !== -1) {
      out += this.decideLine(text.slice(start, end));
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.pending = text.slice(start);
    return out;
  }

  /** The counts of every list, once the facts have all been decided. */
  finish(): { lines: string; counts: ListCounts[] } {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    const lines = rest.length > 0 ? this.decideLine(rest) : '';
    return {
      lines,
      counts: [...this.lists.values()].map((list) => ({
        determinationId: list.determinationId,
        tally: list.tally,
        summary: list.summary.result(),
      })),
    };
  }

  private decideLine(line: string): string {
    const facts = parseFactsLine(line);
    const list = this.lists.get(facts.kelurahanCode.slice(0, 5));
    if (!list || !(facts.kelurahanCode === list.decidedArea || facts.kelurahanCode.startsWith(list.prefix)))
      return '';
    const outcome = this.evaluate(facts);
    addToTally(list.tally, outcome, facts);
    const amount = outcome.decision === 'eligible' ? this.setup.amount : 0;
    list.summary.add(outcome, amount);
    return decisionLine(list.determinationId, facts, outcome, amount);
  }
}
