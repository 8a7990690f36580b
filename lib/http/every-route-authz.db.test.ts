/**
 * The authorization sweep of every route (testing/authz-sweep.ts) on SQLite, PostgreSQL and
 * MariaDB, each a fresh database. There the stores' own scoping is the last check: an invitation
 * revoked only within its organization, a member's role changed never on the owner, a device or
 * passkey found only among its user's, and by its exact spelling whatever the collation. One
 * variant, the one whose calls get furthest past the engine's checks: A an admin of B's
 * organization (and the owner of its own, under which it names B's ids). A's session only: what
 * no session reaches is the same on every store, and the memory run has it.
 */
import { it } from "vitest";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthzWorld } from "./testing/authz-world";
import { sweepAuthorization } from "./testing/authz-sweep";

describeOnEachDatabase((provider, url) => {
  it(`every route: another account's identifiers reach nothing of theirs (${provider})`, async () => {
    await sweepAuthorization(await createAuthzWorld("admin", createPrismaStores(url())), { callers: ["A"] });
  }, 300_000);
});
