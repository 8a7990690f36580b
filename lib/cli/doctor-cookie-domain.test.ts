/** `gatehouse doctor` on a cookieDomain that browsers refuse, which resolveConfig cannot tell. */
import { describe, expect, it, vi } from "vitest";
import { TEST_SECRET } from "../auth/testing/test-engine";
import { runCli } from "./testing/run-cli";

const cookieDomain = vi.hoisted(() => ({ current: "github.io" }));
vi.mock("../config", async (importOriginal) => {
  const { gatehouseConfig } = await importOriginal<typeof import("../config")>();
  return {
    get gatehouseConfig() {
      return { ...gatehouseConfig, session: { ...gatehouseConfig.session, cookieDomain: cookieDomain.current } };
    },
  };
});

describe("gatehouse doctor", () => {
  const env = { GATEHOUSE_SECRET: TEST_SECRET, DATABASE_URL: "file:/nonexistent-gatehouse-dir/app.db" };

  it("fails the config line when cookieDomain is a public suffix", async () => {
    cookieDomain.current = "github.io";
    const run = await runCli(["doctor"], { env: { ...env, GATEHOUSE_APP_ORIGIN: "https://team.github.io" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('FAIL  config     session.cookieDomain "github.io" is a public suffix');
  });

  it("passes it for the deployment's own domain", async () => {
    cookieDomain.current = "example.com";
    const run = await runCli(["doctor"], { env: { ...env, GATEHOUSE_APP_ORIGIN: "https://app.example.com" } });
    expect(run.stdout).toContain("ok    config     app origin https://app.example.com,");
  });
});
