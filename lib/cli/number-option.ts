import { CliError } from "./cli-error";

/**
 * A whole-number option's value, written in decimal digits only: `Number()` also took "1e2",
 * "0x10", "5.0", " 5" and "" (as 0). Out of range, or written otherwise, it is bad usage (exit 2,
 * as commander's own errors), with a message naming the option and what it takes.
 */
export function wholeNumberOption(flag: string, raw: string, range: { min: number; max: number; note?: string }): number {
  const value = /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw new CliError(`${flag}: a whole number from ${range.min} to ${range.max}${range.note ? ` ${range.note}` : ""}`, 2);
  }
  return value;
}
