import { describe, expect, it, vi } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { getSession } from "../session/session";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";
import { updateEmail } from "./update-email";
import { MESSAGE } from "../wire-codes";

const fields = (email: string, password: string) => ({ email, password, formFields: { email, password } });

describe("email+password sign-up and sign-in", () => {
  it("calls each hook exactly once per sign-up and sign-in, with action and context", async () => {
    const setJwtPayload = vi.fn(() => ({ role: "admin" }));
    const setSessionData = vi.fn(() => ({ secret: 1 }));
    const { ctx, stores } = createTestEngine({ setJwtPayload, setSessionData });
    const up = await signUp(ctx, fields("Ada@Example.com ", "correct horse 1"));
    expect(up.status).toBe("OK");
    expect(setJwtPayload).toHaveBeenCalledTimes(1);
    expect(setSessionData).toHaveBeenCalledTimes(1);
    expect(setJwtPayload.mock.calls[0]).toEqual([
      expect.objectContaining({ emails: ["ada@example.com"] }),
      expect.objectContaining({ method: "emailpassword" }),
      "signup",
    ]);
    const inResult = await signIn(ctx, fields("  ADA@example.com", "correct horse 1"));
    expect(inResult.status).toBe("OK");
    expect(setJwtPayload).toHaveBeenCalledTimes(2);
    expect(setSessionData).toHaveBeenCalledTimes(2);
    expect((setJwtPayload.mock.calls[1] as unknown[])[2]).toBe("signin");
    if (inResult.status !== "OK") return;
    const verified = await getSession(ctx, { accessToken: inResult.tokens.accessToken });
    expect(verified.status === "OK" && verified.session.accessTokenPayload.role).toBe("admin");
    const row = await stores.sessions.getSession(inResult.tokens.sessionHandle);
    expect(row?.sessionData).toEqual({ secret: 1 });
    expect(inResult.tokens.accessToken).not.toContain(Buffer.from('"secret"').toString("base64url"));
  });

  it("answers an unknown email and a wrong password identically", async () => {
    const { ctx } = createTestEngine();
    await signUp(ctx, fields("a@example.com", "fixture-pw-1"));
    const wrong = await signIn(ctx, fields("a@example.com", "fixture-pw-2"));
    const unknown = await signIn(ctx, fields("nobody@example.com", "fixture-pw-1"));
    expect(wrong).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
    expect(unknown).toEqual(wrong);
  });

  it("refuses an address that mail delivery sends to another's mailbox (an IDNA-mapped domain, list syntax)", async () => {
    const { ctx, stores } = createTestEngine();
    expect((await signUp(ctx, fields("victim@corp.com", "fixture-pw-1"))).status).toBe("OK");
    // Each is delivered to victim@corp.com (IDNA maps the domain, as nodemailer and DNS do) and
    // counts as corp.com for a tenant's allowedEmailDomains and an invitation, yet would be an
    // account of its own: one mailbox, two accounts, one of them looking exactly like the other.
    for (const twin of ["victim@corp.com\u200b", "victim@cor\u00adp.com", "victim@\uff43orp.com", "victim@corp\u3002com"]) {
      expect(await signUp(ctx, fields(twin, "fixture-pw-1"))).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "email", error: MESSAGE.EMAIL_INVALID }],
      });
      expect(await stores.users.findEmailPasswordAccountByEmail(twin)).toBeNull();
    }
    // Nor one the mailer reads as another address, or a list of them: each of these goes to
    // victim@corp.com alone (RFC 5322's specials outside a quoted local part, which no real
    // mailbox needs).
    for (const twin of [
      "x,victim@corp.com",
      "x;victim@corp.com",
      "x<victim@corp.com",
      "x(c)victim@corp.com",
      "group:victim@corp.com",
      "victim@corp.com,x",
    ]) {
      expect(await signUp(ctx, fields(twin, "fixture-pw-1"))).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "email", error: MESSAGE.EMAIL_INVALID }],
      });
    }
    expect((await signUp(ctx, fields("victim+tag@corp.com", "fixture-pw-1"))).status).toBe("OK");
    // A domain written in its own Unicode form, or as DNS carries it, is a domain like any other.
    expect((await signUp(ctx, fields("jose@b\u00fccher.example", "fixture-pw-1"))).status).toBe("OK");
    expect((await signUp(ctx, fields("ana@xn--bcher-kva.example", "fixture-pw-1"))).status).toBe("OK");
    const zoe = await signUp(ctx, fields("zoe@stra\u00dfe.example", "fixture-pw-1"));
    if (zoe.status !== "OK") throw new Error(zoe.status);
    // Nor does an email change take such a twin.
    expect(await updateEmail(ctx, zoe.user.id, "victim@corp.com\u200b")).toEqual({ status: "EMAIL_INVALID_ERROR", message: MESSAGE.EMAIL_INVALID });
  });

  it("refuses an address with invisible or reordering characters, which would read as another", async () => {
    const { ctx, stores } = createTestEngine();
    expect((await signUp(ctx, fields("victim@corp.com", "fixture-pw-1"))).status).toBe("OK");
    for (const twin of [
      // Shown in a member list or the admin, this reads "support" + "oc.live@paypal.com": an
      // address at paypal.com, of a mailbox at the signer-up's own domain evil.co.
      "support\u202emoc.lapyap@evil.co",
      "victim\u2067@corp.com",
      // Invisible, so each looks exactly like victim@corp.com (another mailbox at the same domain).
      "victim\u200b@corp.com",
      "vic\u00adtim@corp.com",
      "vic\ufefftim@corp.com",
      "victim\u2060@corp.com",
      // A domain that has no ASCII form at all passed as written.
      "victim@\u202emoc.proc",
    ]) {
      expect(await signUp(ctx, fields(twin, "fixture-pw-1"))).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "email", error: MESSAGE.EMAIL_INVALID }],
      });
      expect(await stores.users.findEmailPasswordAccountByEmail(twin)).toBeNull();
    }
    // Right-to-left and other scripts need none of them.
    expect((await signUp(ctx, fields("\u05d3\u05e0\u05d4@example.co.il", "fixture-pw-1"))).status).toBe("OK");
    expect((await signUp(ctx, fields("\u0645\u0631\u064a\u0645@example.com", "fixture-pw-1"))).status).toBe("OK");
  });

  it("refuses a duplicate email after normalisation", async () => {
    const { ctx } = createTestEngine();
    expect((await signUp(ctx, fields("a@example.com", "fixture-pw-1"))).status).toBe("OK");
    expect(await signUp(ctx, fields(" A@EXAMPLE.COM", "fixture-pw-1"))).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "email", error: MESSAGE.EMAIL_EXISTS }],
    });
  });

  it("applies the password policy and email validation", async () => {
    const { ctx } = createTestEngine();
    const cases: [string, string, string][] = [
      ["not-an-email", "fixture-pw-1", "email"],
      ["a@example.com", "short1", "password"],
      ["a@example.com", "onlyletters", "password"],
      ["a@example.com", "12345678", "password"],
      ["a@example.com", `a1${"x".repeat(255)}`, "password"],
      [`${"a".repeat(10_000)}@example.com`, "fixture-pw-1", "email"],
    ];
    for (const [email, password, field] of cases) {
      const result = await signUp(ctx, fields(email, password));
      expect(result.status, `${email.slice(0, 20)} / ${password.slice(0, 20)}`).toBe("FIELD_ERROR");
      if (result.status === "FIELD_ERROR") expect(result.formFields.map((f) => f.id)).toContain(field);
    }
    expect((await signUp(ctx, fields("a@example.com", `a1${"x".repeat(254)}`))).status).toBe("OK");
  });

  it("a password policy from config is honoured", async () => {
    const { ctx } = createTestEngine({ emailPassword: { passwordPolicy: { minLength: 12, requireDigit: false } } });
    expect((await signUp(ctx, fields("a@example.com", "elevenchars"))).status).toBe("FIELD_ERROR");
    expect((await signUp(ctx, fields("a@example.com", "twelve chars"))).status).toBe("OK");
  });

  it("a hook returning a protected claim fails the sign-in with a clear error", async () => {
    const { ctx } = createTestEngine({ setJwtPayload: () => ({ sub: "someone-else" }) });
    await expect(signUp(ctx, fields("a@example.com", "fixture-pw-1"))).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
      message: expect.stringContaining("sub"),
    });
  });
});
