/** The languages answers come in: Bahasa Indonesia first, English on request. */
export type RequestLanguage = 'id' | 'en';

/** The language of a request's answers: English when the reader asks for it, Bahasa Indonesia otherwise. */
export function languageOf(acceptLanguage: string | undefined): RequestLanguage {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'id';
}
