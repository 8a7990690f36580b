import { createHmac, createPublicKey, timingSafeEqual } from "node:crypto";
import { unsealData } from "iron-session";
import { GatehouseError } from "../errors";
import type { SigningKeyRow, SigningKeyStore } from "../ports";

/**
 * Integrity of signing-key rows. The database is shared with whoever can write to it (a leaked
 * connection string, a compromised admin tool, an SQL injection elsewhere); without this, such a
 * writer could add a verify-only row holding their own public key and mint access tokens for any
 * user. Each row therefore carries an HMAC-SHA256 under a key derived from GATEHOUSE_SECRET
 * (secret.ts, label "signing-key-mac"), over everything that decides verification or signing:
 * kid, algorithm, public JWK, sealed private key, creation time and both windows. A row that
 * fails it is never used.
 *
 * Upgrades: rows written before the MAC existed have none. Such a row is accepted only if it
 * proves itself: its sealed private key unseals with the secret and is the private half of its
 * public JWK (what only this deployment could have written); the ring then writes its MAC. A
 * row without a MAC that cannot prove itself (a verify-only key, or a copied sealed key next to
 * someone else's public key) is refused. Gatehouse never writes verify-only rows.
 */

export type KeyRowCheck =
  | { status: "TRUSTED" }
  /** A pre-MAC row that proved itself; `mac` is to be written back. */
  | { status: "PROVED"; mac: string }
  | { status: "REJECTED"; reason: "BAD_MAC" | "NO_MAC_UNPROVEN" };

const MAC_VERSION = "gatehouse-signing-key/1";

/** The MAC of a row as it would be stored (hex). Dates count in milliseconds, as every database keeps them. */
export function signingKeyMac(macKey: Buffer, row: Omit<SigningKeyRow, "mac">): string {
  // A JSON array: unambiguous field boundaries, whatever the fields contain.
  const message = JSON.stringify([
    MAC_VERSION,
    row.kid,
    row.algorithm,
    canonicalJson(row.publicJwk),
    row.sealedPrivateKey,
    row.createdAt.getTime(),
    row.signUntil.getTime(),
    row.verifyUntil.getTime(),
  ]);
  return createHmac("sha256", macKey).update(message).digest("hex");
}

export async function checkKeyRow(row: SigningKeyRow, secrets: { macKey: Buffer; sealPassword: string }): Promise<KeyRowCheck> {
  if (row.mac !== null && row.mac !== undefined && row.mac !== "") {
    const expected = Buffer.from(signingKeyMac(secrets.macKey, row), "hex");
    const given = Buffer.from(row.mac, "hex");
    const valid = given.length === expected.length && timingSafeEqual(given, expected);
    return valid ? { status: "TRUSTED" } : { status: "REJECTED", reason: "BAD_MAC" };
  }
  return (await provesItself(row, secrets.sealPassword))
    ? { status: "PROVED", mac: signingKeyMac(secrets.macKey, row) }
    : { status: "REJECTED", reason: "NO_MAC_UNPROVEN" };
}

/** The sealed private key unseals with our secret and matches the row's public key and algorithm. */
async function provesItself(row: SigningKeyRow, sealPassword: string): Promise<boolean> {
  try {
    const sealed = await unsealData<{ pem?: string }>(row.sealedPrivateKey, { password: sealPassword });
    if (typeof sealed?.pem !== "string") return false;
    const derived = createPublicKey(sealed.pem).export({ format: "jwk" }) as Record<string, unknown>;
    const jwk = row.publicJwk;
    if (row.algorithm === "RS256") return derived.kty === "RSA" && jwk.kty === "RSA" && jwk.n === derived.n && jwk.e === derived.e;
    return derived.kty === "OKP" && derived.crv === "Ed25519" && jwk.kty === "OKP" && jwk.crv === "Ed25519" && jwk.x === derived.x;
  } catch {
    return false;
  }
}

/**
 * The rows whose MAC holds; pre-MAC rows that prove themselves get their MAC written (only into
 * a row still without one). Every other row is left out and reported on each load until someone
 * removes it. If rows exist and none holds, the secret is not the one that wrote them: refuse to
 * go on (as before the MAC) rather than quietly start a new key set.
 */
export async function authenticKeyRows(
  rows: SigningKeyRow[],
  input: {
    store: SigningKeyStore;
    macKey: Buffer;
    sealPassword: string;
    onRejectedKey?: (kid: string, reason: "BAD_MAC" | "NO_MAC_UNPROVEN") => void;
  },
): Promise<SigningKeyRow[]> {
  const authentic: SigningKeyRow[] = [];
  for (const row of rows) {
    const check = await checkKeyRow(row, input);
    if (check.status === "REJECTED") {
      input.onRejectedKey?.(row.kid, check.reason);
    } else if (check.status === "PROVED") {
      // Best effort: the row proved itself now and will again if this write fails.
      await input.store.updateKeyWindows(row.kid, { mac: check.mac }, null).catch(() => false);
      authentic.push({ ...row, mac: check.mac });
    } else {
      authentic.push(row);
    }
  }
  if (rows.length > 0 && authentic.length === 0) {
    throw new GatehouseError(
      "SIGNING_KEY_UNAVAILABLE",
      `No signing key passes its integrity check (${rows.map((r) => r.kid).join(", ")}): was GATEHOUSE_SECRET changed? After a deliberate change, run \`gatehouse keys reset --yes\` (docs/security.md).`,
    );
  }
  return authentic;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
