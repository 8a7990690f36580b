import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { jsonLinesSource, MAX_LINE_BYTES } from "./json-lines";

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

describe("the json source's encoding", () => {
  const read = async (file: string) => {
    const lines = [];
    for await (const line of jsonLinesSource(file).lines()) lines.push(line);
    return lines;
  };

  it("reports a line that is not UTF-8 (a Latin-1 or Windows-1252 export) instead of importing U+FFFD in place of its letters", async () => {
    const file = path.join(dir, "latin1.jsonl");
    const user = (email: string, name: string) => JSON.stringify({ externalUserId: email, userMetadata: { name } });
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${user("ada@example.com", "Ada")}\n`, "utf8"),
        // The same text as Latin-1: é is the single byte 0xE9, never valid alone in UTF-8.
        Buffer.from(`${user("josé@example.com", "José")}\r\n`, "latin1"),
        Buffer.from(`${user("zoë@example.com", "Zoë")}\n`, "utf8"),
      ]),
    );
    const lines = await read(file);
    expect(lines).toEqual([
      { line: 1, value: { externalUserId: "ada@example.com", userMetadata: { name: "Ada" } } },
      { line: 2, parseError: expect.stringContaining("not UTF-8") },
      // UTF-8's own multi-byte letters are read as they are.
      { line: 3, value: { externalUserId: "zoë@example.com", userMetadata: { name: "Zoë" } } },
    ]);
    expect(JSON.stringify(lines)).not.toContain("\uFFFD");
    expect(await jsonLinesSource(file).count()).toBe(3);
  });

  it("refuses a UTF-16 file (Windows PowerShell's > and Out-File) before any line, naming the encoding", async () => {
    const text = `${JSON.stringify({ externalUserId: "u-1" })}\r\n${JSON.stringify({ externalUserId: "u-2" })}\r\n`;
    const little = path.join(dir, "utf16le.jsonl");
    writeFileSync(little, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const big = path.join(dir, "utf16be.jsonl");
    writeFileSync(big, Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]));
    for (const file of [little, big]) {
      await expect(read(file)).rejects.toMatchObject({ name: "CliError", message: expect.stringContaining("UTF-16") });
      await expect(jsonLinesSource(file).count()).rejects.toMatchObject({ message: expect.stringContaining("UTF-16") });
    }
  });

  it("reads lines across chunk boundaries, CRLF line ends, a last line without a break, and blank lines", async () => {
    const file = path.join(dir, "long.jsonl");
    // Longer than a read chunk (64 KiB), so that lines and multi-byte letters straddle chunks.
    const users = Array.from({ length: 2000 }, (_, i) => ({ externalUserId: `u-${i}`, userMetadata: { note: "ü€😀".repeat(i % 7) } }));
    writeFileSync(file, `\n${users.map((u) => JSON.stringify(u)).join("\r\n")}`);
    const lines = await read(file);
    expect(lines).toHaveLength(2000);
    expect(lines[0]).toEqual({ line: 2, value: users[0] });
    expect(lines.at(-1)).toEqual({ line: 2001, value: users[1999] });
    expect(lines.every((l, i) => "value" in l && JSON.stringify(l.value) === JSON.stringify(users[i]))).toBe(true);
  });
});

describe("the json source's line length", () => {
  // Just over the limit (found whole, at its line break) and well over it (found while still being read).
  it.each([MAX_LINE_BYTES, 3 * MAX_LINE_BYTES])("reports a line of about %s bytes as too long and reads on after it", async (size) => {
    const file = path.join(dir, `huge-line-${size}.jsonl`);
    const huge = JSON.stringify({ externalUserId: "u-huge", userMetadata: { note: "x".repeat(size) } });
    writeFileSync(file, [JSON.stringify({ externalUserId: "u-1" }), huge, JSON.stringify({ externalUserId: "u-3" })].join("\n"));
    const lines = [];
    for await (const line of jsonLinesSource(file).lines()) lines.push(line);
    expect(lines).toEqual([
      { line: 1, value: { externalUserId: "u-1" } },
      { line: 2, parseError: `longer than ${MAX_LINE_BYTES} bytes` },
      { line: 3, value: { externalUserId: "u-3" } },
    ]);
    expect(await jsonLinesSource(file).count()).toBe(3);
  });
});
