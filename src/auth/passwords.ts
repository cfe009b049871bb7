import { randomInt } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { MINIMUM_PASSWORD_LENGTH } from './password-policy.ts';

// 2 is Argon2id; the package's enum is a const enum that isolated modules cannot read.
const ARGON2ID = 2 as Algorithm;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as a failed login, not a server error.
    return false;
  }
}

/** What is wrong with a new password, in English and Bahasa Indonesia, or undefined. */
export function findPasswordProblem(password: string): { en: string; id: string } | undefined {
  if (password.length < MINIMUM_PASSWORD_LENGTH) {
    return {
      en: `The password must have at least ${MINIMUM_PASSWORD_LENGTH} characters`,
      id: `Kata sandi harus terdiri atas sekurang-kurangnya ${MINIMUM_PASSWORD_LENGTH} karakter`,
    };
  }
  return undefined;
}

// No 0/o, 1/l/i: the password is read aloud or copied from paper.
const READABLE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password like 'k7fq-2mxa-9tbe-h4rw' (about 79 bits), easy to read and type. */
export function generateReadablePassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < 4; group++) {
    let text = '';
    for (let index = 0; index < 4; index++) text += READABLE_ALPHABET[randomInt(READABLE_ALPHABET.length)];
    groups.push(text);
  }
  return groups.join('-');
}
