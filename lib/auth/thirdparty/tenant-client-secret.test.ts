import { describe, expect, it } from "vitest";
import { deriveKeys } from "../secret";
import { isSealedClientSecret, openTenantClientSecret, sealTenantClientSecret } from "./tenant-client-secret";

const keys = deriveKeys("a".repeat(64));
const otherKeys = deriveKeys("b".repeat(64));
const acmeCorp = { organizationId: "acme", providerId: "corp" };

describe("a tenant's client secret at rest", () => {
  it("is sealed: the stored text does not contain it, and opens to it for its own tenant and provider", async () => {
    const sealed = await sealTenantClientSecret(keys, { secret: "acme-secret-123", ...acmeCorp });
    expect(sealed).not.toContain("acme-secret-123");
    expect(isSealedClientSecret(sealed)).toBe(true);
    expect(await openTenantClientSecret(keys, sealed, acmeCorp)).toBe("acme-secret-123");
  });

  it("does not open on another tenant's row, for another provider, or under another app secret", async () => {
    const sealed = await sealTenantClientSecret(keys, { secret: "acme-secret-123", ...acmeCorp });
    expect(await openTenantClientSecret(keys, sealed, { organizationId: "beta", providerId: "corp" })).toBeNull();
    expect(await openTenantClientSecret(keys, sealed, { organizationId: "acme", providerId: "google" })).toBeNull();
    expect(await openTenantClientSecret(otherKeys, sealed, acmeCorp)).toBeNull();
    // A damaged seal is no secret either.
    expect(await openTenantClientSecret(keys, `${sealed.slice(0, -4)}AAAA`, acmeCorp)).toBeNull();
  });

  it("reads a value stored before sealing existed as it is", async () => {
    expect(isSealedClientSecret("plain-secret")).toBe(false);
    expect(await openTenantClientSecret(keys, "plain-secret", acmeCorp)).toBe("plain-secret");
  });
});
