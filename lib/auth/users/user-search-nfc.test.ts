import { describe, expect, it } from "vitest";
import { signUp } from "../emailpassword/sign-up";
import { createTestEngine } from "../testing/test-engine";
import { getUserCount, getUsersNewestFirst } from "./users";

describe("the user list's email filter (admin API, dashboard, CLI) in Unicode NFC", () => {
  it("a prefix typed decomposed finds the address stored precomposed", async () => {
    const { ctx } = createTestEngine();
    const email = "jos\u00e9@example.com";
    const made = await signUp(ctx, { email, password: "fixture-pw-1", formFields: { email, password: "fixture-pw-1" } });
    if (made.status !== "OK") throw new Error(made.status);
    const page = await getUsersNewestFirst(ctx, { emailPrefix: "JOSE\u0301@" });
    expect(page).toMatchObject({ status: "OK", users: [{ id: made.user.id }] });
    expect(await getUserCount(ctx, { emailPrefix: "jose\u0301" })).toBe(1);
  });
});
