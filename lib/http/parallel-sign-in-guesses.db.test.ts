/**
 * The account's sign-in limit under a burst, with the limits in the `rate_limits` table on
 * SQLite, PostgreSQL and MariaDB, through two instances (two engine contexts on two Prisma
 * clients): wrong passwords sent all at once get no more password checks than the limit, and an
 * attempt that is neither right nor wrong gives its place back.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createEngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { type GatehousePrismaClient } from "../store";
import { createPrismaRateLimitStore } from "../store/prisma-rate-limit-store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { separateInstances } from "../store/testing/separate-instances";
import { createAuthClient, credentials } from "./testing/client";

const config: GatehouseConfig = {
  appOrigin: "http://localhost:3000",
  rateLimits: { store: "database", signInFailuresPerAccount: { points: 3, durationSeconds: 60 }, signInPerIp: { points: 100, durationSeconds: 60 } },
};

describeOnEachDatabase((provider, url) => {
  const separate = separateInstances(url);
  let clients: GatehousePrismaClient[] = [];
  beforeAll(async () => {
    clients = await separate.open(2);
  });

  function instances() {
    return clients.map((client) => {
      const ctx = createEngineContext({
        config: resolveConfig(config),
        stores: separate.storesOn(client),
        rateLimitStore: createPrismaRateLimitStore(async () => client),
        secret: TEST_SECRET,
      });
      return createAuthClient(ctx);
    });
  }

  const answer = async (res: Response) => (res.status === 429 ? "429" : ((await res.json()) as { status: string }).status);

  it(`${provider}: twelve wrong passwords at once through two instances get three password checks`, async () => {
    const [a, b] = instances();
    const email = `burst-${randomUUID()}@example.com`;
    expect((await a.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    const answers = await Promise.all(
      Array.from({ length: 12 }, async (_, i) =>
        answer(await (i % 2 ? a : b).send("POST", "/api/auth/signin", { body: credentials(email, `wrong-pass-${i}`) })),
      ),
    );
    expect({ wrong: answers.filter((x) => x === "WRONG_CREDENTIALS_ERROR").length, refused: answers.filter((x) => x === "429").length }).toEqual({
      wrong: 3,
      refused: 9,
    });
  });

  it(`${provider}: attempts answered with a field error take no place in the account's count`, async () => {
    const [a, b] = instances();
    const email = `fields-${randomUUID()}@example.com`;
    expect((await a.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect(await answer(await (i % 2 ? a : b).send("POST", "/api/auth/signin", { body: credentials(email, "") }))).toBe("FIELD_ERROR");
    const wrong = [];
    for (let i = 0; i < 2; i++) wrong.push(await answer(await a.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") })));
    expect(wrong).toEqual(["WRONG_CREDENTIALS_ERROR", "WRONG_CREDENTIALS_ERROR"]);
    expect((await b.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
  });
});
