/**
 * A user as stored. Types only, importing nothing: the user store (user-store.ts) and the
 * third-party store (third-party-store.ts) both use it.
 */
export interface UserRow {
  id: string;
  /** Normalised (trimmed, lower-cased) primary email, or null when the user has none. */
  email: string | null;
  emailVerified: boolean;
  timeJoined: Date;
}
