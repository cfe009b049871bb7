// Decides every family of an area: facts from SQL in batches, the pure rules in between, outcomes to a sink.
import type pg from 'pg';
import type { DatabaseClient } from '../db/database.ts';
import { readFamilyFacts } from './family-facts-repository.ts';
import {
  type EvaluationContext,
  type FamilyFacts,
  type FamilyOutcome,
  familyEvaluator,
  type RuleSet,
} from './rules.ts';

export interface EvaluateAreaOptions {
  client: pg.PoolClient;
  db: DatabaseClient;
  areaCode: string;
  ruleSet: RuleSet;
  context: EvaluationContext;
  previousDeterminationIds: readonly number[];
  /** Receives each batch of families with their outcomes (write them, or count them). */
  onBatch: (batch: { facts: FamilyFacts; outcome: FamilyOutcome }[]) => Promise<void> | void;
  /** Seconds spent reading facts, applying the rules and in onBatch (benchmarks). */
  timings?: { facts: number; rules: number; store: number };
}

export async function evaluateArea({
  client,
  db,
  areaCode,
  ruleSet,
  context,
  previousDeterminationIds,
  onBatch,
  timings,
}: EvaluateAreaOptions): Promise<void> {
  let started = performance.now();
  const lap = (key: 'facts' | 'rules' | 'store') => {
    const now = performance.now();
    if (timings) timings[key] += (now - started) / 1000;
    started = now;
  };
  const evaluate = familyEvaluator(ruleSet, context);
  for await (const batch of readFamilyFacts(client, db, {
    areaCode,
    periods: context.periods,
    programmes: ruleSet.no_ministry_programme.parameters.programmes,
    previousDeterminationIds,
  })) {
    lap('facts');
    const outcomes = batch.map((facts) => ({ facts, outcome: evaluate(facts) }));
    lap('rules');
    await onBatch(outcomes);
    lap('store');
  }
}

export interface OutcomeTally {
  families: number;
  eligible: number;
  excluded: number;
  pending: number;
  /** Exclusion reason codes by how many families they exclude. */
  exclusions: Map<string, number>;
}

export function newTally(): OutcomeTally {
  return { families: 0, eligible: 0, excluded: 0, pending: 0, exclusions: new Map() };
}

export function addToTally(tally: OutcomeTally, outcome: FamilyOutcome, facts: FamilyFacts): void {
  if (facts.status === 'merged') return;
  tally.families++;
  tally[outcome.decision]++;
  for (const reason of outcome.reasons) {
    if (reason.effect === 'excluded')
      tally.exclusions.set(reason.code, (tally.exclusions.get(reason.code) ?? 0) + 1);
  }
}

/** The most frequent exclusion reason, for the message refusing a rule set that excludes everyone. */
export function mainExclusion(tally: OutcomeTally): string | null {
  let best: [string, number] | null = null;
  for (const entry of tally.exclusions) if (!best || entry[1] > best[1]) best = entry;
  return best ? best[0] : null;
}

export interface ListSummary {
  familyCount: number;
  eligibleCount: number;
  totalAmount: number;
  byDecision: Record<string, number>;
  /** Exclusion and pending reasons by decision and code, most frequent first. */
  byReason: { decision: string; code: string; count: number }[];
  /** Flags of the families not excluded. */
  byFlag: Record<string, number>;
}

/** Counts a list by decision, reason and flag while it is written, so no second pass over its rows is needed. */
export function newSummary() {
  const byDecision: Record<string, number> = {};
  const byReason = new Map<string, { decision: string; code: string; count: number }>();
  const byFlag: Record<string, number> = {};
  let familyCount = 0;
  let totalAmount = 0;
  return {
    add(outcome: FamilyOutcome, amount: number) {
      familyCount++;
      totalAmount += amount;
      byDecision[outcome.decision] = (byDecision[outcome.decision] ?? 0) + 1;
      for (const reason of outcome.reasons) {
        if (reason.effect === 'note') continue;
        const key = `${outcome.decision}|${reason.code}`;
        const entry = byReason.get(key);
        if (entry) entry.count++;
        else byReason.set(key, { decision: outcome.decision, code: reason.code, count: 1 });
      }
      if (outcome.decision !== 'excluded')
        for (const flag of outcome.flags) byFlag[flag] = (byFlag[flag] ?? 0) + 1;
    },
    result(): ListSummary {
      return {
        familyCount,
        eligibleCount: byDecision.eligible ?? 0,
        totalAmount,
        byDecision,
        byReason: [...byReason.values()].sort((left, right) => right.count - left.count),
        byFlag,
      };
    },
  };
}
