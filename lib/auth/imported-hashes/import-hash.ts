/**
 * Turns a password hash as a source system stored it into the string Gatehouse stores
 * (stored-hash-format.ts), or says why it cannot: an import reports such users, never drops
 * them silently. No hashing happens here (an import of 100k users must not cost 100k bcrypts);
 * the hash is checked for shape only, and verified at the user's next sign-in.
 */
import { costWithinBounds, encodeFirebaseScrypt, encodeScrypt, hashMalformation, storedHashFormat } from "./stored-hash-format";

/**
 * The `hashingAlgorithm` values of the import format (docs/migrating.md). `bcrypt`, `argon2` and
 * `firebase_scrypt` are SuperTokens' bulk-import names; the rest are Gatehouse's.
 */
export const HASHING_ALGORITHMS = ["bcrypt", "argon2", "scrypt", "lucia-v1-scrypt", "firebase_scrypt", "gatehouse"] as const;
export type HashingAlgorithm = (typeof HASHING_ALGORITHMS)[number];

/** A Firebase project's password hash parameters (Console → Authentication → Users → ⋮ → Password hash parameters). */
export interface FirebaseHashParameters {
  /** `base64_signer_key`. */
  signerKey: string;
  /** `base64_salt_separator`. @default "Bw==" */
  saltSeparator?: string;
  /** `rounds`. @default 8 */
  rounds?: number;
  /** `mem_cost`. @default 14 */
  memCost?: number;
}

export interface ImportedHashInput {
  passwordHash: string;
  /** Left out: recognised from the hash when it names its own algorithm (bcrypt, argon2). */
  hashingAlgorithm?: HashingAlgorithm;
  /** Firebase's per-user salt (base64), for `firebase_scrypt`. */
  passwordSalt?: string;
}

export type ImportedHashResult = { status: "OK"; storedHash: string } | { status: "UNKNOWN_HASH_FORMAT"; reason: string };

/** What the password column holds at most (VARCHAR(255) on MySQL). */
const MAX_STORED_LENGTH = 255;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^(?:[0-9a-f]{2})+$/i;
// The salt reaches scrypt as text, and `$` separates our fields.
const SALT = /^[^$:\s]{1,128}$/;

/**
 * How a SuperTokens core stores a Firebase hash it imported:
 * `$f_scrypt$<hash>$<salt>$m=<mem cost>$r=<rounds>$s=<salt separator>` (base64 fields; the
 * parameter fields in any order). The signer key is not in it: the core keeps it in its config.
 */
const SUPERTOKENS_FIREBASE_PREFIX = "$f_scrypt$";

export function importHash(input: ImportedHashInput, firebase?: FirebaseHashParameters): ImportedHashResult {
  const result = encode(input, firebase);
  if (result.status === "OK" && result.storedHash.length > MAX_STORED_LENGTH)
    return { status: "UNKNOWN_HASH_FORMAT", reason: `hash longer than ${MAX_STORED_LENGTH} characters once encoded` };
  // Reported now rather than stored to fail the user's every sign-in.
  const malformation = result.status === "OK" ? hashMalformation(result.storedHash) : undefined;
  if (malformation !== undefined) return { status: "UNKNOWN_HASH_FORMAT", reason: malformation };
  // Reported now rather than refused at every sign-in (verify-stored-hash.ts would verify nothing).
  if (result.status === "OK" && !costWithinBounds(result.storedHash))
    return {
      status: "UNKNOWN_HASH_FORMAT",
      reason: "bcrypt cost above 16, argon2 parameters above m=1 GiB, t=16, p=16, or scrypt above 1 GiB (128·N·r) or p=16",
    };
  return result;
}

function encode(input: ImportedHashInput, firebase: FirebaseHashParameters | undefined): ImportedHashResult {
  const hash = input.passwordHash.trim();
  const unknown = (reason: string): ImportedHashResult => ({ status: "UNKNOWN_HASH_FORMAT", reason });
  const algorithm = input.hashingAlgorithm ?? selfDescribed(hash);
  switch (algorithm) {
    case "bcrypt":
      return storedHashFormat(hash) === "bcrypt" ? { status: "OK", storedHash: hash } : unknown("not a $2a$/$2b$/$2y$ bcrypt hash");
    case "argon2": {
      const format = storedHashFormat(hash);
      return format === "argon2" || format === "argon2id"
        ? { status: "OK", storedHash: hash }
        : unknown("not an $argon2id$/$argon2i$/$argon2d$ hash");
    }
    case "scrypt":
    case "lucia-v1-scrypt":
      return scryptHash(hash, algorithm === "lucia-v1-scrypt" ? 8 : 16);
    case "firebase_scrypt":
      return firebaseHash(hash, input.passwordSalt, firebase);
    case "gatehouse":
      return storedHashFormat(hash) ? { status: "OK", storedHash: hash } : unknown("not a hash Gatehouse stores");
    case undefined:
      return unknown("hashingAlgorithm missing, and the hash does not name its algorithm");
  }
}

function selfDescribed(hash: string): HashingAlgorithm | undefined {
  const format = storedHashFormat(hash);
  if (format === "bcrypt") return "bcrypt";
  if (format === "argon2" || format === "argon2id") return "argon2";
  if (hash.startsWith(SUPERTOKENS_FIREBASE_PREFIX)) return "firebase_scrypt";
  return undefined;
}

/**
 * `salt:key` (better-auth; Lucia v3 and oslo's Scrypt; Lucia v1 with r=8) or `s2:salt:key`
 * (Lucia v2): N=16384, p=1, the key as hex.
 */
function scryptHash(hash: string, r: number): ImportedHashResult {
  const parts = hash.split(":");
  const [salt, key] = parts.length === 3 && parts[0] === "s2" && r === 16 ? parts.slice(1) : parts.length === 2 ? parts : [];
  if (salt === undefined || !SALT.test(salt) || !HEX.test(key))
    return { status: "UNKNOWN_HASH_FORMAT", reason: "not a salt:key (or s2:salt:key) scrypt hash" };
  return { status: "OK", storedHash: encodeScrypt({ n: 16384, r, p: 1, salt, key: Buffer.from(key, "hex") }) };
}

function superTokensFirebaseHash(hash: string, params: FirebaseHashParameters | undefined): ImportedHashResult {
  const unknown = (reason: string): ImportedHashResult => ({ status: "UNKNOWN_HASH_FORMAT", reason });
  const fields = hash.split("$");
  if (fields.length !== 7) return unknown("$f_scrypt$: not $f_scrypt$<hash>$<salt>$m=…$r=…$s=…");
  const [, , key, salt, ...named] = fields;
  const field = (name: string) => named.find((f) => f.startsWith(`${name}=`))?.slice(name.length + 1);
  const [memCost, rounds, saltSeparator] = [field("m"), field("r"), field("s")];
  if (!memCost || !/^\d{1,2}$/.test(memCost) || !rounds || !/^\d{1,2}$/.test(rounds) || saltSeparator === undefined || !BASE64.test(saltSeparator))
    return unknown("$f_scrypt$: m=, r= and s= (mem cost, rounds, base64 salt separator) missing or malformed");
  if (!params) return unknown("$f_scrypt$ (a SuperTokens Firebase hash) needs the project's signer key (--firebase-signer-key)");
  return firebaseHash(key, salt, { ...params, memCost: Number(memCost), rounds: Number(rounds), saltSeparator });
}

/**
 * Whether `text` is standard base64 (padded or not), as Firebase's console writes the project's
 * keys. `Buffer.from(…, "base64")` decodes anything, skipping what it cannot read: a key pasted
 * with its label, quotes or a break in it became another key, and every hash imported with it
 * as OK and then verified no password.
 */
export function isBase64(text: string): boolean {
  const bare = text.replace(/={1,2}$/, "");
  return bare.length > 0 && /^[A-Za-z0-9+/]+$/.test(bare) && Buffer.from(bare, "base64").toString("base64").replace(/=+$/, "") === bare;
}

/** Why the project's parameters cannot verify a Firebase hash, or undefined. */
export function firebaseParametersProblem(params: FirebaseHashParameters): string | undefined {
  if (!isBase64(params.signerKey)) return "the project's signer key (--firebase-signer-key) is not base64";
  const separator = params.saltSeparator ?? "Bw==";
  if (separator !== "" && !isBase64(separator)) return "the project's salt separator (--firebase-salt-separator) is not base64";
  return undefined;
}

function firebaseHash(hash: string, salt: string | undefined, params: FirebaseHashParameters | undefined): ImportedHashResult {
  const unknown = (reason: string): ImportedHashResult => ({ status: "UNKNOWN_HASH_FORMAT", reason });
  if (hash.startsWith(SUPERTOKENS_FIREBASE_PREFIX)) return superTokensFirebaseHash(hash, params);
  if (!params) return unknown("firebase_scrypt needs the project's signer key (--firebase-signer-key)");
  const problem = firebaseParametersProblem(params);
  if (problem) return unknown(`firebase_scrypt: ${problem}`);
  if (!BASE64.test(hash) || hash.length === 0) return unknown("firebase_scrypt: the hash is not base64");
  if (salt === undefined || !BASE64.test(salt) || salt.length === 0) return unknown("firebase_scrypt: passwordSalt (base64) missing");
  return {
    status: "OK",
    storedHash: encodeFirebaseScrypt({
      rounds: params.rounds ?? 8,
      memCost: params.memCost ?? 14,
      saltSeparator: Buffer.from(params.saltSeparator ?? "Bw==", "base64"),
      salt: Buffer.from(salt, "base64"),
      signerKey: Buffer.from(params.signerKey, "base64"),
      hash: Buffer.from(hash, "base64"),
    }),
  };
}
