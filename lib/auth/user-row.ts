/**
 * A user as stored. Types only, importing nothing: the storage boundaries in stores.ts and the
 * third-party store (thirdparty/third-party-store.ts), which stores.ts includes, both use it.
 */
export interface UserRow {
  id: string;
  /** Normalised (trimmed, lower-cased) primary email, or null when the user has none. */
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
}
