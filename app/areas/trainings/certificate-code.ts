import crypto from "node:crypto";

// Crockford base32 without I, L, O, U: unambiguous when typed from paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A random, unguessable code (60 bits) in groups of four: "7KQ2-M9XA-…". */
export function newCertificateCode(random: (n: number) => Buffer = crypto.randomBytes): string {
  const bytes = random(12);
  let out = "";
  for (let i = 0; i < 12; i++) out += ALPHABET[bytes[i] % 32];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** Normalises what a person typed (lower case, O for 0, spaces): null when it cannot be a code. */
export function normaliseCertificateCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (s.length !== 12 || [...s].some((c) => !ALPHABET.includes(c))) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

