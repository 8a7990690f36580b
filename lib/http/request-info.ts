import type { EngineContext } from "../auth/context";
import { clientAddress } from "./client-address";

/**
 * Device details stored with a new session (the user's session list) and with every audit event:
 * the user agent as sent, and the client's address by the one rule (client-address.ts), so that
 * neither shows an address the client chose itself.
 */
export function requestInfo(ctx: Pick<EngineContext, "config">, request: Request): { userAgent: string | null; ip: string | null } {
  return { userAgent: request.headers.get("user-agent"), ip: clientAddress(request, ctx.config.trustedProxy) };
}
