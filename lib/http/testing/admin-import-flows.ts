import { randomUUID } from "node:crypto";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import { describe, expect, it } from "vitest";
import { createApiKey } from "../../auth/apikeys/api-keys";
import { importUserBatch } from "../../auth/import/import-users";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, credentials } from "./client";

const A = "/api/auth/admin";

/**
 * Imported users in the admin API: where each came from, whether the imported password hash has
 * been upgraded, and the lookup by id or old id that also finds users without an email. Runs on
 * in-memory stores (admin.test.ts) and on SQLite, PostgreSQL and MariaDB (admin.db.test.ts).
 */
export function describeAdminImportFlows(name: string, makeEngine: MakeEngine): void {
  describe(name, () => {
    it("shows an imported user's source, old id and hash upgrade; finds users by id or old id, with or without an email", async () => {
      const { ctx } = await makeEngine({});
      const tag = randomUUID().slice(0, 8);
      const created = await createApiKey(ctx, { name: `import ${tag}`, expiresAt: new Date(ctx.now().getTime() + 3600_000) });
      if (created.status !== "OK") throw new Error(created.status);
      const api = async (path: string) => {
        const response = await createAuthClient(ctx).send("GET", `${A}${path}`, {
          cookies: false,
          headers: { origin: null, rid: null, authorization: `Bearer ${created.key}` },
        });
        return { status: response.status, body: await response.json() };
      };
      const email = `imp-${tag}@example.com`;
      // Old ids that cannot be Gatehouse ids: both users get new ones.
      const withPassword = {
        externalUserId: `legacy #${tag}`,
        loginMethods: [{ recipeId: "emailpassword", email, passwordHash: await bcryptHash("imported pw", 4), isVerified: true }],
      };
      const withoutEmail = {
        externalUserId: `github user ${tag}`,
        loginMethods: [{ recipeId: "thirdparty", thirdPartyId: "github", thirdPartyUserId: `gh-${tag}` }],
      };
      const reports = await importUserBatch(
        ctx,
        [withPassword, withoutEmail].map((value, i) => ({ line: i + 1, value })),
        { source: "better-auth", dryRun: false },
      );
      const [importedId, noEmailId] = reports.map((r) => (r.status === "CREATED" ? r.userId : `not created: ${r.status}`));

      const before = await api(`/users/${encodeURIComponent(importedId)}`);
      expect(before.body.imported).toEqual({
        source: "better-auth",
        externalId: `legacy #${tag}`,
        importedAt: ctx.now().getTime(),
        password: { hashFormat: "bcrypt", upgraded: false },
      });
      const signIn = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(email, "imported pw") });
      expect((await signIn.json()).status).toBe("OK");
      const after = await api(`/users/${encodeURIComponent(importedId)}`);
      expect(after.body.imported.password).toEqual({ hashFormat: "argon2id", upgraded: true });
      expect((await api(`/users/${encodeURIComponent(noEmailId)}`)).body.imported).toMatchObject({
        externalId: `github user ${tag}`,
        password: null,
      });

      const lookup = async (id: string) => (await api(`/users/lookup?id=${encodeURIComponent(id)}`)).body.users.map((u: { id: string }) => u.id);
      expect(await lookup(`legacy #${tag}`)).toEqual([importedId]);
      expect(await lookup(` github user ${tag} `)).toEqual([noEmailId]);
      expect(await lookup(noEmailId)).toEqual([noEmailId]);
      expect((await api(`/users/lookup?id=${encodeURIComponent(noEmailId)}`)).body.users[0]).toMatchObject({ email: null });
      expect(await lookup(`nobody ${tag}`)).toEqual([]);

      // A user who signed up here was not imported.
      const up = await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(`own-${tag}@example.com`, "fixture-pw-1") });
      const ownId = (await up.json()).user.id;
      expect((await api(`/users/${ownId}`)).body).toMatchObject({ status: "OK", imported: null });
      expect(await lookup(ownId)).toEqual([ownId]);

      for (const query of ["", "id=", "id=%20", `id=${"x".repeat(192)}`]) expect((await api(`/users/lookup?${query}`)).status, query).toBe(400);
    });
  });
}
