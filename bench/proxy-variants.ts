/**
 * Two more builds of the app, to measure what proxy.ts costs a request: one without proxy.ts,
 * and one whose proxy.ts passes every request through untouched (Next's own cost of running a
 * proxy at all, with the same matcher). Both are built from a copy of the working tree in the
 * system's temporary folder, so the developer's proxy.ts is never moved or rewritten; the copy's
 * node_modules is hard-linked (no second install, no extra disk), which needs the temporary
 * folder on the project's file system (set TMPDIR otherwise).
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildNext, ROOT } from "./next-server";

export interface ProxyVariants {
  /** The copy of the project the variants are started in. */
  root: string;
  /** distDir of the build without proxy.ts. */
  withoutProxy: string;
  /** distDir of the build whose proxy.ts only calls NextResponse.next(). */
  passThroughProxy: string;
}

/** Stable, so that `--no-build` reuses the builds of an earlier run. */
const VARIANTS_ROOT = path.join(os.tmpdir(), "gatehouse-bench-proxy-variants");
const WITHOUT = ".next-bench-without-proxy";
const PASS_THROUGH = ".next-bench-pass-through-proxy";

/** proxy.ts with the project's matcher and a proxy that does nothing. */
export function passThroughProxySource(realProxy: string): string {
  const config = /^export const config = \{[\s\S]*?^\};$/m.exec(realProxy);
  if (!config) throw new Error("bench: proxy.ts has no `export const config = {…};` block to copy");
  return [
    'import { NextResponse } from "next/server";',
    "",
    "// Written by bench/proxy-variants.ts: the same matcher, and no work of Gatehouse's.",
    "export function proxy(): Response {",
    "  return NextResponse.next();",
    "}",
    "",
    config[0],
    "",
  ].join("\n");
}

/** The working tree as it is (tracked and untracked files, not ignored ones) plus the generated Prisma client. */
function copyWorkingTree(dest: string, log: (line: string) => void): void {
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  for (const file of listed.split("\0").filter(Boolean)) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(path.dirname(path.join(dest, file)), { recursive: true });
    cpSync(from, path.join(dest, file));
  }
  cpSync(path.join(ROOT, "lib", "store", "generated"), path.join(dest, "lib", "store", "generated"), { recursive: true });
  try {
    execFileSync("cp", ["-al", path.join(ROOT, "node_modules"), path.join(dest, "node_modules")]);
  } catch {
    log("proxy variants: node_modules could not be hard-linked (another file system?); copying it instead");
    cpSync(path.join(ROOT, "node_modules"), path.join(dest, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
}

export async function buildProxyVariants(options: { build: boolean; log: (line: string) => void }): Promise<ProxyVariants> {
  const variants = { root: VARIANTS_ROOT, withoutProxy: WITHOUT, passThroughProxy: PASS_THROUGH };
  const built = [WITHOUT, PASS_THROUGH].every((dir) => existsSync(path.join(VARIANTS_ROOT, dir, "BUILD_ID")));
  if (!options.build && built) return variants;
  options.log(`proxy variants: copying the project to ${VARIANTS_ROOT} …`);
  copyWorkingTree(VARIANTS_ROOT, options.log);
  const proxyFile = path.join(VARIANTS_ROOT, "proxy.ts");
  const realProxy = readFileSync(proxyFile, "utf8");
  rmSync(proxyFile);
  options.log(`proxy variants: next build without proxy.ts (into ${WITHOUT}) …`);
  await buildNext(options.log, { root: VARIANTS_ROOT, distDir: WITHOUT });
  writeFileSync(proxyFile, passThroughProxySource(realProxy));
  options.log(`proxy variants: next build with a pass-through proxy.ts (into ${PASS_THROUGH}) …`);
  await buildNext(options.log, { root: VARIANTS_ROOT, distDir: PASS_THROUGH });
  return variants;
}
