// A small fetch wrapper for the Tepat API: JSON in and out, same-origin cookies, the UI language sent along.
import { i18n } from '../i18n/i18n.ts';

/** An error response of the API ({ error, message }) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** A plain object is sent as JSON; FormData is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
}

export function currentLanguage(): 'id' | 'en' {
  return i18n.language === 'en' ? 'en' : 'id';
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function readErrorBody(response: Response): Promise<{ error: string; message: string }> {
  try {
    const body = (await response.json()) as { error?: unknown; message?: unknown };
    return {
      error: typeof body.error === 'string' ? body.error : `http_${response.status}`,
      message: typeof body.message === 'string' ? body.message : response.statusText,
    };
  } catch {
    return { error: `http_${response.status}`, message: response.statusText };
  }
}

export async function apiRequest<Result>(path: string, options: RequestOptions = {}): Promise<Result> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const { error, message } = await readErrorBody(response);
    throw new ApiError(response.status, error, message);
  }
  if (response.status === 204) return undefined as Result;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as Result;
}

export const api = {
  get: <Result>(path: string, query?: Record<string, QueryValue>) => apiRequest<Result>(path, { query }),
  post: <Result>(path: string, body?: unknown) =>
    apiRequest<Result>(path, { method: 'POST', body: body ?? {} }),
  patch: <Result>(path: string, body: unknown) => apiRequest<Result>(path, { method: 'PATCH', body }),
};

/**
 * Upload with progress (fetch cannot report upload progress): multipart POST through XMLHttpRequest.
 * onProgress receives a fraction between 0 and 1.
 */
export function uploadWithProgress<Result>(
  path: string,
  formData: FormData,
  onProgress: (fraction: number) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.withCredentials = true;
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('Accept-Language', currentLanguage());
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, 'network_error', 'Network error'));
    request.onload = () => {
      let parsed: unknown;
      try {
        parsed = request.responseText ? JSON.parse(request.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (request.status >= 200 && request.status < 300) {
        resolve(parsed as Result);
        return;
      }
      const body = (parsed ?? {}) as { error?: unknown; message?: unknown };
      reject(
        new ApiError(
          request.status,
          typeof body.error === 'string' ? body.error : `http_${request.status}`,
          typeof body.message === 'string' ? body.message : request.statusText,
        ),
      );
    };
    request.send(formData);
  });
}
