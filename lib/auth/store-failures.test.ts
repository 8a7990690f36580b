import { describe, expect, it } from "vitest";
import { GatehouseError } from "./errors";
import { withStoreFailures } from "./store-failures";
import { createMemoryStores } from "./testing/memory-stores";

describe("withStoreFailures", () => {
  it("passes results through and turns thrown failures into STORE_FAILED", async () => {
    const stores = createMemoryStores();
    const broken = {
      ...stores,
      sessions: {
        ...stores.sessions,
        getSession: async () => {
          throw new Error("ECONNREFUSED 127.0.0.1:5432");
        },
      },
    };
    const wrapped = withStoreFailures(broken);
    expect(await wrapped.users.getUserById("nobody")).toBeNull();
    const failure = await wrapped.sessions.getSession("x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GatehouseError);
    expect(failure).toMatchObject({ code: "STORE_FAILED", message: expect.stringContaining("sessions.getSession") });
  });
});
