import type { EngineContext } from "../context";
import { needsRehash, storedHashFormat, type StoredHashFormat } from "../imported-hashes/stored-hash-format";
import type { UserSummaryRow } from "../ports/user-admin-store";
import { getUser } from "./users";

/**
 * Where an imported user came from, for operators (the admin dashboard and API): the source
 * (`gatehouse import <source>`), the id the user had there, and whether the password hash the
 * import kept has since been replaced by Gatehouse's argon2id (at the user's first sign-in, or
 * by a new password). The hash itself never leaves the engine; only its format does.
 */
export interface ImportOrigin {
  source: string;
  externalId: string;
  importedAt: Date;
  /** Null when the user has no password. */
  password: { hashFormat: StoredHashFormat | "unknown"; upgraded: boolean } | null;
}

/** The user's import origin, or null for a user who was not imported. */
export async function getImportOrigin(ctx: EngineContext, user: UserSummaryRow): Promise<ImportOrigin | null> {
  const [info] = await ctx.stores.imports.getImportedUsers([user.id]);
  if (!info) return null;
  const login = user.loginMethods.find((m) => m.recipeId === "emailpassword");
  const account = login ? await ctx.stores.users.findEmailPasswordAccountByEmail(login.email) : null;
  const hash = account?.user.id === user.id ? account.account.passwordHash : null;
  return {
    source: info.source,
    externalId: info.externalId,
    importedAt: info.importedAt,
    password: hash === null ? null : { hashFormat: storedHashFormat(hash) ?? "unknown", upgraded: !needsRehash(hash) },
  };
}

/**
 * The users an operator means by `ref` when it is an id: the user with this Gatehouse id, and
 * the users imported under this id from any source (their id in the system they came from).
 * Finds users without an email address too, which a search by email cannot. At most a few.
 */
export async function findUsersById(ctx: EngineContext, ref: string): Promise<UserSummaryRow[]> {
  const id = ref.trim();
  if (id === "") return [];
  const imported = await ctx.stores.imports.findByExternalId(id);
  const ids = [...new Set([id, ...imported.map((i) => i.userId)])];
  const users = await Promise.all(ids.map((userId) => getUser(ctx, userId)));
  return users.filter((u): u is UserSummaryRow => u !== null);
}
