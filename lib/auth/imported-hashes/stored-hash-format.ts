/**
 * The formats a stored password hash (`EmailPasswordAccount.passwordHash`) can be in. Gatehouse
 * writes only argon2id; an import (docs/migrating.md) keeps the source's own hash until the user
 * next signs in, then sign-in replaces it with Gatehouse's argon2id.
 *
 * bcrypt and argon2 strings describe themselves and are stored as the source wrote them. scrypt
 * has no standard string, so imported scrypt hashes get a prefix of ours that names the variant
 * and carries its parameters:
 *
 * - `$scrypt-kdf$n=16384,r=16,p=1$<salt>$<key hex>`: better-auth, Lucia v3 / oslo (`salt:key`,
 *   r=16), Lucia v1 (`salt:key`, r=8) and Lucia v2 (`s2:salt:key`). All of them feed the salt
 *   *string* (not its hex decoding) and the NFKC-normalised password to scrypt.
 * - `$firebase-scrypt$r=<rounds>,m=<mem cost>$<salt separator>$<salt>$<signer key>$<hash>` (base64
 *   fields): Firebase's modified scrypt, which needs the project's signer key to verify.
 */

/** Gatehouse's own hash: argon2id with OWASP's parameters (see emailpassword/password-hash.ts). */
export const GATEHOUSE_HASH_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";

export type StoredHashFormat = "argon2id" | "argon2" | "bcrypt" | "scrypt" | "firebase-scrypt";

export const SCRYPT_PREFIX = "$scrypt-kdf$";
export const FIREBASE_SCRYPT_PREFIX = "$firebase-scrypt$";

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const ARGON2 = /^\$argon2(id|i|d)\$/;

/** The format of a stored hash, or null for one no verifier here understands. */
export function storedHashFormat(hash: string): StoredHashFormat | null {
  if (hash.startsWith(GATEHOUSE_HASH_PREFIX)) return "argon2id";
  if (ARGON2.test(hash)) return "argon2";
  if (BCRYPT.test(hash)) return "bcrypt";
  if (hash.startsWith(SCRYPT_PREFIX)) return "scrypt";
  if (hash.startsWith(FIREBASE_SCRYPT_PREFIX)) return "firebase-scrypt";
  return null;
}

/**
 * Bounds on the cost an imported hash may name. Every sign-in attempt for the address runs the
 * hash, so a row naming bcrypt cost 31 (days of CPU), argon2 with m=4 GiB or t=2^32, or scrypt
 * with 128·N·r = 4 GiB would hold a worker thread or take the process down with each attempt.
 * The bounds sit above what the sources write: bcrypt cost 10–14; argon2 up to libsodium's
 * "sensitive" 1 GiB, t=4 (PHP: 64 MiB, t=4); scrypt 16–32 MiB (better-auth and Lucia N=2^14,
 * r=16; Firebase mem_cost 14, rounds 8), held to argon2's 1 GiB and p=16. Checked at import,
 * so such a row is reported rather than stored, and again before any verification.
 */
const MAX_BCRYPT_COST = 16;
const MAX_ARGON2_MEMORY_KIB = 1024 * 1024;
const MAX_ARGON2_TIME = 16;
const MAX_ARGON2_PARALLELISM = 16;
const ARGON2_PARAMETERS = /^\$argon2(?:id|i|d)\$(?:v=\d+\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$/;
const MAX_SCRYPT_MEMORY_BYTES = 1024 * 1024 * 1024;
const MAX_SCRYPT_P = 16;

/** Whether scrypt with these parameters is within the bounds above: N a power of two, 128·N·r ≤ 1 GiB, p ≤ 16. */
function scryptWithinBounds(n: number, r: number, p: number): boolean {
  return (
    Number.isSafeInteger(n) &&
    Number.isInteger(Math.log2(n)) &&
    n >= 2 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    128 * n * r <= MAX_SCRYPT_MEMORY_BYTES &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= MAX_SCRYPT_P
  );
}

/** Whether a hash names a cost within the bounds above (a format no verifier here understands: true, it verifies nothing). */
export function costWithinBounds(hash: string): boolean {
  const format = storedHashFormat(hash);
  if (format === "bcrypt") return Number(hash.slice(4, 6)) <= MAX_BCRYPT_COST;
  if (format === "scrypt") {
    const params = decodeScrypt(hash);
    return params !== null && scryptWithinBounds(params.n, params.r, params.p);
  }
  if (format === "firebase-scrypt") {
    const params = decodeFirebaseScrypt(hash);
    return params !== null && scryptWithinBounds(2 ** params.memCost, params.rounds, 1);
  }
  if (format !== "argon2" && format !== "argon2id") return true;
  const m = ARGON2_PARAMETERS.exec(hash);
  if (!m) return false;
  const [memory, time, parallelism] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return memory <= MAX_ARGON2_MEMORY_KIB && time <= MAX_ARGON2_TIME && parallelism <= MAX_ARGON2_PARALLELISM;
}

const ARGON2_PHC = /^\$argon2(?:id|i|d)\$(?:v=(\d{1,10})\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,10})\$([^$]*)\$([^$]*)$/;

/** Unpadded standard base64 as the PHC string format writes it, its unused bits zero (a cut one's are not). */
const isPhcBase64 = (text: string) => /^[A-Za-z0-9+/]+$/.test(text) && Buffer.from(text, "base64").toString("base64").replace(/=+$/, "") === text;

/**
 * Why a hash in a format of its own naming (argon2, bcrypt) can never verify a password, or
 * undefined. The verifiers refuse such a string (`@node-rs/argon2`: "Decoding failed"), so
 * stored, it failed the user's every sign-in; the import reports it instead. The usual cause is
 * a source column too narrow for the hash (argon2id's string is about 97 characters), which
 * cuts it short mid-field.
 */
export function hashMalformation(hash: string): string | undefined {
  const format = storedHashFormat(hash);
  if (format === "bcrypt") return Number(hash.slice(4, 6)) < 4 ? "bcrypt cost below 4, which no bcrypt runs" : undefined;
  if (format !== "argon2" && format !== "argon2id") return undefined;
  const m = ARGON2_PHC.exec(hash);
  if (!m) return "not an argon2 string $argon2…$v=…$m=…,t=…,p=…$<salt>$<hash> (cut short?)";
  const [, version, memory, time, lanes, salt, key] = m;
  if (version !== undefined && version !== "16" && version !== "19") return `argon2 version v=${version}: only 16 and 19 exist`;
  if (Number(time) < 1 || Number(lanes) < 1 || Number(memory) < 8 * Number(lanes)) return "argon2 parameters below t=1, p=1, m=8·p";
  if (!isPhcBase64(salt) || Buffer.from(salt, "base64").length < 8) return "argon2 salt: not unpadded base64 of 8 bytes or more";
  if (!isPhcBase64(key) || Buffer.from(key, "base64").length < 4) return "argon2 hash: not unpadded base64 of 4 bytes or more (cut short?)";
  return undefined;
}

/**
 * Whether a successful sign-in should replace the hash with Gatehouse's argon2id: every imported
 * format, and argon2 with other parameters or another variant.
 */
export function needsRehash(hash: string): boolean {
  return storedHashFormat(hash) !== "argon2id";
}

export interface ScryptParams {
  n: number;
  r: number;
  p: number;
  /** The salt exactly as the source stored it: scrypt is fed its UTF-8 bytes. */
  salt: string;
  key: Buffer;
}

export interface FirebaseScryptParams {
  rounds: number;
  memCost: number;
  saltSeparator: Buffer;
  salt: Buffer;
  signerKey: Buffer;
  hash: Buffer;
}

const SCRYPT = /^\$scrypt-kdf\$n=(\d+),r=(\d+),p=(\d+)\$([^$]+)\$([0-9a-f]+)$/;
const FIREBASE = /^\$firebase-scrypt\$r=(\d+),m=(\d+)\$([A-Za-z0-9+/=]*)\$([A-Za-z0-9+/=]*)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

export function encodeScrypt(p: ScryptParams): string {
  return `${SCRYPT_PREFIX}n=${p.n},r=${p.r},p=${p.p}$${p.salt}$${p.key.toString("hex")}`;
}

export function decodeScrypt(hash: string): ScryptParams | null {
  const m = SCRYPT.exec(hash);
  if (!m || m[5].length % 2 !== 0) return null;
  return { n: Number(m[1]), r: Number(m[2]), p: Number(m[3]), salt: m[4], key: Buffer.from(m[5], "hex") };
}

export function encodeFirebaseScrypt(p: FirebaseScryptParams): string {
  const b64 = (b: Buffer) => b.toString("base64");
  return `${FIREBASE_SCRYPT_PREFIX}r=${p.rounds},m=${p.memCost}$${b64(p.saltSeparator)}$${b64(p.salt)}$${b64(p.signerKey)}$${b64(p.hash)}`;
}

export function decodeFirebaseScrypt(hash: string): FirebaseScryptParams | null {
  const m = FIREBASE.exec(hash);
  if (!m) return null;
  const b = (s: string) => Buffer.from(s, "base64");
  return { rounds: Number(m[1]), memCost: Number(m[2]), saltSeparator: b(m[3]), salt: b(m[4]), signerKey: b(m[5]), hash: b(m[6]) };
}
