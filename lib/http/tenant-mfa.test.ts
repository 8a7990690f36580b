/**
 * An organization's `requiredSecondaryFactors`: added to the app's MFA requirements for the
 * sessions of that tenant only, told to the deployer's hook, and followed at the next refresh.
 */
import { describe, expect, it } from "vitest";
import type { MfaRequirementsInput } from "../auth/config-mfa";
import { createOrganization } from "../auth/organizations/organizations";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";
import { API, payloadOf } from "./testing/mfa-harness";

const PASSWORD = "fixture-pw-1";

describe("per-tenant MFA policy", () => {
  it("requires the tenant's second factor of its sessions, not of the public tenant's; a change reaches them at refresh", async () => {
    const seen: MfaRequirementsInput[] = [];
    const { ctx, stores } = createTestEngine({
      mfa: {
        getMFARequirementsForAuth: (input) => (
          seen.push(input),
          input.requiredSecondaryFactorsForUser.length ? [{ oneOf: input.requiredSecondaryFactorsForUser }] : []
        ),
      },
    });
    const signUp = await createAuthClient(ctx).send("POST", `${API}/signup`, { body: credentials("owner@acme.test", PASSWORD) });
    const ownerId = (await signUp.json()).user.id as string;
    await createOrganization(ctx, { userId: ownerId, slug: "acme", name: "Acme" });
    await stores.organizations.updateOrganization("acme", { loginMethods: { requiredSecondaryFactors: ["totp"] } });

    const inAcme = createAuthClient(ctx);
    const acme = await inAcme.send("POST", `${API}/acme/signin`, { body: credentials("owner@acme.test", PASSWORD) });
    expect(payloadOf(acme)["st-mfa"]).toMatchObject({ v: false });
    expect(seen.at(-1)).toMatchObject({ tenantId: "acme", requiredSecondaryFactorsForUser: ["totp"] });
    const info = await (await inAcme.send("PUT", `${API}/mfa/info`)).json();
    expect(info.factors.next).toEqual(["totp"]);

    const plain = await createAuthClient(ctx).send("POST", `${API}/signin`, { body: credentials("owner@acme.test", PASSWORD) });
    expect(payloadOf(plain)["st-mfa"]).toMatchObject({ v: true });
    expect(seen.at(-1)).toMatchObject({ tenantId: "public", requiredSecondaryFactorsForUser: [] });

    await stores.organizations.updateOrganization("acme", { loginMethods: null });
    expect(payloadOf(await inAcme.send("POST", `${API}/session/refresh`))["st-mfa"]).toMatchObject({ v: true });
  });
});
