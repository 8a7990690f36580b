import { describe, expect, it } from "vitest";
import { createMemoryEmailTokenStore } from "../testing/memory-email-token-store";
import { createTestEngine } from "../testing/test-engine";
import { consumeEmailToken, createEmailToken, hashEmailToken, issueEmailToken } from "./email-token";

describe("emailed one-time tokens", () => {
  it("are 256-bit base64url values from the CSPRNG, never repeated", () => {
    const tokens = new Set(Array.from({ length: 1000 }, createEmailToken));
    expect(tokens.size).toBe(1000);
    for (const token of [...tokens].slice(0, 20)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("only the sha256 is stored", async () => {
    const { ctx } = createTestEngine();
    const store = createMemoryEmailTokenStore();
    const seen: string[] = [];
    const spy = {
      ...store,
      replaceTokensForUser: async (row: Parameters<typeof store.replaceTokensForUser>[0]) => {
        seen.push(JSON.stringify(row));
        return store.replaceTokensForUser(row);
      },
    };
    const token = (await issueEmailToken(ctx, spy, { userId: "u1", email: "a@example.com", ttlSeconds: 60 }))!;
    expect(seen[0]).toContain(hashEmailToken(token));
    expect(seen[0]).not.toContain(token);
    expect(hashEmailToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("expire exactly at their TTL, by the engine's clock", async () => {
    const { ctx, clock } = createTestEngine();
    const store = createMemoryEmailTokenStore();
    const early = (await issueEmailToken(ctx, store, { userId: "u1", email: "a@example.com", ttlSeconds: 3600 }))!;
    clock.advanceSeconds(3599);
    expect(await consumeEmailToken(ctx, store, early)).toMatchObject({ userId: "u1", email: "a@example.com" });
    const late = (await issueEmailToken(ctx, store, { userId: "u1", email: "a@example.com", ttlSeconds: 3600 }))!;
    clock.advanceSeconds(3600);
    expect(await consumeEmailToken(ctx, store, late)).toBeNull();
  });

  it("work once, and a newer token replaces the older one", async () => {
    const { ctx } = createTestEngine();
    const store = createMemoryEmailTokenStore();
    const first = (await issueEmailToken(ctx, store, { userId: "u1", email: "a@example.com", ttlSeconds: 60 }))!;
    const second = (await issueEmailToken(ctx, store, { userId: "u1", email: "a@example.com", ttlSeconds: 60 }))!;
    const other = (await issueEmailToken(ctx, store, { userId: "u2", email: "b@example.com", ttlSeconds: 60 }))!;
    expect(await consumeEmailToken(ctx, store, first)).toBeNull();
    expect(await consumeEmailToken(ctx, store, second)).not.toBeNull();
    expect(await consumeEmailToken(ctx, store, second)).toBeNull();
    expect(await consumeEmailToken(ctx, store, other)).not.toBeNull();
  });

  it("of ten parallel uses exactly one succeeds", async () => {
    const { ctx } = createTestEngine();
    const store = createMemoryEmailTokenStore();
    const token = (await issueEmailToken(ctx, store, { userId: "u1", email: "a@example.com", ttlSeconds: 60 }))!;
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeEmailToken(ctx, store, token)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses empty and oversized tokens without a lookup", async () => {
    const { ctx } = createTestEngine();
    const store = {
      ...createMemoryEmailTokenStore(),
      consumeToken: async () => {
        throw new Error("looked up");
      },
    };
    expect(await consumeEmailToken(ctx, store, "")).toBeNull();
    expect(await consumeEmailToken(ctx, store, "x".repeat(257))).toBeNull();
  });
});
