/**
 * `gatehouse doctor`, `organizations list` and `organizations show` against each database: the
 * organizations whose required second factor nothing enforces, because MFA is off in the
 * configuration.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { E2E_CONFIG_OVERLAY } from "../e2e-config-overlay";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { runCli } from "./testing/run-cli";

const T0 = new Date("2031-05-06T07:08:09.123Z");
// The deployer's config (lib/config) leaves MFA off; this overlay turns it on.
const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-doctor-"));
const MFA_ON = path.join(dir, "mfa-on.json");
writeFileSync(MFA_ON, JSON.stringify({ mfa: {} }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeOnEachDatabase((provider, url) => {
  let env: Record<string, string>;
  // Five organizations required a second factor while MFA was on; "plain" requires none.
  beforeAll(async () => {
    const stores = createPrismaStores(url());
    const owner = randomUUID();
    expect((await stores.users.createEmailPasswordUser({ id: owner, email: `${owner}@example.com`, passwordHash: "h", timeJoined: T0 })).status).toBe(
      "OK",
    );
    const requiring = ["gamma", "acme", "echo", "beta", "delta"];
    for (const id of [...requiring, "plain"]) {
      const loginMethods = id === "plain" ? { requiredSecondaryFactors: [] } : { requiredSecondaryFactors: ["totp"] };
      const organization = { id, name: id, loginMethods, createdAt: T0 };
      expect(await stores.organizations.createOrganization({ organization, ownerUserId: owner })).toEqual({ status: "OK" });
    }
    env = { DATABASE_URL: url(), GATEHOUSE_SECRET: TEST_SECRET };
  });

  it(`doctor names the organizations requiring a second factor while MFA is off (${provider})`, async () => {
    const off = await runCli(["doctor"], { env });
    expect(off.stdout).toContain(
      "warn  mfa        MFA is off in the configuration, yet 5 organization(s) require a second factor (acme, beta, delta and 2 more): " +
        "nothing enforces it; turn MFA on (mfa) or remove their requiredSecondaryFactors",
    );
    // A warning: nothing is broken for the app to start.
    expect(off.code).toBe(0);

    const on = await runCli(["doctor"], { env: { ...env, [E2E_CONFIG_OVERLAY]: MFA_ON } });
    expect(on.stdout).toMatch(/ok {4}mfa {8}on\n/);
    expect(on.stdout).not.toContain("organization(s) require");
  });

  const enforced = async (vars: Record<string, string>) =>
    (await runCli(["organizations", "list", "--json"], { env: vars })).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((o) => `${o.id}: ${o.requiredSecondaryFactorsEnforced}`);
  const rows = async (vars: Record<string, string>) => (await runCli(["organizations", "list"], { env: vars })).stdout.split("\n");
  const show = async (vars: Record<string, string>, slug: string) => (await runCli(["organizations", "show", slug], { env: vars })).stdout;

  it(`organizations list and show mark the required second factors nothing enforces while MFA is off (${provider})`, async () => {
    // The admin API's field, absent when nothing is required.
    expect(await enforced(env)).toEqual(["acme: false", "beta: false", "delta: false", "echo: false", "gamma: false", "plain: undefined"]);
    const listed = await rows(env);
    expect(listed.find((line) => line.startsWith("acme "))).toMatch(
      /^acme\s+acme\s+\S+\s+\{"requiredSecondaryFactors":\["totp"\]\} \(required second factors not enforced: MFA is off in the configuration\)$/,
    );
    expect(listed.find((line) => line.startsWith("plain "))).toMatch(/^plain\s+plain\s+\S+\s+\{"requiredSecondaryFactors":\[\]\}$/);
    expect(await show(env, "acme")).toContain(
      'acme  acme  login methods: {"requiredSecondaryFactors":["totp"]} (required second factors not enforced: MFA is off in the configuration)\n',
    );
  });

  it(`organizations list and show are unchanged while MFA is on, but for the JSON field (${provider})`, async () => {
    const on = { ...env, [E2E_CONFIG_OVERLAY]: MFA_ON };
    expect(await enforced(on)).toEqual(["acme: true", "beta: true", "delta: true", "echo: true", "gamma: true", "plain: undefined"]);
    expect((await rows(on)).find((line) => line.startsWith("acme "))).toMatch(/^acme\s+acme\s+\S+\s+\{"requiredSecondaryFactors":\["totp"\]\}$/);
    expect(await show(on, "acme")).toContain('acme  acme  login methods: {"requiredSecondaryFactors":["totp"]}\n');
  });
});
