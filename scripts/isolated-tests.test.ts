import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isolatedTestFiles } from "./isolated-tests.mjs";

describe("the unit test files that get a module registry of their own", () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  function tree(files: Record<string, string>): string {
    root = mkdtempSync(path.join(os.tmpdir(), "gatehouse-isolated-tests-"));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return root;
  }

  it("are those that mock, stub, load Next, change directory, ask for it, or test lib/next; db tests apart", () => {
    const dir = tree({
      "lib/a/mocks.test.ts": 'vi.mock("./x", () => ({}));',
      "lib/a/stubs.test.ts": 'vi.stubEnv("NODE_ENV", "production");',
      "lib/a/globals.test.ts": 'vi.stubGlobal("fetch", vi.fn());',
      "lib/a/next.test.ts": 'import { NextRequest } from "next/server";',
      "lib/a/next-env.test.ts": 'import { loadEnvConfig } from "@next/env";',
      "lib/a/moves.test.ts": "process.chdir(dir);",
      "lib/a/asks.test.ts": "// vitest: isolate (a module-level singleton)",
      "lib/next/plain.test.ts": 'import { x } from "./x";',
      "lib/a/plain.test.ts": 'import { vi } from "vitest"; vi.fn(); const next = "next/server";',
      "lib/a/spies.test.ts": "vi.spyOn(AbortSignal, 'timeout');",
      "lib/a/store.db.test.ts": 'vi.mock("./x");',
      "lib/a/plain.db.test.ts": "await store.create();",
      "lib/a/helper.ts": 'vi.mock("./x");',
      "scripts/tool.test.ts": "process.chdir(os.tmpdir());",
    });
    expect(isolatedTestFiles(dir, ["lib", "scripts"])).toEqual(
      [
        "lib/a/asks.test.ts",
        "lib/a/globals.test.ts",
        "lib/a/mocks.test.ts",
        "lib/a/moves.test.ts",
        "lib/a/next-env.test.ts",
        "lib/a/next.test.ts",
        "lib/a/stubs.test.ts",
        "lib/next/plain.test.ts",
        "scripts/tool.test.ts",
      ].map((file) => file.split("/").join(path.sep)),
    );
    // The db tests by the same rule, in their own list; a folder that is not there is no error.
    expect(isolatedTestFiles(dir, ["lib", "test"], "db")).toEqual([["lib", "a", "store.db.test.ts"].join(path.sep)]);
  });
});
