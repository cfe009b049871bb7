import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.ts';

const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Refuses a state-changing request that a browser sent from a page of another origin (cross-site request
 * forgery; SameSite=Lax lets the cookie ride along from another port of the same host). Clients that send
 * neither Sec-Fetch-Site nor Origin (curl, the CLI, tests) are not browsers acting for a page and pass.
 */
export function registerSameOriginHook(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // Every path, not only /api: nothing else changes state, and '/%61pi/…' would slip past a prefix check.
    if (!STATE_CHANGING_METHODS.has(request.method)) return;
    if (isCrossOrigin(request))
      throw new HttpError(403, 'cross_origin_refused', {
        en: 'Refused: this request came from a page of another site. Open Tepat at its own address and try again',
        id: 'Ditolak: permintaan ini datang dari halaman situs lain. Buka Tepat di alamatnya sendiri lalu coba lagi',
      });
  });
}

export function isCrossOrigin(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  // The browser's own verdict, which no page can forge; it stays right behind a proxy that rewrites Host.
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const own = originOf(`${request.protocol}://${request.host}`);
  return own === undefined || originOf(origin) !== own;
}

/** Scheme, host and port in canonical form ('HTTP://Host:80' → 'http://host'), or undefined ('null'). */
function originOf(text: string): string | undefined {
  if (!URL.canParse(text)) return undefined;
  const origin = new URL(text).origin;
  return origin === 'null' ? undefined : origin;
}
