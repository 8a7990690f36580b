/**
 * The refresh token's own checks, on tokens that carry a valid tag: the tag is what stops a
 * forgery, so these hold the shape checks to account on their own (refresh-session.ts relies on
 * a parsed handle being one of ours, and nothing long being hashed on a stranger's behalf).
 */
import { createHmac, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRefreshToken, deriveChildRefreshToken, parseRefreshToken, type RefreshTokenKeys } from "./refresh-token";

const keys: RefreshTokenKeys = { refreshTag: randomBytes(32), refreshChain: randomBytes(32) };
const HANDLE = "0f8c7c3e-9a4b-4c1d-8e2f-3a5b6c7d8e9f";

/** A token of any handle and nonce with the tag our key gives it: what only the server could write. */
function tagged(handle: string, nonce: string): string {
  const tag = createHmac("sha256", keys.refreshTag).update(`${handle}.${nonce}`).digest().subarray(0, 16).toString("base64url");
  return `v1.${handle}.${nonce}.${tag}`;
}

describe("parseRefreshToken", () => {
  it("reads back the handle of a token it issued, new or derived", () => {
    const first = createRefreshToken(keys, HANDLE);
    expect(parseRefreshToken(keys, first)).toEqual({ sessionHandle: HANDLE });
    expect(parseRefreshToken(keys, deriveChildRefreshToken(keys, HANDLE, first))).toEqual({ sessionHandle: HANDLE });
    expect(parseRefreshToken(keys, tagged(HANDLE, "A".repeat(43)))).toEqual({ sessionHandle: HANDLE });
  });

  it("refuses a handle that is not a session handle's shape, even under a valid tag", () => {
    for (const handle of ["", "u1", "../../etc", "0F8C7C3E-9A4B-4C1D-8E2F-3A5B6C7D8E9F", `${HANDLE}0`]) {
      expect(parseRefreshToken(keys, tagged(handle, "A".repeat(43))), handle).toBeNull();
    }
  });

  it("refuses a token longer than any it issues (200 characters), even under a valid tag", () => {
    const longest = tagged(HANDLE, "A".repeat(200 - tagged(HANDLE, "").length));
    expect(longest).toHaveLength(200);
    expect(parseRefreshToken(keys, longest)).toEqual({ sessionHandle: HANDLE });
    expect(parseRefreshToken(keys, tagged(HANDLE, "A".repeat(201 - tagged(HANDLE, "").length)))).toBeNull();
  });

  it("refuses another key's tag, and a tag cut short", () => {
    const token = createRefreshToken(keys, HANDLE);
    expect(parseRefreshToken({ refreshTag: randomBytes(32), refreshChain: keys.refreshChain }, token)).toBeNull();
    expect(parseRefreshToken(keys, token.slice(0, -1))).toBeNull();
  });
});
