/**
 * A provider as a tenant uses it: only the providers the tenant offers, each with the tenant's
 * own client id and secret at the provider when its login methods give one (an organization
 * with its own Google Workspace app, say). Everything else (issuer, scopes, profile mapping) is
 * the configured provider's. Sign in with Apple keeps the configured key: only its client id
 * (the Services ID) can be the tenant's.
 */
import type { EngineContext } from "../context";
import type { Tenant } from "../organizations/tenants";
import { findProvider, type ResolvedProvider } from "./providers";
import { openTenantClientSecret } from "./tenant-client-secret";

export type TenantProviderResult =
  | { status: "OK"; provider: ResolvedProvider }
  /** Not configured, or not offered on this tenant. */
  | { status: "UNKNOWN_PROVIDER" }
  /** The tenant's own client secret is sealed under another app secret, or was copied from another tenant's row. */
  | { status: "CLIENT_SECRET_UNREADABLE" };

// One object per (provider, client as stored), kept: oauth-client.ts caches discovery per
// provider object, and a seal is opened once per process rather than once per sign-in.
const withClients = new WeakMap<ResolvedProvider, Map<string, ResolvedProvider>>();

async function withClient(
  ctx: EngineContext,
  provider: ResolvedProvider,
  tenantId: string,
  client: { clientId: string; clientSecret: string },
): Promise<ResolvedProvider | null> {
  const key = `${tenantId}\n${client.clientId}\n${client.clientSecret}`;
  let known = withClients.get(provider);
  if (!known) withClients.set(provider, (known = new Map()));
  const found = known.get(key);
  if (found) return found;
  const secret = await openTenantClientSecret(ctx.keys, client.clientSecret, { organizationId: tenantId, providerId: provider.id });
  if (secret === null) return null;
  const clientAuth = provider.clientAuth.method === "apple_jwt" ? provider.clientAuth : { ...provider.clientAuth, secret };
  const made: ResolvedProvider = { ...provider, clientId: client.clientId, clientAuth };
  known.set(key, made);
  return made;
}

/** The provider `thirdPartyId` as `tenant` uses it (absent: the public tenant). */
export async function findTenantProvider(ctx: EngineContext, tenant: Tenant | undefined, thirdPartyId: string): Promise<TenantProviderResult> {
  const provider = findProvider(ctx.config.thirdParty, thirdPartyId);
  if (!provider) return { status: "UNKNOWN_PROVIDER" };
  if (!tenant) return { status: "OK", provider };
  if (!tenant.providers.some((p) => p.id === provider.id)) return { status: "UNKNOWN_PROVIDER" };
  // Own entries only: a provider id like "constructor" would otherwise find Object.prototype's.
  const client = Object.hasOwn(tenant.providerClients, provider.id) ? tenant.providerClients[provider.id] : undefined;
  if (!client) return { status: "OK", provider };
  const made = await withClient(ctx, provider, tenant.id, client);
  if (made) return { status: "OK", provider: made };
  ctx.log.error(
    { event: "thirdparty.client_secret_unreadable", organizationId: tenant.id, thirdPartyId: provider.id },
    "a tenant's client secret does not open under this app secret: after a change of GATEHOUSE_SECRET run `gatehouse secret reseal`, else set the tenant's login methods again",
  );
  return { status: "CLIENT_SECRET_UNREADABLE" };
}
