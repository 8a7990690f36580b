/**
 * A passkey's transports are the browser's hints, sent in the registration response; the column
 * that keeps them is short. On every database: a registration listing many or long transports
 * (a client's own, or a newer browser's) still signs up, and keeps the transports a browser
 * understands, never a 5xx.
 */
import { expect, it } from "vitest";
import { createPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient } from "./testing/client";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: a registration with ten long transports signs up, keeping the known ones`, async () => {
    const { ctx, stores } = createTestEngine({ appOrigin: ORIGIN, webauthn: {} }, { stores: createPrismaStores(url()) });
    const client = createAuthClient(ctx);
    const post = async (path: string, body: unknown) => {
      const response = await client.send("POST", `/api/auth${path}`, { body });
      return { status: response.status, body: await response.json() };
    };
    const email = `transports-${Date.now()}@example.com`;
    const options = await post("/webauthn/options/register", { email });
    expect(options.body.status).toBe("OK");
    const { response } = createPasskey(options.body, ORIGIN);
    const transports = ["internal", "hybrid", ...Array.from({ length: 8 }, (_, i) => `future-transport-${i}`.padEnd(32, "x"))];
    response.response.transports = transports as never;
    const signedUp = await post("/webauthn/signup", { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: response });
    expect([signedUp.status, signedUp.body.status]).toEqual([200, "OK"]);
    const [stored] = await stores.webauthn.listCredentials(signedUp.body.user.id);
    expect(stored.transports).toEqual(["internal", "hybrid"]);
  });
});
