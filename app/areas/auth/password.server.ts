import { hash, verify } from "@node-rs/argon2";

/** argon2id (value 2 of the library's const enum, which isolatedModules cannot import). */
const ARGON2ID = 2;

/** OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("no-such-account");
  return dummyHash;
}

/** German policy message, or null when the password is acceptable. */
export function passwordPolicyError(password: string): string | null {
  if (password.length < 12) return "Das Passwort muss mindestens 12 Zeichen lang sein.";
  if (password.length > 200) return "Das Passwort darf höchstens 200 Zeichen lang sein.";
  return null;
}
