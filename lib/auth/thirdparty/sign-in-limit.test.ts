/**
 * A third-party sign-in counts against the client's sign-in limit (rateLimits.signInPerIp)
 * before the provider is asked: each attempt costs a request under the app's credentials.
 */
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { thirdPartySignInUp } from "./flow";
import type { ResolvedProvider } from "./providers";

/** Refuses every token grant on its own (no nonce from this server), without any request. */
const provider = { id: "oidc-test", name: "Test OIDC", kind: "oidc", acceptIdTokenWithoutNonce: false } as unknown as ResolvedProvider;
const grant = { type: "tokens" as const, tokens: { id_token: "not-a-token" } };

describe("third-party sign-in and the per-client sign-in limit", () => {
  it("answers TOO_MANY_ATTEMPTS past signInPerIp before the provider is asked; another address is not held", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signInPerIp: { points: 2, durationSeconds: 60 } } });
    const from = (ip: string) => thirdPartySignInUp(ctx, { provider, grant, client: { ip, userAgent: null } });
    for (let i = 0; i < 2; i++) expect(await from("198.51.100.1")).toMatchObject({ status: "PROVIDER_ERROR", code: "NONCE_REQUIRED" });
    expect(await from("198.51.100.1")).toMatchObject({ status: "TOO_MANY_ATTEMPTS", retryAfterSeconds: expect.any(Number) });
    expect(await from("203.0.113.7")).toMatchObject({ status: "PROVIDER_ERROR" });
  });
});
