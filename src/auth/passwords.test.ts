import { describe, expect, it } from 'vitest';
import { findPasswordProblem, generateReadablePassword, hashPassword, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the same password', async () => {
    const passwordHash = await hashPassword('correct horse battery');
    expect(passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(passwordHash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(passwordHash, 'correct horse batterY')).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });

  it('requires at least 10 characters', () => {
    expect(findPasswordProblem('123456789')).toEqual({
      en: expect.stringMatching(/at least 10/),
      id: expect.stringMatching(/sekurang-kurangnya 10/),
    });
    expect(findPasswordProblem('1234567890')).toBeUndefined();
  });

  it('generates readable passwords that meet the policy', () => {
    const password = generateReadablePassword();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(findPasswordProblem(password)).toBeUndefined();
    expect(generateReadablePassword()).not.toBe(password);
  });
});
