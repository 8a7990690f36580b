/**
 * The admin API's whole-number query parameters (`limit`, `days`) take plain decimal digits in
 * their range and nothing else. They were read with `Number()`, which took an empty value as 0
 * and `0x10`, `1e2`, `5.0`, `+5` and padded digits as numbers: a caller's typo became another
 * request instead of a 400.
 */
import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createNewRoleOrAddPermissions } from "../auth/userroles/roles";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient } from "./testing/client";

async function setUp() {
  const engine = createTestEngine();
  const key = await createApiKey(engine.ctx, { name: "ops" });
  if (key.status !== "OK") throw new Error("key");
  await createNewRoleOrAddPermissions(engine.ctx, "editor", []);
  const client = createAuthClient(engine.ctx);
  return (path: string) => client.send("GET", `/api/auth${path}`, { headers: { authorization: `Bearer ${key.key}` } });
}

const ENDPOINTS = [
  { path: "/admin/users?limit=", range: "1 to 500" },
  { path: "/admin/organizations?limit=", range: "1 to 500" },
  { path: "/admin/roles/editor/users?limit=", range: "1 to 500" },
  { path: "/admin/stats/signups?days=", range: "1 to 366" },
  // The audit log's pages had a reader of their own, still on Number().
  { path: "/admin/audit-events?limit=", range: "1 to 500" },
  { path: "/admin/users/someone/audit-events?limit=", range: "1 to 500" },
];

describe("admin API whole-number query parameters", () => {
  it.each(ENDPOINTS)("$path refuses what is not plain digits in range, naming the range", async ({ path, range }) => {
    const get = await setUp();
    const name = path.slice(path.indexOf("?") + 1, -1);
    for (const bad of ["", "0x10", "1e2", "5.0", "+5", "%205", "5%20", "-1", "0", "abc", "99999999999999999999"]) {
      const response = await get(`${path}${bad}`);
      expect({ bad, status: response.status, body: await response.json() }).toEqual({
        bad,
        status: 400,
        body: { status: "BAD_INPUT_ERROR", message: `${name}: a whole number from ${range}` },
      });
    }
    const ok = await get(`${path}5`);
    expect({ status: ok.status, body: (await ok.json()).status }).toEqual({ status: 200, body: "OK" });
  });
});
