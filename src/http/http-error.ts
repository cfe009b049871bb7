import type { Language } from '../language.ts';

/** A message in English (the CLI's and the logs') and in Bahasa Indonesia (the web UI's default). */
export type HttpErrorMessage = string | { en: string; id: string };

/** An error a route turns into a JSON response with this status and a code the UI can translate. */
export class HttpError extends Error {
  /** The message in Bahasa Indonesia, when the error has one; `message` is English. */
  readonly indonesian: string | undefined;

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: HttpErrorMessage,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.indonesian = typeof message === 'string' ? undefined : message.id;
  }

  /** The message for a reader of this language (English when no Indonesian one was given). */
  messageIn(language: Language): string {
    return language === 'id' && this.indonesian ? this.indonesian : this.message;
  }
}

export const notFound = (message: HttpErrorMessage) => new HttpError(404, 'not_found', message);
export const forbidden = (message: HttpErrorMessage) => new HttpError(403, 'forbidden', message);
export const badRequest = (code: string, message: HttpErrorMessage) => new HttpError(400, code, message);
export const conflict = (code: string, message: HttpErrorMessage) => new HttpError(409, code, message);
