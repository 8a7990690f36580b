/** Storage of the access tokens' signing keys, shared by every instance (session/signing-keys.ts). */
export interface SigningKeyRow {
  kid: string;
  algorithm: "RS256" | "EdDSA";
  /** Public key as a JSON Web Key (includes kid, alg, use). */
  publicJwk: Record<string, unknown>;
  /** PKCS#8 PEM of the private key, sealed with the app secret. Never leaves the server. */
  sealedPrivateKey: string;
  createdAt: Date;
  /** After this no new token is signed with the key. */
  signUntil: Date;
  /** After this the key no longer verifies and may be deleted. */
  verifyUntil: Date;
  /**
   * HMAC of every other field under a key derived from the app secret (session/signing-key-mac.ts):
   * a row that fails it is never used. Null on rows written before it existed.
   */
  mac: string | null;
}

export interface SigningKeyStore {
  /** Every key whose `verifyUntil` is after `now`, newest first. */
  listVerifyingKeys(now: Date): Promise<SigningKeyRow[]>;
  /**
   * Inserts the key unless one with the same kid exists; returns whether it was inserted.
   * Scheduled keys have a kid derived from their rotation slot, so when two instances rotate
   * at once the primary key decides and both end up signing with the same key.
   */
  insertKey(row: SigningKeyRow): Promise<boolean>;
  /**
   * Shortens a key's windows (manual rotation, retirement) or writes its MAC (a pre-MAC row that
   * proved itself); false when the kid is unknown. The ring passes the MAC of the row as updated.
   * With `expectedMac` (null included) the row is changed only while its MAC is still that one: a
   * concurrent change elsewhere makes this return false instead of being overwritten.
   */
  updateKeyWindows(
    kid: string,
    update: Partial<Pick<SigningKeyRow, "signUntil" | "verifyUntil" | "mac">>,
    expectedMac?: string | null,
  ): Promise<boolean>;
  /** Removes keys whose `verifyUntil` is at or before `now`. */
  deleteExpiredKeys(now: Date): Promise<number>;
}
