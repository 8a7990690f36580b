import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error";
import { wholeNumberOption } from "./number-option";

describe("wholeNumberOption", () => {
  const limit = (raw: string) => wholeNumberOption("--limit", raw, { min: 1, max: 500 });

  it("reads decimal digits within the range", () => {
    expect(limit("1")).toBe(1);
    expect(limit("500")).toBe(500);
    expect(limit("007")).toBe(7);
  });

  it.each(["0", "501", "1e2", "0x10", "5.0", " 5", "5 ", "+5", "-1", "", "five", "٥", "99999999999999999999"])(
    "refuses %j as bad usage (exit 2), naming the option and its range",
    (raw) => {
      expect(() => limit(raw)).toThrow(expect.objectContaining({ exitCode: 2, message: "--limit: a whole number from 1 to 500" }));
      expect(() => limit(raw)).toThrow(CliError);
    },
  );

  it("adds the range's note to the message", () => {
    expect(() => wholeNumberOption("--older-than-days", "x", { min: 0, max: 9, note: "(back to the year 1000)" })).toThrow(
      "--older-than-days: a whole number from 0 to 9 (back to the year 1000)",
    );
  });
});
