import { beforeEach, describe, expect, it, vi } from "vitest";

const browser = vi.hoisted(() => ({ startAuthentication: vi.fn(), startRegistration: vi.fn() }));
vi.mock("@simplewebauthn/browser", () => ({ ...browser, WebAuthnError: class extends Error {} }));
vi.mock("./fdi-post", () => ({
  callAuthApi: vi.fn(async (_base: string, path: string) =>
    path === "/webauthn/options/signin"
      ? { httpStatus: 200, body: { status: "OK", webauthnGeneratedOptionsId: "opts-1", challenge: "c" } }
      : { httpStatus: 200, body: { status: "OK" } },
  ),
}));

import { signInWithPasskey } from "./passkey-ceremony";

describe("the autofill ceremony, once its options are back", () => {
  beforeEach(() => {
    browser.startAuthentication.mockReset().mockResolvedValue({ id: "credential" });
  });

  it("does not start when a click's ceremony began meanwhile: starting it would abort that one", async () => {
    expect(await signInWithPasskey("/api/auth", { autofill: true, mayStart: () => false })).toEqual({ cancelled: true });
    expect(browser.startAuthentication).not.toHaveBeenCalled();
  });

  it("starts, with the browser's autofill, when nothing else began", async () => {
    expect(await signInWithPasskey("/api/auth", { autofill: true, mayStart: () => true })).toEqual({
      answer: { httpStatus: 200, body: { status: "OK" } },
    });
    expect(browser.startAuthentication).toHaveBeenCalledWith(expect.objectContaining({ useBrowserAutofill: true }));
  });
});
