// A request that fails its schema is answered in the reader's language, like every other error: zod's own
// Indonesian and English wordings, chosen when the answer is written.
import type { FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { type ZodType, z } from 'zod';
import { FIELD_LABELS } from '../intake/problem-messages.ts';
import type { Language } from '../language.ts';

const WORDINGS: Record<Language, z.core.$ZodErrorMap> = {
  id: z.locales.id().localeError,
  en: z.locales.en().localeError,
};
const MARK = 'tepatValidationIssue';

/** One failed check, worded in both languages when found (the answer's language is chosen later). */
interface WordedIssue extends FastifySchemaValidationError {
  params: { [MARK]: true; messages: Record<Language, string> };
}

/** Validates with zod, keeping each issue's wording in both languages (and not the input it received). */
export const validatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    // The input is needed to word "received …"; it goes no further than the wording.
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: result.error.issues.map(wordedIssue) };
  };

function wordedIssue(issue: z.core.$ZodIssue): WordedIssue {
  const messages = { id: wording(issue, 'id'), en: wording(issue, 'en') };
  return {
    keyword: issue.code,
    instancePath: issue.path.length > 0 ? `/${issue.path.join('/')}` : '',
    schemaPath: '',
    message: messages.en,
    params: { [MARK]: true, messages },
  };
}

function wording(issue: z.core.$ZodIssue, language: Language): string {
  const worded = WORDINGS[language](issue as unknown as z.core.$ZodRawIssue);
  if (typeof worded === 'string') return worded;
  return worded?.message ?? issue.message;
}

/** The issues of a failed request check in one sentence of this language; undefined for other errors. */
export function validationMessage(error: unknown, language: Language): string | undefined {
  const { validation: issues, validationContext } = (error ?? {}) as {
    validation?: unknown;
    validationContext?: string;
  };
  if (!Array.isArray(issues) || issues.length === 0 || !isWordedIssue(issues[0])) return undefined;
  return (issues as WordedIssue[])
    .map((issue) => {
      const where = issue.instancePath ? placeName(issue.instancePath, language) : validationContext;
      return `${where ?? 'body'}: ${issue.params.messages[language]}`;
    })
    .join('; ');
}

// The names a reader knows the web form's fields by; other parts of a path are shown as they are.
const PATH_LABELS: Record<string, Record<Language, string>> = {
  ...FIELD_LABELS,
  household: { id: 'Data keluarga', en: 'Household' },
  members: { id: 'Anggota', en: 'Member' },
};

/** A JSON path such as /members/0/maritalStatus as "Anggota 1, Status perkawinan". */
function placeName(instancePath: string, language: Language): string {
  const parts: string[] = [];
  for (const segment of instancePath.slice(1).split('/')) {
    if (/^\d+$/.test(segment) && parts.length > 0) parts[parts.length - 1] += ` ${Number(segment) + 1}`;
    else parts.push(Object.hasOwn(PATH_LABELS, segment) ? PATH_LABELS[segment][language] : segment);
  }
  return parts.join(', ');
}

function isWordedIssue(issue: unknown): issue is WordedIssue {
  return (issue as WordedIssue | undefined)?.params?.[MARK] === true;
}
