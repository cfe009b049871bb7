// Fastify's and its plugins' own refusals of a request (before any route runs), as the HttpError a route would
// throw: worded in both languages like every other refusal.
import { HttpError, type HttpErrorMessage } from './http-error.ts';

const MESSAGES: Record<string, HttpErrorMessage> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    id: 'Isi permintaan terlalu besar.',
    en: 'The request body is too large.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    id: 'Isi permintaan kosong, padahal dinyatakan JSON.',
    en: 'The request body is empty but declared as JSON.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    id: 'Isi permintaan bukan JSON yang sah.',
    en: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    id: 'Jenis isi permintaan ini tidak diterima.',
    en: 'This content type is not accepted.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    id: 'Panjang isi permintaan tidak sesuai dengan yang dinyatakan.',
    en: 'The request body does not match its declared length.',
  },
  FST_REQ_FILE_TOO_LARGE: { id: 'Berkas terlalu besar.', en: 'The file is too large.' },
  FST_FILES_LIMIT: { id: 'Kirim satu berkas saja.', en: 'Send one file only.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    id: 'Permintaan ini harus berupa unggahan berkas (multipart).',
    en: 'This request must be a file upload (multipart).',
  },
};

/** A client error Fastify raised, as an HttpError; its own (English) message for codes not known here. */
export function clientError(error: { code?: unknown; message: string }, statusCode: number): HttpError {
  const known = typeof error.code === 'string' ? MESSAGES[error.code] : undefined;
  return new HttpError(statusCode, 'bad_request', known ?? error.message);
}
