/** Storage of admin API keys. Only a key's sha256 is ever stored; the key itself is shown once. */
export interface ApiKeyRow {
  id: string;
  name: string;
  /** sha256 (hex) of the key. */
  keyHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface ApiKeyStore {
  createKey(row: ApiKeyRow): Promise<void>;
  findKeyByHash(keyHash: string): Promise<ApiKeyRow | null>;
  /** Every key, revoked and expired ones included, newest first. */
  listKeys(): Promise<ApiKeyRow[]>;
  /** Stamps `revokedAt` unless already revoked; false when the id is unknown or already revoked. */
  revokeKey(id: string, now: Date): Promise<boolean>;
  /** Records a use. Best effort: a lost update only makes `lastUsedAt` a little older. */
  touchKey(id: string, now: Date): Promise<void>;
}
