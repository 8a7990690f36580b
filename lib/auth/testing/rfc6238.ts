/**
 * An independent TOTP (RFC 6238, HMAC-SHA1, 6 digits) on node:crypto, for tests: codes are
 * computed here, not by otpauth, so a test of Gatehouse's TOTP cannot pass by sharing its bug.
 */
import { createHmac } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text.replace(/=+$/, "").toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The code of time step `step` (RFC 4226 §5.3 dynamic truncation). */
export function totpCodeAtStep(secretBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

/** The code at `at`, `stepsAgo` periods back. */
export function totpCode(secretBase32: string, at: Date, options: { period?: number; stepsAgo?: number } = {}): string {
  const period = options.period ?? 30;
  return totpCodeAtStep(secretBase32, Math.floor(at.getTime() / 1000 / period) - (options.stepsAgo ?? 0));
}
