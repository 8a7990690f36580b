import { describe, expect, it } from "vitest";
import { serializeConnection, withConnectionLock } from "./sqlite-connection-lock";

/** An adapter shaped like Prisma's better-sqlite3 one that records the order its statements run in. */
function fakeAdapter(options: { failStart?: boolean } = {}) {
  const ran: string[] = [];
  const transaction = {
    executeRaw: async (sql: string) => void ran.push(`tx:${sql}`),
    commit: async () => void ran.push("tx:commit"),
    rollback: async () => void ran.push("tx:rollback"),
  };
  const adapter = {
    queryRaw: async (sql: string) => void ran.push(sql),
    executeRaw: async (sql: string) => void ran.push(sql),
    startTransaction: async () => {
      if (options.failStart) throw new Error("BEGIN failed");
      ran.push("tx:begin");
      return transaction;
    },
  };
  return { adapter, ran };
}

const turns = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe("serializeConnection", () => {
  it("runs a query at once while no transaction is open", async () => {
    const { adapter, ran } = fakeAdapter();
    expect(serializeConnection(adapter)).toBe(true);
    void adapter.executeRaw("plain");
    expect(ran).toEqual(["plain"]);
  });

  it("holds queries back while a transaction is open, then runs them in arrival order", async () => {
    const { adapter, ran } = fakeAdapter();
    serializeConnection(adapter);
    const tx = (await adapter.startTransaction()) as Awaited<ReturnType<typeof adapter.startTransaction>>;
    const first = adapter.executeRaw("first");
    const second = adapter.queryRaw("second");
    await tx.executeRaw("inside");
    await turns();
    expect(ran).toEqual(["tx:begin", "tx:inside"]);
    await tx.commit();
    await Promise.all([first, second]);
    expect(ran).toEqual(["tx:begin", "tx:inside", "tx:commit", "first", "second"]);
  });

  it("starts the next transaction only after the open one ends, a rollback too", async () => {
    const { adapter, ran } = fakeAdapter();
    serializeConnection(adapter);
    const tx = await adapter.startTransaction();
    let secondStarted = false;
    const second = adapter.startTransaction().then((t) => ((secondStarted = true), t));
    await turns();
    expect(secondStarted).toBe(false);
    await tx.rollback();
    await (await second).commit();
    expect(ran).toEqual(["tx:begin", "tx:rollback", "tx:begin", "tx:commit"]);
  });

  it("frees the connection when a transaction cannot start", async () => {
    const { adapter, ran } = fakeAdapter({ failStart: true });
    serializeConnection(adapter);
    await expect(adapter.startTransaction()).rejects.toThrow("BEGIN failed");
    void adapter.executeRaw("after");
    expect(ran).toEqual(["after"]);
  });

  it("refuses an adapter it cannot order, rather than run unordered", async () => {
    await expect(withConnectionLock({ connect: async () => ({ queryRaw: async () => null }) }).connect()).rejects.toThrow(/cannot keep queries out/);
  });
});
