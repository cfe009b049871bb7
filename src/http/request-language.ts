import type { Language } from '../language.ts';

/** The language of a request's answers: English when the reader asks for it, Bahasa Indonesia otherwise. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'id';
}
