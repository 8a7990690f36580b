import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jsonLinesSource } from "./json-lines";

const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the json source", () => {
  it("reads a file saved with a UTF-8 byte order mark (Notepad, PowerShell's Out-File): its first user is a user, not a broken line", async () => {
    const file = path.join(dir, "bom.jsonl");
    writeFileSync(file, `\uFEFF${JSON.stringify({ externalUserId: "u-1" })}\n${JSON.stringify({ externalUserId: "u-2" })}\n`);
    const lines = [];
    for await (const line of jsonLinesSource(file).lines()) lines.push(line);
    expect(lines).toEqual([
      { line: 1, value: { externalUserId: "u-1" } },
      { line: 2, value: { externalUserId: "u-2" } },
    ]);
  });
});
