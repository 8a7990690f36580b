/**
 * TOTP (RFC 6238) through otpauth: new secrets, the `otpauth://` URI for the QR code, and
 * checking a code. SHA-1 and 6 digits: what every authenticator app understands.
 */
import { Secret, TOTP } from "otpauth";

const DIGITS = 6;
const ALGORITHM = "SHA1";

/** A new random 160-bit secret (RFC 4226's recommended length), base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://totp/...` URI an authenticator app reads from the QR code. */
export function totpUri(input: { secret: string; issuer: string; label: string; period: number }): string {
  return new TOTP({
    issuer: input.issuer,
    label: input.label,
    secret: Secret.fromBase32(input.secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: input.period,
  }).toString();
}

/**
 * The time step (unix seconds / period) whose code `code` is, within `skew` steps of `now`, or
 * null. The step is what replay refusal compares: a code is accepted only for a step later than
 * the last one accepted on the device.
 */
export function matchingTotpStep(input: { secret: string; code: string; period: number; skew: number; now: Date }): number | null {
  const code = input.code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(code)) return null;
  const timestamp = input.now.getTime();
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(input.secret),
    algorithm: ALGORITHM,
    digits: DIGITS,
    period: input.period,
    timestamp,
    window: input.skew,
  });
  return delta === null ? null : TOTP.counter({ period: input.period, timestamp }) + delta;
}
