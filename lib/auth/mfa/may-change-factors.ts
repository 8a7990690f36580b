import type { EngineContext } from "../context";
import type { VerifiedSession } from "../session/session";
import { factorsSetUpFor, MFA_CLAIM } from "./mfa-claim";

/**
 * Whether the session may set up or remove factors. A session that met its requirements may. One
 * that has not may only set up a first factor: otherwise a stolen password would be enough to
 * add the thief's own authenticator and walk past the one the user has.
 */
export async function mayChangeFactors(ctx: EngineContext, session: VerifiedSession, change: "setup" | "remove"): Promise<boolean> {
  const claim = session.accessTokenPayload[MFA_CLAIM] as { v?: unknown } | undefined;
  if (claim?.v === true) return true;
  if (change === "remove") return false;
  return (await factorsSetUpFor(ctx, session.userId)).length === 0;
}
