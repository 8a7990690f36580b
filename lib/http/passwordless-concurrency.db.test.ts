/**
 * Single use of passwordless codes on every database: ten parallel consumes of one code (and of
 * one link), spread over two instances with their own connections, give exactly one session, and
 * concurrent wrong codes each count towards the device's limit.
 */
import { afterAll, expect, it } from "vitest";
import { consumeCode } from "../auth/passwordless/consume-code";
import { createCode } from "../auth/passwordless/create-code";
import { createPasswordlessEngine, linkPartsOf } from "../auth/testing/passwordless-fixtures";
import { createTestClock } from "../auth/testing/test-engine";
import { createPrismaStores, createPrismaStoresOn, openPrismaClient } from "../store";
import type { GatehousePrismaClient } from "../store/prisma-client";
import { describeOnEachDatabase } from "../store/testing/each-database";

const request = { userAgent: "test", ip: null };

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  function twoInstances() {
    const clock = createTestClock(new Date());
    const a = createPasswordlessEngine({}, { stores: createPrismaStores(url()), clock });
    const second = openPrismaClient(url());
    void second.then((client) => opened.push(client));
    const b = createPasswordlessEngine({}, { stores: createPrismaStoresOn(() => second), clock });
    return { a, b };
  }

  it(`${provider}: ten parallel consumes of one code, or of one link, make exactly one session`, async () => {
    const { a, b } = twoInstances();
    for (const by of ["code", "link"] as const) {
      const email = `race-${by}-${Date.now()}@example.com`;
      const started = await createCode(a.ctx, { email }, request);
      if (started.status !== "OK") throw new Error(started.status);
      const sent = a.lastEmail();
      const input = by === "code" ? { ...started, userInputCode: sent.userInputCode! } : linkPartsOf(sent.link);
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => consumeCode((i % 2 ? b : a).ctx, input, request)));
      expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
      expect(results.filter((r) => r.status === "RESTART_FLOW_ERROR")).toHaveLength(9);
      const account = await a.stores.passwordless.findAccount({ email });
      expect(await a.stores.sessions.listSessionHandlesForUser(account!.user.id, new Date())).toHaveLength(1);
    }
  });

  it(`${provider}: concurrent wrong codes each count, and the device ends at the limit`, async () => {
    const { a, b } = twoInstances();
    const started = await createCode(a.ctx, { email: `guess-${Date.now()}@example.com` }, request);
    if (started.status !== "OK") throw new Error(started.status);
    const right = a.lastEmail().userInputCode!;
    const wrong = right === "000000" ? "111111" : "000000";
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => consumeCode((i % 2 ? b : a).ctx, { ...started, userInputCode: wrong }, request)),
    );
    expect(results.filter((r) => r.status === "INCORRECT_USER_INPUT_CODE_ERROR").length).toBeLessThanOrEqual(4);
    expect((await consumeCode(a.ctx, { ...started, userInputCode: right }, request)).status).toBe("RESTART_FLOW_ERROR");
  });
});
