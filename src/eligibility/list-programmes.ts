import type { SessionUser } from '../auth/session-user.ts';
import type { DatabaseClient } from '../db/database.ts';
import { listProgrammes } from './eligibility-repository.ts';
import { loadRuleSet } from './load-rule-set.ts';
import { RULE_CODES } from './rules.ts';

/** Programmes with their rules in SPEC order (any signed-in user may read them: the rules are public criteria). */
export async function listProgrammesWithRules({ db }: { db: DatabaseClient; user: SessionUser }) {
  const programmes = await listProgrammes(db);
  return Promise.all(
    programmes.map(async (programme) => {
      const ruleSet = await loadRuleSet(db, programme.id);
      return {
        id: programme.id,
        code: programme.code,
        name: programme.name,
        amountPerCycle: Number(programme.amount_per_cycle),
        areaCode: programme.area_code,
        rules: RULE_CODES.map((code) => ({
          code,
          enabled: ruleSet[code].enabled,
          parameters: ruleSet[code].parameters as Record<string, unknown>,
        })),
      };
    }),
  );
}
