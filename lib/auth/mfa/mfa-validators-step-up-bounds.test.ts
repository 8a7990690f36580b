/**
 * Step-up (`factorWithinSeconds`) at its bounds. A factor completed exactly the given number of
 * seconds ago still passes, one second more does not. A number of seconds that is no number
 * (NaN: an environment variable read with Number() and left unset) made every comparison false,
 * so the check passed for a factor completed at any time: the step-up asked for silently did
 * nothing. It must fail closed, as a negative number does.
 */
import { describe, expect, it } from "vitest";
import { factorsCompletedWithin } from "./mfa-validators";

const NOW = new Date("2026-01-01T12:00:00Z");
const nowSeconds = NOW.getTime() / 1000;
const claim = (completedSecondsAgo: number) => ({ c: { totp: nowSeconds - completedSecondsAgo }, v: true });

describe("factorsCompletedWithin at its bounds", () => {
  it("passes at exactly the number of seconds, fails one second later", () => {
    const validator = factorsCompletedWithin({ totp: 300 }, NOW);
    expect(validator.validate(claim(300))).toBeUndefined();
    expect(validator.validate(claim(301))).toMatchObject({ reason: { expectedValue: { factorId: "totp", withinSeconds: 300 } } });
  });

  it.each([Number.NaN, -1])("fails closed for %s seconds, however recent the factor", (seconds) => {
    const validator = factorsCompletedWithin({ totp: seconds }, NOW);
    expect(validator.validate(claim(0))).toBeDefined();
    expect(validator.validate(claim(10_000_000))).toBeDefined();
  });
});
