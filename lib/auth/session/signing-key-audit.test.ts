/**
 * A reset of the signing keys (after a deliberate change of GATEHOUSE_SECRET) and a rotation are
 * different incidents: a reset stops every access token verifying at once. The audit log must
 * tell them apart.
 */
import { expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession } from "./session";
import { resetSigningKeys, rotateSigningKeys } from "./session-info";

it("a rotation and a reset of the signing keys are recorded as what they were", async () => {
  const { ctx, stores } = createTestEngine();
  await createNewSession(ctx, { userId: "u1" });
  await rotateSigningKeys(ctx, { retireOldKeys: true });
  await resetSigningKeys(ctx);
  await ctx.audit.settled();
  const rows = (await stores.audit.listEvents({ limit: 10 })).filter((e) => e.type.startsWith("keys."));
  // Newest first.
  expect(rows.map((e) => [e.type, e.detail])).toEqual([
    ["keys.reset", { count: 2 }],
    ["keys.rotated", { count: 1 }],
  ]);
});
