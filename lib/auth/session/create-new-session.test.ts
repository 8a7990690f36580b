import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { deleteUser } from "../users/users";
import { createNewSession } from "./session";

describe("createNewSession for a user that does not exist", () => {
  it("throws INVALID_ARGUMENT, a GatehouseError naming the user, not a bare Error (a 500 with no code)", async () => {
    const { ctx, stores } = createTestEngine();
    await stores.users.createEmailPasswordUser({ id: "gone", email: "gone@example.com", passwordHash: "h", timeJoined: ctx.now() });
    await deleteUser(ctx, "gone");
    await expect(createNewSession(ctx, { userId: "gone" })).rejects.toMatchObject({
      name: "GatehouseError",
      code: "INVALID_ARGUMENT",
      message: expect.stringContaining("gone"),
    });
  });
});
