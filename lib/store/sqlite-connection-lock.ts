/**
 * One SQLite connection, one transaction at a time, and nothing else inside it.
 *
 * Prisma's better-sqlite3 adapter runs every query on its one connection. Its lock orders
 * transactions among themselves, but a query outside any transaction does not wait for it: run
 * while another request's transaction is open, it lands inside that transaction. Such a write is
 * answered as done, yet a rollback of the other request's transaction undoes it (a revocation, a
 * rotated refresh token), and such a read sees rows the other transaction has not committed and
 * may never commit.
 *
 * So a query outside a transaction waits while one is open or waiting, in arrival order, and
 * runs at once otherwise; a transaction holds the connection from its start until its commit or
 * rollback. A query runs synchronously inside the adapter's call (better-sqlite3), so holding
 * the connection for that call covers it. Reaches into the adapter as sqlite-group-commit.ts
 * does; sqlite-connection-lock.db.test.ts fails if an upgrade changes the calls.
 */

type Call = (...args: never[]) => Promise<unknown>;

/** A first-come, first-served hold on the connection, handed from one holder to the next. */
class ConnectionTurns {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  /** Null when free now (and taken); otherwise a promise that resolves once it is this caller's. */
  take(): Promise<void> | null {
    if (!this.held) {
      this.held = true;
      return null;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  get free(): boolean {
    return !this.held;
  }
}

/**
 * Orders the calls of `adapter` (Prisma's better-sqlite3 adapter) as the file comment says.
 * Returns false, changing nothing, when it is not shaped like one.
 */
export function serializeConnection(adapter: object): boolean {
  const target = adapter as Record<string, Call | undefined>;
  const startTransaction = target.startTransaction;
  if (typeof startTransaction !== "function" || typeof target.queryRaw !== "function") return false;
  const turns = new ConnectionTurns();
  for (const name of ["queryRaw", "executeRaw", "executeScript"]) {
    const call = target[name];
    if (typeof call !== "function") continue;
    target[name] = (...args: never[]) => {
      // Free: the query runs and finishes within this call, so it needs no turn.
      if (turns.free) return call.apply(adapter, args);
      const turn = turns.take()!;
      return turn.then(() => {
        try {
          return call.apply(adapter, args);
        } finally {
          turns.release();
        }
      });
    };
  }
  target.startTransaction = async (...args: never[]) => {
    await turns.take();
    let transaction: Record<string, Call | undefined>;
    try {
      transaction = (await startTransaction.apply(adapter, args)) as Record<string, Call | undefined>;
    } catch (error) {
      turns.release();
      throw error;
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      turns.release();
    };
    for (const name of ["commit", "rollback"]) {
      const call = transaction[name];
      if (typeof call !== "function") continue;
      transaction[name] = async (...callArgs: never[]) => {
        try {
          return await call.apply(transaction, callArgs);
        } finally {
          end();
        }
      };
    }
    return transaction;
  };
  return true;
}

/** Wraps an adapter factory so that every connection it opens is ordered as above; throws if one cannot be. */
export function withConnectionLock<Factory extends { connect(): Promise<object> }>(factory: Factory): Factory {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    if (!serializeConnection(adapter)) {
      throw new Error(
        "The SQLite adapter's calls are not reachable: cannot keep queries out of other requests' transactions (see lib/store/sqlite-connection-lock.ts).",
      );
    }
    return adapter;
  };
  return factory;
}
