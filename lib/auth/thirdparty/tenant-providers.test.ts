import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { tenantOfOrganization } from "../organizations/tenants";
import type { OrganizationRow } from "../ports/organization-store";
import { findTenantProvider } from "./tenant-providers";

describe("a provider as a tenant uses it", () => {
  it("takes the tenant's own client only from the tenant's own entries, never from Object.prototype (a provider named like one of its members)", async () => {
    const creds = { clientId: "app-client", clientSecret: "app-secret" };
    const ids = ["constructor", "toString", "valueOf", "hasOwnProperty"];
    const { ctx } = createTestEngine({
      thirdParty: { customProviders: ids.map((id) => ({ id, type: "oidc" as const, name: id, issuer: "https://sso.example", ...creds })) },
    });
    const organization = {
      id: "acme",
      name: "Acme",
      createdAt: new Date(0),
      loginMethods: { thirdPartyProviders: ids },
    } as unknown as OrganizationRow;
    const tenant = tenantOfOrganization(ctx, organization);
    for (const id of ids) {
      const found = await findTenantProvider(ctx, tenant, id);
      expect(found, id).toMatchObject({ status: "OK", provider: { id, clientId: "app-client" } });
    }
  });
});
