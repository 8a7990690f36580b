/**
 * The revocation listener against a PostgreSQL server that accepts the TCP connection and never
 * answers: without a bound its connect waited forever, so it never reported the failure and
 * never retried; the instance went without pushed revocations until it restarted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenForRevocations } from "./revocation-listener";
import { createSilentServer } from "../testing/silent-peer";

describe("revocation listener and a silent server", () => {
  const server = createSilentServer();
  let port = 0;

  beforeAll(async () => {
    port = await server.listen();
  });
  afterAll(() => server.close());

  it("gives up on each connection after connect_timeout, reports it and tries again", async () => {
    const errors: number[] = [];
    const subscription = await listenForRevocations(
      `postgresql://gatehouse@127.0.0.1:${port}/silent?connect_timeout=0.2`,
      { onRevoked: () => undefined, onConnected: () => undefined, onError: (_error, retryInMs) => errors.push(retryInMs) },
      { minRetryMs: 20, maxRetryMs: 40 },
    );
    try {
      await expect.poll(() => errors.length, { timeout: 3_000, interval: 50 }).toBeGreaterThanOrEqual(2);
      expect(server.connections()).toBeGreaterThanOrEqual(2);
    } finally {
      await subscription.close();
    }
  });
});
