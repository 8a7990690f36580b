import { describe, expect, it } from "vitest";
import { recordRefreshFailure, refreshFailureCount, sharedRefreshFailure } from "./refresh-failure";

describe("sharedRefreshFailure", () => {
  it("is shared only by callers that began waiting before the failure, with the same session", () => {
    const before = refreshFailureCount();
    recordRefreshFailure("m", "error");
    const after = refreshFailureCount();
    expect(sharedRefreshFailure("m", before)).toMatchObject({ marker: "m", kind: "error" });
    expect(sharedRefreshFailure("other", before)).toBeNull();
    // Began waiting after it failed (however soon): it tries again.
    expect(sharedRefreshFailure("m", after)).toBeNull();
  });
});
