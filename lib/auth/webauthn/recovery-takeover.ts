/**
 * What a recovery link does to an account whose address nobody had proven before it.
 *
 * The pre-registration attack: an attacker signs up under the victim's address (with a passkey,
 * or a password, adding a passkey while signed in); a sign-up proves no address, so it stays
 * unverified. The victim, refused at sign-up (EMAIL_ALREADY_EXISTS_ERROR), recovers the account
 * by email and adds a passkey to it; the attacker's passkey, password and sessions would all
 * survive that, and the attacker would share everything the victim then does there.
 *
 * The link is the first proof of the address, so whoever follows it takes the account from
 * whoever registered it unproven, as a password reset link does (users/unproven-account-takeover.ts
 * holds what both remove): here the password (if any) is first replaced by one nobody knows (the
 * owner sets their own with a reset link), and the passkey just added is the one kept. On an
 * account whose address was verified already recovery only adds the passkey: its owner lost theirs.
 */
import { randomBytes } from "node:crypto";
import type { EngineContext } from "../context";
import { hashPassword } from "../emailpassword/password-hash";
import { logAuthEvent } from "../log";
import { RECOVERY_PROVED_EMAIL, takeOverUnprovenAccount } from "../users/unproven-account-takeover";

/**
 * Takes the account over for the holder of the recovery link: the passkey `keepCredentialId`
 * (the one just added) stays, everything else a registrant left is removed.
 *
 * In two passes around the write of the owner's passkey, with the link spent already. These are
 * separate writes: with everything removed only after the passkey, a failure between them (503)
 * left the owner's new passkey beside the registrant's password, passkeys and sessions, and the
 * owner, signing in with it, sharing the account. "before-passkey" replaces the password and
 * removes the rest, leaving the address unproven (a new link takes the account over again should
 * what follows fail); "after-passkey" removes again what came meanwhile and marks the address.
 */
export async function takeOverByRecovery(
  ctx: EngineContext,
  input: { userId: string; email: string; keepCredentialId: string; pass: "before-passkey" | "after-passkey" },
): Promise<void> {
  const { userId } = input;
  // A password nobody knows, set before the sessions are revoked: a password sign-in that
  // verified the old one writes its session only while that hash is stored, so it is either
  // revoked with the others or refused. The account keeps its email+password login, which its
  // owner takes up with a reset link.
  const methods = input.pass === "before-passkey" ? await ctx.stores.thirdParty.getLoginMethods(userId) : null;
  if (methods?.hasPassword && (await ctx.stores.users.updatePasswordHash(userId, await hashPassword(randomBytes(32).toString("base64url"))))) {
    logAuthEvent(ctx, "password.set", { userId, reason: RECOVERY_PROVED_EMAIL });
  }
  await takeOverUnprovenAccount(ctx, {
    userId,
    email: input.email,
    reason: RECOVERY_PROVED_EMAIL,
    keepPasskeyId: input.keepCredentialId,
    leaveUnverified: input.pass === "before-passkey",
  });
}
