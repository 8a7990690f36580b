import { afterEach, describe, expect, it, vi } from "vitest";
import { topDistinctLowercased } from "../../../scripts/common-passwords.mjs";
import { COMMON_PASSWORDS, COMMON_PASSWORDS_SOURCE } from "./common-passwords-data";
import { commonPasswordError, isCommonPassword } from "./common-passwords";
import { MESSAGE } from "../wire-codes";

const entries = COMMON_PASSWORDS.split("\n").filter((line) => line.length > 0);

describe("the shipped common-password list", () => {
  it("holds 10,000 distinct lowercased passwords, most common first, and names its source", () => {
    expect(entries).toHaveLength(10_000);
    expect(new Set(entries).size).toBe(10_000);
    expect(entries.every((p) => p === p.toLowerCase())).toBe(true);
    expect(entries.slice(0, 2)).toEqual(["123456", "password"]);
    expect(COMMON_PASSWORDS_SOURCE).toBe("@zxcvbn-ts/language-common@4.1.3");
  });

  it("refuses the first and the last entry, compared lowercased; accepts what is not on it", async () => {
    expect(await isCommonPassword("123456")).toBe(true);
    expect(await isCommonPassword(entries[9_999])).toBe(true);
    expect(await isCommonPassword("PassWord1")).toBe(true);
    expect(await isCommonPassword("TRUSTNO1")).toBe(true);
    expect(await isCommonPassword("password1 ")).toBe(false);
    expect(await isCommonPassword("fixture-pw-1")).toBe(false);
    expect(await isCommonPassword("")).toBe(false);
  });

  it("refuses a listed password in full-width or other compatibility forms, which an input method types", async () => {
    // NFKC reads them as the ASCII entry: a guesser's first mangling of the list.
    expect(await isCommonPassword("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11")).toBe(true);
    expect(await isCommonPassword("\uff31\uff57\uff45\uff52\uff54\uff59123")).toBe(true);
    expect(await isCommonPassword("\uff46\uff49\uff58\uff54\uff55\uff52\uff45-pw-1")).toBe(false);
  });

  it("answers the field error only when rejectCommonPasswords is on", async () => {
    expect(await commonPasswordError({ rejectCommonPasswords: true }, "Qwerty123")).toBe(MESSAGE.COMMON_PASSWORD);
    expect(await commonPasswordError({ rejectCommonPasswords: false }, "Qwerty123")).toBeUndefined();
    expect(await commonPasswordError({ rejectCommonPasswords: true }, "correct-horse-battery-7")).toBeUndefined();
  });
});

describe("loading", () => {
  afterEach(() => {
    vi.doUnmock("./common-passwords-data");
    vi.resetModules();
  });

  it("imports the list on the first check, not when the module loads, and only once", async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock("./common-passwords-data", () => {
      loads += 1;
      return { COMMON_PASSWORDS: "\nletmein\n", COMMON_PASSWORDS_SOURCE: "test" };
    });
    const fresh = await import("./common-passwords");
    expect(loads).toBe(0);
    expect(await Promise.all([fresh.isCommonPassword("LetMeIn"), fresh.isCommonPassword("other")])).toEqual([true, false]);
    expect(await fresh.isCommonPassword("letmein")).toBe(true);
    expect(loads).toBe(1);
  });
});

describe("scripts/common-passwords.mjs", () => {
  it("keeps the first N distinct entries by lowercase, in rank order, skipping junk", () => {
    expect(topDistinctLowercased(["abc", "ABC", "", 7, "two\nlines", "Def", "abc", "ghi"], 3)).toEqual(["abc", "def", "ghi"]);
    expect(() => topDistinctLowercased(["a", "A"], 2)).toThrow(/only 1 distinct/);
  });
});
