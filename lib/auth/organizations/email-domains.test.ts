import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { isEmailDomainAllowed, isSameMailbox } from "./email-domains";
import { createOrganization } from "./organizations";
import { checkLoginMethods, setTenantLoginMethods } from "./tenant-admin";

// The same domain precomposed (NFC) and decomposed (NFD): one domain to a mail system.
const NFC_DOMAIN = "b\u00fccher.example";
const NFD_DOMAIN = "bu\u0308cher.example";
// The same domain as DNS carries it (IDNA's ASCII form).
const ASCII_DOMAIN = "xn--bcher-kva.example";

describe("an organization's email domains, compared in NFC and as DNS knows them", () => {
  it("an address with the domain in either form is admitted by a list with it in either form", () => {
    for (const listed of [NFC_DOMAIN, NFD_DOMAIN])
      for (const written of [NFC_DOMAIN, NFD_DOMAIN]) {
        expect(isEmailDomainAllowed({ allowedEmailDomains: [listed] }, `ada@${written}`), `${escape(listed)} ${escape(written)}`).toBe(true);
      }
    expect(isEmailDomainAllowed({ allowedEmailDomains: [NFC_DOMAIN] }, "ada@bucher.example")).toBe(false);
    expect(isEmailDomainAllowed({ allowedEmailDomains: ["example.com"] }, "ada@example.com")).toBe(true);
  });

  it("the domain written in its ASCII form (xn--) is the same domain, either way round", () => {
    for (const listed of [NFC_DOMAIN, NFD_DOMAIN, ASCII_DOMAIN])
      for (const written of [NFC_DOMAIN, NFD_DOMAIN, ASCII_DOMAIN]) {
        expect(isEmailDomainAllowed({ allowedEmailDomains: [listed] }, `ada@${written}`), `${escape(listed)} ${escape(written)}`).toBe(true);
      }
    expect(isEmailDomainAllowed({ allowedEmailDomains: [ASCII_DOMAIN] }, "ada@bucher.example")).toBe(false);
    expect(isEmailDomainAllowed({ allowedEmailDomains: [NFC_DOMAIN] }, "ada@xn--bcher-kva.example.org")).toBe(false);
    expect(isEmailDomainAllowed({ allowedEmailDomains: ["example.com"] }, "ada@sub.example.com")).toBe(false);
  });

  it("a tenant takes an internationalised domain in either form and keeps it in NFC; capitals are still refused", async () => {
    expect(checkLoginMethods({ allowedEmailDomains: [NFD_DOMAIN] })).toBeUndefined();
    expect(checkLoginMethods({ allowedEmailDomains: [NFC_DOMAIN] })).toBeUndefined();
    expect(checkLoginMethods({ allowedEmailDomains: ["B\u00fccher.example"] })).toMatch(/^allowedEmailDomains:/);
    expect(checkLoginMethods({ allowedEmailDomains: ["b\u00fccher"] })).toMatch(/^allowedEmailDomains:/);
    expect(checkLoginMethods({ allowedEmailDomains: ["b\u00fc cher.example"] })).toMatch(/^allowedEmailDomains:/);

    const { ctx } = createTestEngine();
    const owner = await ctx.stores.users.createEmailPasswordUser({ id: "u1", email: "owner@example.com", passwordHash: "h", timeJoined: ctx.now() });
    expect(owner.status).toBe("OK");
    const created = await createOrganization(ctx, { name: "Bücher", slug: "buecher", userId: "u1" });
    if (created.status !== "OK") throw new Error(created.status);
    const id = created.organization.id;
    expect(await setTenantLoginMethods(ctx, { organizationId: id, loginMethods: { allowedEmailDomains: [NFD_DOMAIN] } })).toEqual({ status: "OK" });
    expect((await ctx.stores.organizations.getOrganization(id))?.loginMethods).toEqual({ allowedEmailDomains: [NFC_DOMAIN] });
  });
});

describe("isSameMailbox", () => {
  it("the same local part at one domain, however the domain is written; no other pair", () => {
    for (const a of [NFC_DOMAIN, NFD_DOMAIN, ASCII_DOMAIN])
      for (const b of [NFC_DOMAIN, NFD_DOMAIN, ASCII_DOMAIN]) expect(isSameMailbox(`Ada@${a}`, `ada@${b}`), `${a} ~ ${b}`).toBe(true);
    expect(isSameMailbox(`ada@${ASCII_DOMAIN}`, "ada@bucher.example")).toBe(false);
    expect(isSameMailbox(`ada@${ASCII_DOMAIN}`, `ada.b@${NFC_DOMAIN}`)).toBe(false);
    expect(isSameMailbox(`ada@${ASCII_DOMAIN}`, `ada@mail.${NFC_DOMAIN}`)).toBe(false);
    // The local part is compared as written (normalised), not as a domain: no IDNA there.
    expect(isSameMailbox(`xn--bcher-kva@example.com`, `b\u00fccher@example.com`)).toBe(false);
    expect(isSameMailbox("not-an-address", "not-an-address")).toBe(true);
    expect(isSameMailbox("not-an-address", `not-an-address@${ASCII_DOMAIN}`)).toBe(false);
  });
});
