import { afterAll } from "vitest";
import type { Stores } from "../../auth/ports";
import { createPrismaStoresOn, openPrismaClient } from "../index";
import { providerOf } from "../database-url.mjs";
import type { GatehousePrismaClient } from "../prisma-client";

/**
 * For race tests that play two or more app instances against one database: each instance has a
 * Prisma client, and so a connection pool, of its own (the shared `getPrismaClient` would put
 * both sides on one pool). Call it inside `describeOnEachDatabase`'s suite; every client it
 * opens is disconnected after the suite, before the database is dropped.
 */
export function separateInstances(url: () => string) {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });
  return {
    /** `count` clients with connections of their own. */
    async open(count: number): Promise<GatehousePrismaClient[]> {
      const clients = await Promise.all(Array.from({ length: count }, () => openPrismaClient(url())));
      opened.push(...clients);
      return clients;
    },
    /** The stores an instance builds on `client` (which may be an extended client). */
    storesOn(client: GatehousePrismaClient): Stores {
      return createPrismaStoresOn(() => Promise.resolve(client), providerOf(url()));
    },
  };
}

/** Holds a transaction open for `ms`, so that another instance's statement reaches the database meanwhile. */
export function hold(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
