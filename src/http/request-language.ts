/** The language of a request's answers: English when the reader asks for it, Bahasa Indonesia otherwise. */
export function languageOf(acceptLanguage: string | undefined): 'id' | 'en' {
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'id';
}
