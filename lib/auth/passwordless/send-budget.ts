/**
 * The budget of codes sent to contacts that have no account, over all clients together
 * (`passwordless.sendLimitGlobal`).
 *
 * The per-client limit needs the client's address, which Gatehouse knows only behind a declared
 * proxy (`trustedProxy`, off by default); the per-contact limit holds one address, not the next.
 * Without this budget anyone could make the app mail or text any number of fresh addresses and
 * numbers: a flood that costs the deployer per SMS (toll fraud pumps premium numbers) and spoils
 * the sending domain's reputation.
 *
 * Only contacts without an account count, and only they are held back when it is spent: a flood
 * then stops new passwordless sign-ups for the rest of the window, never an existing user's
 * sign-in (whose contact has its own limit). While it is spent, a held-back answer tells that a
 * contact has no account, which `GET /passwordless/email/exists` tells anyone at any time.
 */
import type { EngineContext } from "../context";
import { limitGlobally } from "../limits/global-budget";
import type { TooManyAttempts } from "../limits/rate-limit";
import type { Contact } from "./contact";
import { hasAccount } from "./new-address";

const SPENT = {
  event: "passwordless.send_budget_spent",
  message:
    "passwordless codes to contacts without an account are held back until the window ends (passwordless.sendLimitGlobal): a flood, or a budget below the app's sign-ups",
};

/** Counts a code for `contact` against the budget when it has no account; TOO_MANY_ATTEMPTS once spent, else null. */
export async function limitSendsToNewContacts(ctx: EngineContext, contact: Contact): Promise<TooManyAttempts | null> {
  const budget = ctx.config.passwordless.sendLimitGlobal;
  if (!ctx.config.rateLimits.enabled || budget === false || (await hasAccount(ctx, contact))) return null;
  return limitGlobally(ctx, "passwordless-send-global", budget, SPENT);
}
