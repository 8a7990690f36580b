// The layer rules (.dependency-cruiser.cjs) can fail: deliberately wrong imports, written as
// fixture files into the real layers, are each reported under the rule that forbids them, while
// the same modules without the fixtures pass. `npm test` checks the whole tree (the "layers"
// step); this cruises only the fixtures and their imports two steps deep, to stay quick.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, type ICruiseOptions, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { layersFixtureDir, removeAbandonedLayersFixtures } from "./layers-fixtures.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * One folder per layer, unique to this run, removed before any assertion whatever happens (and,
 * should this run be killed first, by the next: layers-fixtures.mjs).
 */
const FIXTURE_DIR = layersFixtureDir();

/** Fixture files by path from the repository root: each holds one wrong import (or half a cycle). */
const FIXTURES: Record<string, string> = {
  [`lib/auth/${FIXTURE_DIR}/imports-next.ts`]: `import { NextResponse } from "next/server";\nexport const wrong = NextResponse;\n`,
  // Type-only: erased at compile time, so only tsPreCompilationDeps sees it.
  [`lib/auth/${FIXTURE_DIR}/imports-react-type.ts`]: `import type { ReactNode } from "react";\nexport type Wrong = ReactNode;\n`,
  [`lib/auth/${FIXTURE_DIR}/imports-prisma.ts`]: `import type { PrismaClient } from "@prisma/client";\nexport type Wrong = PrismaClient;\n`,
  [`lib/auth/${FIXTURE_DIR}/imports-store.ts`]: `import "../../store";\n`,
  [`lib/auth/${FIXTURE_DIR}/imports-http.ts`]: `import "../../http/respond";\n`,
  [`lib/auth/${FIXTURE_DIR}/cycle-a.ts`]: `import type { B } from "./cycle-b";\nexport interface A { b?: B }\n`,
  [`lib/auth/${FIXTURE_DIR}/cycle-b.ts`]: `import type { A } from "./cycle-a";\nexport interface B { a?: A }\n`,
  [`lib/next/${FIXTURE_DIR}/imports-ui.ts`]: `import "../../ui/theme";\n`,
  [`lib/http/${FIXTURE_DIR}/imports-store.ts`]: `import "../../store";\n`,
  [`lib/client/${FIXTURE_DIR}/imports-node.ts`]: `import "node:crypto";\n`,
};

const fixtureDirs = [...new Set(Object.keys(FIXTURES).map((file) => path.join(ROOT, path.dirname(file))))];

let options: ICruiseOptions;
let tsConfig: ReturnType<typeof extractTSConfig>;

interface Violation {
  rule: string;
  from: string;
  to: string;
  /** For no-circular: the modules around the cycle. */
  cycle?: string[];
}

async function violationsOf(files: string[]): Promise<Violation[]> {
  // maxDepth 2: the given files, their imports, and those imports' own (a cycle needs both
  // steps); enough for every rule here, and far less than the whole tree.
  const { output } = await cruise(files, { ...options, baseDir: ROOT, maxDepth: 2 }, {}, { tsConfig });
  return (output as ICruiseResult).summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
    ...(v.cycle ? { cycle: v.cycle.map((step) => step.name) } : {}),
  }));
}

beforeAll(async () => {
  removeAbandonedLayersFixtures(ROOT);
  options = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.cjs"));
  tsConfig = extractTSConfig(path.join(ROOT, "tsconfig.json"));
});

describe("the layer rules", () => {
  describe("on deliberately wrong imports", () => {
    let violations: Violation[];

    const removeFixtures = () => {
      for (const dir of fixtureDirs) rmSync(dir, { recursive: true, force: true });
    };

    beforeAll(async () => {
      try {
        for (const [file, text] of Object.entries(FIXTURES)) {
          mkdirSync(path.join(ROOT, path.dirname(file)), { recursive: true });
          writeFileSync(path.join(ROOT, file), text);
        }
        violations = await violationsOf(Object.keys(FIXTURES));
      } finally {
        // Gone before any assertion runs, so that no other step (tsc, the layers check) meets them.
        removeFixtures();
      }
    }, 60_000);

    afterAll(removeFixtures);

    const fixture = (layer: string, name: string) => `lib/${layer}/${FIXTURE_DIR}/${name}.ts`;
    const rulesFor = (from: string) =>
      violations
        .filter((v) => v.from === from)
        .map((v) => v.rule)
        .sort();

    it("refuses next/*, React (even a type) and Prisma under lib/auth", () => {
      expect(rulesFor(fixture("auth", "imports-next"))).toEqual(["auth-no-next-react-prisma"]);
      expect(rulesFor(fixture("auth", "imports-react-type"))).toEqual(["auth-no-next-react-prisma"]);
      expect(rulesFor(fixture("auth", "imports-prisma"))).toEqual(["auth-no-next-react-prisma"]);
    });

    it("refuses lib/store and the layers above under lib/auth", () => {
      expect(rulesFor(fixture("auth", "imports-store"))).toEqual(["auth-no-store"]);
      expect(rulesFor(fixture("auth", "imports-http"))).toEqual(["auth-imports-only-auth"]);
    });

    it("refuses a cycle of type-only imports", () => {
      // Reported once, from whichever end the cruise met first.
      const cycles = violations.filter((v) => v.rule === "no-circular");
      expect(cycles).toHaveLength(1);
      expect([cycles[0].from, ...cycles[0].cycle!].sort()).toEqual(
        [fixture("auth", "cycle-a"), fixture("auth", "cycle-a"), fixture("auth", "cycle-b")].sort(),
      );
    });

    it("keeps lib/next off lib/ui, the stores behind the composition root, and Node out of lib/client", () => {
      expect(rulesFor(fixture("next", "imports-ui"))).toEqual(["next-not-on-ui"]);
      expect(rulesFor(fixture("http", "imports-store"))).toEqual(["store-only-in-composition-roots"]);
      expect(rulesFor(fixture("client", "imports-node"))).toEqual(["client-is-browser-code"]);
    });

    it("reports nothing else", () => {
      const fixtures = new Set(Object.keys(FIXTURES));
      expect(violations.filter((v) => !fixtures.has(v.from))).toEqual([]);
    });
  });

  it("pass on the real modules the fixtures import", async () => {
    // The control: the wrong imports above are wrong because of where they sit, not because of
    // what they point at. lib/auth in full (the rules' main subject) and each imported module.
    const imported = ["lib/auth", "lib/store/index.ts", "lib/http/respond.ts", "lib/ui/theme.ts"];
    expect(await violationsOf(imported)).toEqual([]);
  }, 60_000);
});
