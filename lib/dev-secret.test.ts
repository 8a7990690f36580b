import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAppSecret } from "./dev-secret";

const DEVELOPER_SECRET = "d".repeat(64);

describe("loadAppSecret and the developer's .env.local", () => {
  const home = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-dev-secret-"));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(home);
    rmSync(dir, { recursive: true, force: true });
  });

  it("in development, reads the secret `npm run dev` generated, or generates one into .env.local", () => {
    writeFileSync(".env.local", `GATEHOUSE_SECRET=${DEVELOPER_SECRET}\n`);
    expect(loadAppSecret({ NODE_ENV: "development" as const })).toBe(DEVELOPER_SECRET);
    rmSync(".env.local");
    const generated = loadAppSecret({ NODE_ENV: "development" as const });
    expect(readFileSync(".env.local", "utf8")).toContain(`GATEHOUSE_SECRET=${generated}`);
  });

  it("a generated .env.local is readable by its owner alone: it holds the secret that signs every session", () => {
    loadAppSecret({ NODE_ENV: "development" as const });
    expect(statSync(".env.local").mode & 0o777).toBe(0o600);
  });

  it("with GATEHOUSE_ENV_FILES=ignore (every test process), neither reads nor writes .env.local", () => {
    writeFileSync(".env.local", `GATEHOUSE_SECRET=${DEVELOPER_SECRET}\n`);
    const env = { NODE_ENV: "development", GATEHOUSE_ENV_FILES: "ignore" } as const;
    expect(() => loadAppSecret({ ...env })).toThrow(/GATEHOUSE_SECRET is not set/);
    rmSync(".env.local");
    expect(() => loadAppSecret({ ...env })).toThrow(/GATEHOUSE_SECRET is not set/);
    expect(existsSync(".env.local")).toBe(false);
  });
});
