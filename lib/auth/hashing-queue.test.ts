import { pbkdf2 } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./emailpassword/password-hash";
import { hashingLimit, hashingQueue, queueHashing, threadPoolSize } from "./hashing-queue";

/** Every microtask and every callback already due has run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("threadPoolSize: UV_THREADPOOL_SIZE as libuv reads it", () => {
  it.each([
    [undefined, 4],
    ["8", 8],
    ["1", 1],
    ["0", 1],
    ["", 1],
    ["many", 1],
    ["6 threads", 6],
    ["1024", 1024],
    ["5000", 1024],
    ["-2", 1024],
  ])("%j → %i", (value, size) => {
    expect(threadPoolSize(value)).toBe(size);
  });
});

describe("hashingLimit: all but one of the pool's threads, and no more than the cores", () => {
  it.each([
    [4, 8, 3],
    [4, 2, 2],
    [16, 32, 15],
    [16, 4, 4],
    [2, 8, 1],
    [1, 8, 1],
    [4, 1, 1],
  ])("a pool of %i threads on %i cores → %i at once", (pool, cores, limit) => {
    expect(hashingLimit(pool, cores)).toBe(limit);
  });
});

describe("queueHashing", () => {
  it("runs at most hashingLimit() at once, the rest in arrival order, and a failure frees its turn", async () => {
    const limit = hashingLimit();
    const started: number[] = [];
    const finish: ((ok: boolean) => void)[] = [];
    const jobs = upTo(limit + 2).map((i) =>
      queueHashing(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(i);
            finish[i] = (ok) => (ok ? resolve(i) : reject(new Error(`hash ${i} failed`)));
          }),
      ),
    );
    await settled();
    expect(started).toEqual(upTo(limit));
    expect([hashingQueue.running, hashingQueue.waiting]).toEqual([limit, 2]);

    finish[0](false);
    await expect(jobs[0]).rejects.toThrow("hash 0 failed");
    await settled();
    expect(started).toEqual(upTo(limit + 1));

    for (const i of upTo(limit + 1).slice(1)) finish[i](true);
    await settled();
    expect(started).toEqual(upTo(limit + 2));
    finish[limit + 1](true);
    expect(await Promise.all(jobs.slice(1))).toEqual(upTo(limit + 2).slice(1));
    expect([hashingQueue.running, hashingQueue.waiting]).toEqual([0, 0]);
  });
});

describe("password hashes take their turns", () => {
  it("verifications and new hashes beyond the limit wait for a turn", async () => {
    const hash = await hashPassword("correct horse battery");
    const limit = hashingLimit();
    const verifications = upTo(limit + 1).map(() => verifyPassword(hash, "correct horse battery"));
    const hashed = hashPassword("another password");
    await settled();
    expect([hashingQueue.running, hashingQueue.waiting]).toEqual([limit, 2]);
    expect(await Promise.all(verifications)).toEqual(upTo(limit + 1).map(() => true));
    expect(await verifyPassword(await hashed, "another password")).toBe(true);
    expect([hashingQueue.running, hashingQueue.waiting]).toEqual([0, 0]);
  });

  // The point of the turns: a refresh's commit sync and its RS256 signature, which run on the
  // same pool, do not wait behind hashes. pbkdf2 with one iteration stands in for them.
  it.skipIf(threadPoolSize() < 2)("leave a thread of libuv's pool free for other work while hashes wait", async () => {
    const hash = await hashPassword("correct horse battery");
    let verified = 0;
    const verifications = upTo(hashingLimit() + 2).map(() => verifyPassword(hash, "correct horse battery").then(() => verified++));
    await settled();
    await new Promise((resolve, reject) => pbkdf2("other work", "salt", 1, 32, "sha256", (error) => (error ? reject(error) : resolve(null))));
    expect(verified).toBe(0);
    await Promise.all(verifications);
    expect(verified).toBe(hashingLimit() + 2);
  });
});
