import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { envFilesIgnored } from "../lib/env-files.mjs";
import { hermeticEnv, NO_DATABASE_URL } from "./hermetic-env.mjs";

describe("hermeticEnv", () => {
  it("drops every inherited app setting, switches .env files off, then applies what the test pins", () => {
    const inherited = {
      PATH: "/bin",
      GATEHOUSE_SECRET: "mine",
      GATEHOUSE_EMAIL_VERIFICATION: "REQUIRED",
      DATABASE_URL: "file:./gatehouse.db",
      SMTP_URL: "smtp://x",
      GATEHOUSE_NEXT_DIST_DIR: ".next-x",
    };
    const env = hermeticEnv({ GATEHOUSE_SECRET: "pinned" }, { inherited, keep: ["GATEHOUSE_NEXT_DIST_DIR"] });
    expect(env).toEqual({
      PATH: "/bin",
      GATEHOUSE_NEXT_DIST_DIR: ".next-x",
      GATEHOUSE_SECRET: "pinned",
      DATABASE_URL: NO_DATABASE_URL,
      GATEHOUSE_ENV_FILES: "ignore",
      __NEXT_PROCESSED_ENV: "true",
    });
    expect(envFilesIgnored(env)).toBe(true);
    expect(hermeticEnv({ DATABASE_URL: undefined }, { inherited: {} })).not.toHaveProperty("DATABASE_URL");
  });

  it("the test runner itself runs with the switch on (vitest.config.ts)", () => {
    expect(envFilesIgnored()).toBe(true);
  });
});

// Next.js loads .env files with @next/env at `next build` and `next start`. This runs its loader
// as they do, on a checkout holding a developer's files: with the hermetic environment it must
// fill nothing, and without it (the control) it does, so the test can fail.
describe("Next.js's .env loader under the hermetic environment", () => {
  const checkout = mkdtempSync(path.join(os.tmpdir(), "gatehouse-next-env-"));
  afterAll(() => rmSync(checkout, { recursive: true, force: true }));
  for (const name of [".env", ".env.local", ".env.production", ".env.production.local"]) {
    writeFileSync(path.join(checkout, name), `GATEHOUSE_EMAIL_VERIFICATION=REQUIRED\nDATABASE_URL=file:/developer.db\n`);
  }
  const load = (env: NodeJS.ProcessEnv) =>
    execFileSync(
      process.execPath,
      [
        "-e",
        `require("@next/env").loadEnvConfig(process.argv[1], false, { info() {}, error() {} }); console.log(JSON.stringify([process.env.GATEHOUSE_EMAIL_VERIFICATION ?? null, process.env.DATABASE_URL ?? null]))`,
        checkout,
      ],
      { env, encoding: "utf8" },
    );
  const { __NEXT_PROCESSED_ENV: _n, GATEHOUSE_ENV_FILES: _g, DATABASE_URL: _d, ...plain } = hermeticEnv({ NODE_ENV: "production" });

  it("reads them without the switch (control)", () => {
    expect(JSON.parse(load(plain))).toEqual(["REQUIRED", "file:/developer.db"]);
  });

  it("reads none with it", () => {
    expect(JSON.parse(load(hermeticEnv({ NODE_ENV: "production", DATABASE_URL: "file:/pinned.db" })))).toEqual([null, "file:/pinned.db"]);
  });
});
