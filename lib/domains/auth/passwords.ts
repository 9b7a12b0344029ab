// Passwords are hashed with Argon2id (@node-rs/argon2: native, runs off the event loop).
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

// Verifying against this when the user does not exist keeps the response time the same,
// so timing does not reveal which e-mail addresses have accounts.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('closebook-timing-equaliser');
  return dummyHash;
}
