/**
 * Request-side pieces of the passkey endpoints: the relying party for this request, the body
 * schemas of WebAuthn's JSON responses, and the guard every endpoint starts with.
 */
import { z } from "zod";
import type { ClientInfo } from "../auth/client-info";
import type { RateLimitOptions } from "../auth/config";
import type { EngineContext } from "../auth/context";
import { clientLimitKey } from "../auth/limits/client-limits";
import { limitAttempt } from "../auth/limits/rate-limit";
import { relyingPartyFor, type RelyingParty } from "../auth/webauthn/relying-party";
import { isSameOrigin } from "./csrf";
import { isOwnLoopbackOrigin } from "./dev-origin";
import { crossOriginRefused, resultResponse } from "./respond";
import { requestTenant, type TenantLookup } from "./tenant";

/**
 * The relying party. In development a page opened at another loopback port than the configured
 * origin gets its own (lib/http/dev-origin.ts says why that is safe there and only there).
 */
export function relyingPartyOf(ctx: EngineContext, request: Request): RelyingParty {
  const origin = request.headers.get("origin");
  const { appOrigin, trustedOrigins, development } = ctx.config;
  const ownDev =
    development &&
    origin !== null &&
    origin !== appOrigin &&
    !trustedOrigins.includes(origin) &&
    isOwnLoopbackOrigin(origin, request.headers.get("host"));
  return relyingPartyFor(ctx.config, ownDev ? origin : undefined);
}

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");
const extensions = z.record(z.string(), z.unknown()).optional().default({});
const common = {
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: extensions,
};

/** RegistrationResponseJSON (WebAuthn L3 §5.1, as @simplewebauthn/browser sends it). */
export const registrationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(12_000),
    authenticatorData: b64url(4096).optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4096).optional(),
  }),
});

/** AuthenticationResponseJSON. */
export const authenticationResponseSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(4096),
    signature: b64url(2048),
    userHandle: b64url(256).optional(),
  }),
});

export const optionsId = z.string().min(1).max(64);

/** Counts the request against a per-client limit; a 429 when over it. Without a known address nothing is counted. */
export async function limitClient(ctx: EngineContext, client: ClientInfo, name: string, limit: RateLimitOptions): Promise<Response | null> {
  const key = clientLimitKey(client);
  if (!ctx.config.rateLimits.enabled || !key) return null;
  const limited = await limitAttempt(ctx, name, limit, key);
  return limited ? resultResponse(limited) : null;
}

/**
 * What every passkey endpoint checks first: the request's tenant (`/<tenantId>/webauthn/…`),
 * with passkeys on for the app and for it (off answers 404, as an unknown path), and for POSTs
 * the same origin (login CSRF: a cross-site page must not sign the victim in) and the client's limit.
 */
export async function guardWebauthn(
  ctx: EngineContext,
  request: Request,
  params: Record<string, string>,
  client: ClientInfo,
  limit?: "optionsLimitPerClient" | "verifyLimitPerClient",
): Promise<TenantLookup> {
  const found = await requestTenant(ctx, params, "webauthn");
  if (!found.ok) return found;
  if (request.method !== "GET" && !isSameOrigin(ctx, request)) return { ok: false, response: crossOriginRefused() };
  const limited = limit ? await limitClient(ctx, client, `webauthn-${limit}`, ctx.config.webauthn[limit]) : null;
  return limited ? { ok: false, response: limited } : found;
}
