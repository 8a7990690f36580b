/**
 * A JSON body must be UTF-8 (RFC 8259 §8.1). Bytes that are not were decoded as U+FFFD: a
 * password typed in Latin-1 ("pw-äöü…") was stored as "pw-\uFFFD\uFFFD\uFFFD…", which every
 * other three bytes that are not UTF-8 also spell, so "pw-üöä…" signed in as well; an email or
 * a name was stored as something the client never sent.
 */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials, ORIGIN } from "./testing/client";
import { handleAuthRequest } from "./routes";

/** The JSON of `body`, each character up to U+00FF sent as one byte (Latin-1, not UTF-8). */
function latin1Body(body: unknown): Buffer<ArrayBuffer> {
  return Buffer.from(JSON.stringify(body), "latin1");
}

describe("a body that is not UTF-8", () => {
  const refused = { status: "BAD_INPUT_ERROR", message: "The request body is not valid UTF-8" };

  it("is 400 BAD_INPUT_ERROR, and no account is made from what the decoder guessed", async () => {
    const { ctx } = createTestEngine();
    const send = (path: string, bytes: Buffer<ArrayBuffer>) =>
      handleAuthRequest(
        ctx,
        new Request(`${ORIGIN}/api/auth${path}`, {
          method: "POST",
          headers: { origin: ORIGIN, rid: "emailpassword", "content-type": "application/json" },
          body: bytes,
        }),
      );
    const signUp = await send("/signup", latin1Body(credentials("latin1@example.com", "pw-\u00e4\u00f6\u00fc-long-enough-1")));
    expect([signUp.status, await signUp.json()]).toEqual([400, refused]);
    // Had the sign-up gone through, this other password (other bytes, equally not UTF-8) would sign in.
    const signIn = await send("/signin", latin1Body(credentials("latin1@example.com", "pw-\u00fc\u00f6\u00e4-long-enough-1")));
    expect([signIn.status, await signIn.json()]).toEqual([400, refused]);
    expect(await ctx.stores.users.findEmailPasswordAccountByEmail("latin1@example.com")).toBeNull();
  });

  it("a lone continuation byte, a truncated sequence and an overlong encoding are refused; UTF-8 text, a BOM included, is not", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    for (const bytes of [[0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const body: Buffer<ArrayBuffer> = Buffer.concat([
        Buffer.from('{"formFields":[{"id":"email","value":"a@example.com"},{"id":"password","value":"pw-'),
        Buffer.from(bytes),
        Buffer.from('"}]}'),
      ]);
      const response = await handleAuthRequest(
        ctx,
        new Request(`${ORIGIN}/api/auth/signin`, { method: "POST", headers: { origin: ORIGIN, rid: "emailpassword" }, body }),
      );
      expect([bytes, response.status, await response.json()]).toEqual([bytes, 400, refused]);
    }
    const utf8 = await client.send("POST", "/api/auth/signin", { body: credentials("a@example.com", "pw-\u00e4\u00f6\u00fc-\u{1F600}") });
    expect((await utf8.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    const bom = await client.send("POST", "/api/auth/signin", { rawBody: `\uFEFF${JSON.stringify(credentials("a@example.com", "pw"))}` });
    expect((await bom.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
  });
});
