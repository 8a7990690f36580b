import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { needsRehash, storedHashFormat } from "../imported-hashes/stored-hash-format";
import { hashPassword } from "./password-hash";

/**
 * After a successful sign-in with a hash an import kept (bcrypt, argon2 with other parameters,
 * scrypt), stores Gatehouse's argon2id of the password instead: the only moment the plain
 * password is at hand. A failed write only postpones the upgrade to the next sign-in, so it
 * never fails this one (the user did prove the password). Returns the hash the account holds for
 * this password now: the new one when it was replaced, else `storedHash`.
 */
export async function upgradeImportedHash(ctx: EngineContext, userId: string, storedHash: string, password: string): Promise<string> {
  if (!needsRehash(storedHash)) return storedHash;
  const reason = storedHashFormat(storedHash) ?? "unknown";
  try {
    // Only over the hash this sign-in verified: a password reset or change that landed while
    // argon2id ran wins, and this re-hash of the old password is dropped.
    const upgraded = await hashPassword(password);
    if (await ctx.stores.users.replacePasswordHash(userId, storedHash, upgraded)) {
      logAuthEvent(ctx, "password.rehashed", { userId, reason });
      return upgraded;
    }
  } catch (error) {
    ctx.log.warn(
      { event: "password.rehash_failed", userId, err: (error as Error).message },
      "imported password hash not upgraded; retried at next sign-in",
    );
  }
  return storedHash;
}
