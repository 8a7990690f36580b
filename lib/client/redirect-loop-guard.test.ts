import { describe, expect, it } from "vitest";
import { createRedirectLoopGuard } from "./redirect-loop-guard";
import { FakeStorage } from "./testing/fake-browser";

describe("createRedirectLoopGuard", () => {
  it("allows two returns to a path within 10 s, then reports a loop", () => {
    const guard = createRedirectLoopGuard(new FakeStorage());
    expect(guard.isLooping("/dashboard", 1_000)).toBe(false);
    guard.recordReturn("/dashboard", 1_000);
    expect(guard.isLooping("/dashboard", 2_000)).toBe(false);
    guard.recordReturn("/dashboard", 2_000);
    expect(guard.isLooping("/dashboard", 3_000)).toBe(true);
  });

  it("counts each path separately and forgets returns older than the window", () => {
    const guard = createRedirectLoopGuard(new FakeStorage());
    guard.recordReturn("/a", 0);
    guard.recordReturn("/a", 1_000);
    expect(guard.isLooping("/b", 2_000)).toBe(false);
    expect(guard.isLooping("/a", 10_500)).toBe(false); // the return at 0 ms has aged out
    expect(guard.isLooping("/a", 10_999)).toBe(false);
    expect(guard.isLooping("/a", 5_000)).toBe(true);
  });

  it("survives a new guard on the same storage (the page is reloaded between returns)", () => {
    const storage = new FakeStorage();
    createRedirectLoopGuard(storage).recordReturn("/x", 100);
    createRedirectLoopGuard(storage).recordReturn("/x", 200);
    expect(createRedirectLoopGuard(storage).isLooping("/x", 300)).toBe(true);
  });

  it("treats corrupted storage as empty, and works (without detection) with no storage", () => {
    const storage = new FakeStorage();
    storage.setItem("gatehouse-refresh-returns", "{oops");
    expect(createRedirectLoopGuard(storage).isLooping("/x", 1)).toBe(false);
    const none = createRedirectLoopGuard(undefined);
    none.recordReturn("/x", 1);
    expect(none.isLooping("/x", 2)).toBe(false);
  });
});
