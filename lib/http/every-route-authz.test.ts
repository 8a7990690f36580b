/**
 * Every route of the auth API probed for cross-account access (IDOR, confused deputy) on
 * in-memory stores: A, signed in and signed out, with B's identifiers everywhere a route takes
 * one, changes nothing of B's and learns nothing of B's (testing/authz-sweep.ts). Three times: A
 * an outsider to B's organization; a plain member of it, at its owner's and admins' routes; an
 * admin of it, at its owner's (delete, transfer, the owner's own membership).
 */
import { describe, it } from "vitest";
import { createAuthzWorld } from "./testing/authz-world";
import { sweepAuthorization } from "./testing/authz-sweep";

describe("every route: another account's identifiers reach nothing of theirs", () => {
  it("A outside B's organization", async () => {
    await sweepAuthorization(await createAuthzWorld("outsider"));
  }, 120_000);

  it("A a plain member of B's organization", async () => {
    await sweepAuthorization(await createAuthzWorld("member"));
  }, 120_000);

  it("A an admin of B's organization, at its owner's routes", async () => {
    await sweepAuthorization(await createAuthzWorld("admin"));
  }, 120_000);
});
