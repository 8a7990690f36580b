import { describe, expect, it, vi } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { withMemberEmails } from "./member-emails";

describe("withMemberEmails", () => {
  it("gives every member its email from one read of the users, and null for a user that is gone", async () => {
    const { ctx, stores } = createTestEngine();
    const joinedAt = ctx.now();
    for (const [id, email] of [
      ["u1", "ada@example.com"],
      ["u2", "grace@example.com"],
    ]) {
      expect((await stores.users.createEmailPasswordUser({ id: id!, email: email!, passwordHash: "x", timeJoined: joinedAt })).status).toBe("OK");
    }
    const members = ["u2", "gone", "u1"].map((userId) => ({ organizationId: "acme", userId, role: "member", joinedAt }));
    const many = vi.spyOn(ctx.stores.users, "getUsersByIds");
    const one = vi.spyOn(ctx.stores.users, "getUserById");

    expect(await withMemberEmails(ctx, members)).toEqual([
      { ...members[0], email: "grace@example.com" },
      { ...members[1], email: null },
      { ...members[2], email: "ada@example.com" },
    ]);
    expect(many).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    expect(await withMemberEmails(ctx, [])).toEqual([]);
    expect(many).toHaveBeenCalledTimes(1);
  });
});
