import type { DatabaseClient } from '../db/database.ts';
import { listProgrammeRules } from './eligibility-repository.ts';
import { parseRuleSet, type RuleSet } from './rules.ts';

/** The rules of a programme as stored (defaults for rules never configured). */
export async function loadRuleSet(db: DatabaseClient, programmeId: number): Promise<RuleSet> {
  return parseRuleSet(await listProgrammeRules(db, programmeId));
}
