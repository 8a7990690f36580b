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

// One object per (provider, client), kept: oauth-client.ts caches discovery per provider object.
const withClients = new WeakMap<ResolvedProvider, Map<string, ResolvedProvider>>();

function withClient(provider: ResolvedProvider, client: { clientId: string; clientSecret: string }): ResolvedProvider {
  const key = `${client.clientId}\n${client.clientSecret}`;
  let known = withClients.get(provider);
  if (!known) withClients.set(provider, (known = new Map()));
  const found = known.get(key);
  if (found) return found;
  const clientAuth = provider.clientAuth.method === "apple_jwt" ? provider.clientAuth : { ...provider.clientAuth, secret: client.clientSecret };
  const made: ResolvedProvider = { ...provider, clientId: client.clientId, clientAuth };
  known.set(key, made);
  return made;
}

/** The provider `thirdPartyId` as `tenant` uses it (absent: the public tenant), or undefined where it is not offered. */
export function findTenantProvider(ctx: EngineContext, tenant: Tenant | undefined, thirdPartyId: string): ResolvedProvider | undefined {
  const provider = findProvider(ctx.config.thirdParty, thirdPartyId);
  if (!provider || !tenant) return provider;
  if (!tenant.providers.some((p) => p.id === provider.id)) return undefined;
  const client = tenant.providerClients[provider.id];
  return client ? withClient(provider, client) : provider;
}
