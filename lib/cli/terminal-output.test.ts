import { afterEach, describe, expect, it, vi } from "vitest";
import { print, printTable } from "./context";

/** What reaches the operator's terminal: stored text (a client's user agent, an import file's) must not drive it. */
describe("CLI output and control characters", () => {
  const written: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    written.length = 0;
  });
  const capture = () => vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (written.push(String(chunk)), true));

  it("writes ESC, CSI, BEL and DEL in a table as \\u escapes, and a line break in a cell cannot forge a row", () => {
    capture();
    const userAgent = "curl\u001b]0;owned\u0007\u009b2J\u007f\nforged-row";
    printTable(["time", "user agent"], [["2026-12-06T00:00:00.000Z", userAgent]]);
    const out = written.join("");
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out.split("\n").filter(Boolean)).toHaveLength(2);
    expect(out).toContain("curl\\u001b]0;owned\\u0007\\u009b2J\\u007f\\u000aforged-row");
  });

  it("keeps JSON output parseable and its values the same", () => {
    capture();
    const event = { userAgent: "a\u009b31mb\u007f" };
    print(JSON.stringify(event));
    const [line] = written;
    expect(line).not.toMatch(/[\u007f-\u009f]/);
    expect(JSON.parse(line!)).toEqual(event);
  });
});
