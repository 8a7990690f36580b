/**
 * Config resolved once: only the composition root reads the deployer's raw config (pages read
 * `gatehouse().config`, `ui` included), the deployer's file reads no test switch, and the e2e
 * suite's settings arrive as an overlay (lib/e2e-config-overlay.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "./auth/resolve-config";
import { E2E_CONFIG_OVERLAY, mergeConfig, withE2eConfigOverlay } from "./e2e-config-overlay";
import { gatehouseConfig } from "./config";
import { resolveGatehouseConfig } from "./gatehouse";

const ROOT = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "node_modules" || name.startsWith(".") ? [] : sourceFiles(file);
    return /\.(ts|tsx|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [file] : [];
  });
}

describe("config resolved once", () => {
  it("only the composition root imports the deployer's raw config", () => {
    const deployerFile = path.join(ROOT, "lib/config");
    const importsDeployerFile = (file: string) =>
      [...readFileSync(file, "utf8").matchAll(/from "([^"]+)"/g)].some(([, spec]) => {
        const target = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(file), spec) : null;
        return target !== null && [deployerFile, path.join(deployerFile, "index"), path.join(deployerFile, "index.ts")].includes(target);
      });
    const readers = ["app", "lib", "pages"]
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !file.startsWith(deployerFile + path.sep) && importsDeployerFile(file))
      .map((file) => path.relative(ROOT, file));
    expect(readers).toEqual(["lib/gatehouse.ts"]);
  });

  it("the deployer's file reads only what a deployer sets in the environment, no test switch", () => {
    const source = readFileSync(path.join(ROOT, "lib/config/index.ts"), "utf8");
    const read = [...source.matchAll(/process\.env\.([A-Z0-9_]+)/g)].map((m) => m[1]);
    expect([...new Set(read)].sort()).toEqual([
      "GATEHOUSE_GITHUB_CLIENT_ID",
      "GATEHOUSE_GITHUB_CLIENT_SECRET",
      "GATEHOUSE_GOOGLE_CLIENT_ID",
      "GATEHOUSE_GOOGLE_CLIENT_SECRET",
      "GATEHOUSE_RATE_LIMIT_STORE",
    ]);
  });

  it("ui is resolved with its documented defaults", () => {
    expect(resolveConfig({}).ui).toEqual({
      theme: "system",
      defaultToSignUp: false,
      termsOfServiceUrl: undefined,
      privacyPolicyUrl: undefined,
      locale: undefined,
      afterSignInPath: "/dashboard",
    });
    expect(resolveConfig({ ui: { theme: "dark", defaultToSignUp: true, locale: "de", termsOfServiceUrl: "/t" } }).ui).toMatchObject({
      theme: "dark",
      defaultToSignUp: true,
      locale: "de",
      termsOfServiceUrl: "/t",
    });
    expect(resolveConfig({ ui: { afterSignInPath: "/home?tab=1" } }).ui.afterSignInPath).toBe("/home?tab=1");
    for (const afterSignInPath of ["https://evil.example/", "//evil.example", "dashboard", "/a/..//evil.example"]) {
      expect(() => resolveConfig({ ui: { afterSignInPath } }), afterSignInPath).toThrow(/afterSignInPath/);
    }
  });
});

describe("the e2e config overlay", () => {
  it("is not applied unless the e2e server names one: the deployer's config as it is", () => {
    expect(withE2eConfigOverlay(gatehouseConfig, {})).toBe(gatehouseConfig);
  });

  it("merges objects key by key and replaces everything else", () => {
    const base = { ui: { termsOfServiceUrl: "/terms", locale: "en" }, trustedOrigins: ["https://a.example"], appName: "A" };
    expect(mergeConfig(base, { ui: { locale: "de" }, trustedOrigins: ["https://b.example"] })).toEqual({
      ui: { termsOfServiceUrl: "/terms", locale: "de" },
      trustedOrigins: ["https://b.example"],
      appName: "A",
    });
    expect(base.ui.locale).toBe("en");
  });

  it("reaches the resolved config, on top of the deployer's file", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-overlay-"));
    try {
      const file = path.join(dir, "overlay.json");
      writeFileSync(
        file,
        JSON.stringify({ ui: { defaultToSignUp: true, locale: "de" }, websiteBasePath: "/login", emailVerification: { mode: "REQUIRED" } }),
      );
      const config = resolveGatehouseConfig({ [E2E_CONFIG_OVERLAY]: file });
      expect(config.ui).toMatchObject({ defaultToSignUp: true, locale: "de", termsOfServiceUrl: "/terms", privacyPolicyUrl: "/privacy" });
      expect(config.websiteBasePath).toBe("/login");
      expect(config.emailVerification.mode).toBe("REQUIRED");
      writeFileSync(file, "[1]");
      expect(() => resolveGatehouseConfig({ [E2E_CONFIG_OVERLAY]: file })).toThrow(/not a JSON object/);
      expect(() => resolveGatehouseConfig({ [E2E_CONFIG_OVERLAY]: path.join(dir, "missing.json") })).toThrow(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
