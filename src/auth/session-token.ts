import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE_NAME = 'tepat_session';
export const SESSION_LIFETIME_MILLISECONDS = 12 * 60 * 60 * 1000;

/** A new random token for the cookie and the SHA-256 the database keeps (a leaked table grants no sessions). */
export function createSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
