import { z } from "zod";
import { badInput } from "./respond";

/** Auth bodies are a few fields; anything bigger is refused before it is buffered. */
export const MAX_BODY_BYTES = 16 * 1024;
/** No legitimate form value (email, password, name) comes near this. */
const MAX_FIELD_CHARS = 4096;

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

/** The body's bytes, or null when they exceed `limit` (declared or streamed). */
async function readLimitedBytes(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text, bytes that are not UTF-8 read as U+FFFD (a form post, whose fields are percent-encoded ASCII). */
export async function readLimitedText(request: Request, limit: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, limit);
  return bytes && new TextDecoder("utf-8", { fatal: false }).decode(bytes);
}

/**
 * JSON is UTF-8 (RFC 8259 §8.1). Bytes that are not (Latin-1 from a misconfigured client, a
 * truncated sequence) were read as U+FFFD: a password "pw-äöü" sent in Latin-1 was stored as
 * "pw-\uFFFD\uFFFD\uFFFD", which any three other such bytes also spell, and a name or an email
 * was stored as something never sent. Refused as bad input instead.
 */
export const NOT_UTF8_REFUSED = "The request body is not valid UTF-8";
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const NUL = "\0";
/**
 * No field of the API is text with U+0000 in it, and PostgreSQL cannot store or even compare
 * one (its text types refuse the byte): refused as bad input wherever a request carries text (a
 * JSON body here, path and query in routes.ts), so that no database is ever asked.
 */
export const NUL_REFUSED = "The request contains a NUL character (U+0000)";

/** Whether `text` holds U+0000 (see NUL_REFUSED). */
export function hasNul(text: string): boolean {
  return text.includes(NUL);
}

/**
 * A JSON string may spell half of a UTF-16 surrogate pair on its own (`"\ud800"`): text that is
 * not Unicode, which every database stores as U+FFFD. What was stored would then differ from what
 * was sent and echoed (a device name, say, never found again by its name): refused as bad input.
 */
export const LONE_SURROGATE_REFUSED = "The request contains a lone UTF-16 surrogate (text that is not valid Unicode)";

export async function readJsonBody(request: Request): Promise<Parsed<unknown>> {
  let bytes: Buffer | null;
  try {
    bytes = await readLimitedBytes(request, MAX_BODY_BYTES);
  } catch {
    return { ok: false, response: badInput("The request body could not be read") };
  }
  if (bytes === null) return { ok: false, response: badInput(`The request body exceeds ${MAX_BODY_BYTES} bytes`, 413) };
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return { ok: false, response: badInput(NOT_UTF8_REFUSED) };
  }
  if (text.trim() === "") return { ok: false, response: badInput("A JSON body is required") };
  let value: unknown;
  let nul = false;
  let loneSurrogate = false;
  const check = (text: string) => {
    if (hasNul(text)) nul = true;
    if (!text.isWellFormed()) loneSurrogate = true;
  };
  // JSON spells U+0000 and a surrogate only as escapes (a raw control character is invalid JSON,
  // and the decoder above refuses bytes that are not UTF-8); a body without either
  // escape is parsed without the slower reviver.
  const mayHoldEither = /\\u(?:0000|d[89a-f])/i.test(text);
  try {
    value = mayHoldEither
      ? JSON.parse(text, (key, item: unknown) => {
          check(key);
          if (typeof item === "string") check(item);
          return item;
        })
      : JSON.parse(text);
  } catch {
    return { ok: false, response: badInput("The request body is not valid JSON") };
  }
  if (nul) return { ok: false, response: badInput(NUL_REFUSED) };
  if (loneSurrogate) return { ok: false, response: badInput(LONE_SURROGATE_REFUSED) };
  return { ok: true, value };
}

export async function parseBody<T>(request: Request, schema: z.ZodType<T>): Promise<Parsed<T>> {
  const body = await readJsonBody(request);
  if (!body.ok) return body;
  const result = schema.safeParse(body.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join(".") : "body";
    return { ok: false, response: badInput(`${where}: ${issue.message}`) };
  }
  return { ok: true, value: result.data };
}

export const formFieldsSchema = z.object({
  formFields: z
    .array(
      z.object({
        id: z.string().min(1).max(100),
        value: z.string().max(MAX_FIELD_CHARS, `value is longer than ${MAX_FIELD_CHARS} characters`),
      }),
    )
    .max(50),
});

/** formFields as a map; a repeated id is ambiguous, so it is refused. */
export function formFieldsToMap(fields: { id: string; value: string }[]): Map<string, string> | null {
  const map = new Map<string, string>();
  for (const field of fields) {
    if (map.has(field.id)) return null;
    map.set(field.id, field.value);
  }
  return map;
}

/**
 * A whole-number query parameter (`?limit=`, `?days=`) within `min`–`max`: `undefined` when it
 * is absent; a 400 `BAD_INPUT_ERROR` naming the range for anything but plain decimal digits in
 * range. `Number()` read an empty value as 0 and took `0x10`, `1e2`, `5.0`, `+5` and spaces as
 * numbers, so a caller's typo became a different request instead of an error.
 */
export function readWholeNumberParam(query: URLSearchParams, name: string, range: { min: number; max: number }): Parsed<number | undefined> {
  const raw = query.get(name);
  if (raw === null) return { ok: true, value: undefined };
  const value = /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (value >= range.min && value <= range.max) return { ok: true, value };
  return { ok: false, response: badInput(`${name}: a whole number from ${range.min} to ${range.max}`) };
}
