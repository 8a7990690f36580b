import { describe, expect, it } from "vitest";
import { retryOnWriteConflict } from "./prisma-errors";

function prismaError(code: string): Error {
  return Object.assign(new Error(`prisma ${code}`), { name: "PrismaClientKnownRequestError", code });
}

describe("retryOnWriteConflict", () => {
  it("runs a statement rolled back as a deadlock again, until it goes through", async () => {
    let calls = 0;
    const result = await retryOnWriteConflict(async () => {
      calls++;
      if (calls < 3) throw prismaError("P2034");
      return "done";
    });
    expect(result).toBe("done");
    expect(calls).toBe(3);
  });

  it("throws any other error at once", async () => {
    let calls = 0;
    const unique = prismaError("P2002");
    await expect(
      retryOnWriteConflict(async () => {
        calls++;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  it("gives up after the last attempt", async () => {
    let calls = 0;
    await expect(
      retryOnWriteConflict(async () => {
        calls++;
        throw prismaError("P2034");
      }, 4),
    ).rejects.toMatchObject({ code: "P2034" });
    expect(calls).toBe(4);
  });
});
