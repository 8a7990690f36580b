/**
 * Verifies a password against a stored hash in any format of stored-hash-format.ts: Gatehouse's
 * argon2id, and the bcrypt, argon2 and scrypt hashes an import keeps until the next sign-in.
 * A malformed hash, or one in no known format, verifies nothing (false), never throws.
 */
import { createCipheriv, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from "node:crypto";
import { costWithinBounds, decodeFirebaseScrypt, decodeScrypt, storedHashFormat } from "./stored-hash-format";
import { queueHashing } from "../hashing-queue";

// The native bindings load on first use, not at start-up: serverless cold starts that only
// verify sessions never pay for them.
const argon2 = () => import("@node-rs/argon2");
const bcrypt = () => import("@node-rs/bcrypt");

export async function verifyStoredHash(hash: string, password: string): Promise<boolean> {
  // A crafted row naming an absurd cost verifies nothing rather than run (stored-hash-format.ts).
  if (!costWithinBounds(hash)) return false;
  // Every format runs on libuv's pool, so every one takes its turn (hashing-queue.ts).
  return queueHashing(() => verifyInFormat(hash, password));
}

async function verifyInFormat(hash: string, password: string): Promise<boolean> {
  try {
    switch (storedHashFormat(hash)) {
      case "argon2id":
      case "argon2":
        // @node-rs/argon2 reads the variant (id, i, d) and parameters from the PHC string.
        return await (await argon2()).verify(hash, password);
      case "bcrypt":
        // $2a$, $2b$ and $2y$ are one algorithm; the prefixes differ only in how old C code handled non-ASCII bytes.
        return await (await bcrypt()).verify(password, hash);
      case "scrypt":
        return await verifyScrypt(hash, password);
      case "firebase-scrypt":
        return await verifyFirebaseScrypt(hash, password);
      case null:
        return false;
    }
  } catch {
    return false;
  }
}

function scrypt(password: Buffer | string, salt: Buffer | string, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCallback(password, salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));
}

// Node's default maxmem (32 MiB) is just what N=2^14, r=16 needs; give room up to the bounds
// (costWithinBounds, checked on entry, holds 128·N·r to 1 GiB).
const maxmem = (n: number, r: number, p: number) => 128 * n * r * (p + 2);

async function verifyScrypt(hash: string, password: string): Promise<boolean> {
  const params = decodeScrypt(hash);
  if (!params || params.key.length === 0) return false;
  const { n, r, p } = params;
  const key = await scrypt(password.normalize("NFKC"), params.salt, params.key.length, { N: n, r, p, maxmem: maxmem(n, r, p) });
  return timingSafeEqual(key, params.key);
}

/**
 * Firebase's modified scrypt (github.com/firebase/scrypt): scrypt over the password with the
 * user's salt followed by the project's salt separator (N = 2^mem_cost, r = rounds, p = 1); the
 * first 32 bytes of the result key AES-256-CTR (zero IV), which encrypts the project's signer
 * key; the ciphertext is the stored hash.
 */
async function verifyFirebaseScrypt(hash: string, password: string): Promise<boolean> {
  const params = decodeFirebaseScrypt(hash);
  if (!params || params.hash.length === 0) return false;
  const n = 2 ** params.memCost;
  const derived = await scrypt(Buffer.from(password, "utf8"), Buffer.concat([params.salt, params.saltSeparator]), 64, {
    N: n,
    r: params.rounds,
    p: 1,
    maxmem: maxmem(n, params.rounds, 1),
  });
  const cipher = createCipheriv("aes-256-ctr", derived.subarray(0, 32), Buffer.alloc(16));
  const computed = Buffer.concat([cipher.update(params.signerKey), cipher.final()]);
  return computed.length === params.hash.length && timingSafeEqual(computed, params.hash);
}
