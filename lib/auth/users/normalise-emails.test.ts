import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { normaliseStoredEmails } from "./normalise-emails";

const nfc = (local: string) => `${local}\u00e9@example.com`;
const nfd = (local: string) => `${local}e\u0301@example.com`;

describe("normaliseStoredEmails (memory stores; every database in lib/cli/normalise-emails.db.test.ts)", () => {
  it("rewrites a user stored in NFD, leaves a collision, and a dry run changes nothing", async () => {
    const { ctx, stores } = createTestEngine();
    const now = ctx.now();
    const make = async (id: string, email: string) =>
      expect((await stores.users.createEmailPasswordUser({ id, email, passwordHash: "h", timeJoined: now })).status).toBe("OK");
    await make("jose", nfd("jos"));
    await make("older", nfd("ren"));
    await make("newer", nfc("ren"));

    expect(await normaliseStoredEmails(ctx, { dryRun: true })).toEqual({
      rewritten: [{ userId: "jose", rows: 2 }],
      collisions: [{ userId: "older", otherUserId: "newer", email: nfc("ren") }],
      unowned: 0,
    });
    expect((await stores.users.getUserById("jose"))?.email).toBe(nfd("jos"));

    const done = await normaliseStoredEmails(ctx);
    expect(done.rewritten).toEqual([{ userId: "jose", rows: 2 }]);
    expect(done.collisions).toHaveLength(1);
    expect((await stores.users.getUserById("jose"))?.email).toBe(nfc("jos"));
    expect((await stores.users.findEmailPasswordAccountByEmail(nfc("jos")))?.user.id).toBe("jose");
    expect((await stores.users.getUserById("older"))?.email).toBe(nfd("ren"));
  });
});
