/**
 * `rateLimits.signUpGlobal`: the sign-ups that make an account without proof of anything but a
 * form (email+password) or an authenticator (a passkey), counted over all clients together.
 * Without a known client address nothing else bounds how many accounts anyone can create.
 * Provider sign-ups need an account at the provider, and passwordless ones a code to the
 * contact (under `passwordless.sendLimitGlobal`): neither is counted here.
 */
import type { EngineContext } from "../context";
import { limitGlobally, peekGlobally } from "./global-budget";
import type { TooManyAttempts } from "./rate-limit";

/** Logged once per window when the budget is spent. */
const SIGN_UP_BUDGET_SPENT = {
  event: "sign_up.budget_spent",
  message:
    "email+password and passkey sign-ups are held back until the window ends (rateLimits.signUpGlobal): a flood, or a budget below the app's sign-ups",
};

const NAME = "sign-up-global";

/** Counts one sign-up; TOO_MANY_ATTEMPTS once the budget is spent, else null. */
export function limitSignUps(ctx: EngineContext): Promise<TooManyAttempts | null> {
  return limitGlobally(ctx, NAME, ctx.config.rateLimits.signUpGlobal, SIGN_UP_BUDGET_SPENT);
}

/**
 * TOO_MANY_ATTEMPTS while the budget is spent, counting nothing: for a step before a sign-up
 * that cannot be taken back, such as an authenticator making a passkey.
 */
export function signUpsHeldBack(ctx: EngineContext): Promise<TooManyAttempts | null> {
  return peekGlobally(ctx, NAME, ctx.config.rateLimits.signUpGlobal);
}
