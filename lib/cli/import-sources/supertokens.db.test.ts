/**
 * `gatehouse import supertokens` from a SuperTokens core database built from the core's own
 * table definitions on PostgreSQL and MariaDB (the core supports no SQLite), seeded as the core
 * writes users: bcrypt ($2a$), argon2id and imported Firebase ($f_scrypt$) hashes, a Google
 * identity linked to a password user, a user id mapping, roles with permissions, metadata and
 * verified emails. Then the users sign in to Gatehouse as they did before.
 */
import { randomUUID } from "node:crypto";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../scripts/test-db.mjs";
import { signIn } from "../../auth/emailpassword/sign-in";
import { GATEHOUSE_HASH_PREFIX } from "../../auth/imported-hashes/stored-hash-format";
import { FIREBASE_SAMPLE } from "../../auth/testing/import-fixtures";
import { getSession } from "../../auth/session/session";
import { TEST_SECRET, createTestEngine } from "../../auth/testing/test-engine";
import { signInUpWithProfile } from "../../auth/thirdparty/sign-in-up";
import { createPrismaStores, disconnectPrismaClient } from "../../store";
import { rawQuery } from "../../store/testing/raw-query.mjs";
import { SUPERTOKENS_TABLES } from "./testing/supertokens-schema";
import { runCli } from "../testing/run-cli";

const cli = (args: string[], env: Record<string, string>) => runCli(args, { env });

const sql = (value: string) => `'${value.replace(/'/g, "''")}'`;

for (const provider of ["postgresql", "mysql"] as const) {
  describe(`import from a SuperTokens core on ${provider}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    beforeAll(async () => {
      [source, target] = await Promise.all([createTestDatabase(provider, { migrate: false }), createTestDatabase(provider)]);
      for (const statement of SUPERTOKENS_TABLES) await rawQuery(source.url, statement);
    });
    afterAll(async () => {
      await disconnectPrismaClient(target.url);
      await Promise.all([source.drop(), target.drop()]);
    });

    it("users sign in with their passwords and Google, keep their ids, roles, permissions and metadata", async () => {
      const [ada, bob, cy, mapped, fay] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      const t = 1_650_000_000_000;
      const recipeUser = (userId: string, primary: string, recipe: string, joined: number) =>
        `INSERT INTO all_auth_recipe_users (app_id, tenant_id, user_id, primary_or_recipe_user_id, is_linked_or_is_a_primary_user, recipe_id, time_joined, primary_or_recipe_user_time_joined)
         VALUES ('public', 'public', ${sql(userId)}, ${sql(primary)}, ${userId !== primary || primary === ada}, ${sql(recipe)}, ${joined}, ${t})`;
      const seed = [
        `INSERT INTO apps (app_id) VALUES ('public')`,
        `INSERT INTO tenants (app_id, tenant_id) VALUES ('public', 'public')`,
        recipeUser(ada, ada, "emailpassword", t),
        recipeUser(bob, ada, "thirdparty", t + 1000),
        recipeUser(cy, cy, "emailpassword", t + 2000),
        recipeUser(mapped, mapped, "thirdparty", t + 3000),
        recipeUser(fay, fay, "emailpassword", t + 4000),
        `INSERT INTO emailpassword_users VALUES ('public', ${sql(ada)}, 'ada@example.com', ${sql((await bcryptHash("ada's password 1", 5)).replace(/^\$2b\$/, "$2a$"))}, ${t})`,
        `INSERT INTO emailpassword_users VALUES ('public', ${sql(cy)}, 'cy@example.com', ${sql(await argon2Hash("cy's password 2", { algorithm: 2, memoryCost: 4096, timeCost: 3 }))}, ${t + 2000})`,
        // A Firebase user the core imported: its hash as the core stores it, the signer key in the core's config.
        `INSERT INTO emailpassword_users VALUES ('public', ${sql(fay)}, 'fay@example.com', ${sql(`$f_scrypt$${FIREBASE_SAMPLE.passwordHash}$${FIREBASE_SAMPLE.passwordSalt}$m=14$r=8$s=Bw==`)}, ${t + 4000})`,
        `INSERT INTO thirdparty_users VALUES ('public', 'google', 'g-ada', ${sql(bob)}, 'ada@example.com', ${t + 1000})`,
        `INSERT INTO thirdparty_users VALUES ('public', 'github', 'GH-7', ${sql(mapped)}, 'dee@example.com', ${t + 3000})`,
        `INSERT INTO userid_mapping (app_id, supertokens_user_id, external_user_id) VALUES ('public', ${sql(mapped)}, 'legacy-42')`,
        `INSERT INTO emailverification_verified_emails VALUES ('public', ${sql(ada)}, 'ada@example.com')`,
        `INSERT INTO emailverification_verified_emails VALUES ('public', 'legacy-42', 'dee@example.com')`,
        `INSERT INTO roles VALUES ('public', 'admin')`,
        `INSERT INTO role_permissions VALUES ('public', 'admin', 'users:delete')`,
        `INSERT INTO user_roles VALUES ('public', 'public', ${sql(ada)}, 'admin')`,
        `INSERT INTO user_roles VALUES ('public', 'public', 'legacy-42', 'admin')`,
        `INSERT INTO user_metadata VALUES ('public', 'legacy-42', '{"plan":"gold"}')`,
      ];
      for (const statement of seed) await rawQuery(source.url, statement);

      const env = { DATABASE_URL: target.url, GATEHOUSE_SECRET: TEST_SECRET };
      const args = ["import", "supertokens", "--from", source.url, "--firebase-signer-key", FIREBASE_SAMPLE.parameters.signerKey];
      const run = await cli(args, env);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.stdout).toMatch(/imported: 4\n/);
      expect((await cli(args, env)).stdout).toMatch(/updated: +4\n/);

      const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(target.url) });
      const adaIn = await signIn(ctx, { email: "ada@example.com", password: "ada's password 1", formFields: {} });
      expect(adaIn).toMatchObject({ status: "OK", user: { id: ada } });
      expect((await signIn(ctx, { email: "cy@example.com", password: "cy's password 2", formFields: {} })).status).toBe("OK");
      expect(await signIn(ctx, { email: "fay@example.com", password: FIREBASE_SAMPLE.password, formFields: {} })).toMatchObject({
        status: "OK",
        user: { id: fay },
      });
      expect((await stores.users.findEmailPasswordAccountByEmail("cy@example.com"))?.account.passwordHash.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(
        true,
      );
      expect((await stores.users.getUserById(ada))?.emailVerified).toBe(true);
      expect((await stores.users.getUserById(cy))?.emailVerified).toBe(false);

      const google = await signInUpWithProfile(ctx, {
        thirdPartyId: "google",
        profile: { id: "g-ada", email: "ada@example.com", emailVerified: true },
        raw: {},
      });
      expect(google).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: ada } });
      const github = await signInUpWithProfile(ctx, {
        thirdPartyId: "github",
        profile: { id: "GH-7", email: "dee@example.com", emailVerified: true },
        raw: {},
      });
      expect(github).toMatchObject({ status: "OK", user: { id: "legacy-42" } });
      if (github.status !== "OK") return;
      const session = await getSession(ctx, { accessToken: github.tokens.accessToken });
      const payload = session.status === "OK" ? JSON.stringify(session.session.accessTokenPayload) : "";
      expect(payload).toContain("admin");
      expect(payload).toContain("users:delete");
      expect((await stores.imports.findByExternalId("legacy-42"))[0]).toMatchObject({ source: "supertokens", metadata: { plan: "gold" } });
    });
  });
}
