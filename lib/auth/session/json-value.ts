/**
 * Session data and the access-token payload are stored as JSON text and minted into JSON tokens,
 * so what the deployer's code hands over (setJwtPayload, setSessionData, createNewSession,
 * mergeIntoAccessTokenPayload, updateSessionData) must come back from JSON as it went in.
 * Unchecked, a BigInt or a cycle threw a bare TypeError (a 500 with no code), a function or a
 * symbol failed the store's write as STORE_FAILED on one store (a 503 that clients retry) and
 * vanished on another, and NaN, Infinity, a Date or a Map were stored and minted as something
 * else (null, a string, `{}`) than the same request's own claims said.
 */
import { GatehouseError } from "../errors";

/**
 * Throws VALUE_NOT_JSON for anything but a plain object, then naming the first value inside it
 * JSON cannot carry unchanged, or a `__proto__` key. An `undefined` property is allowed: JSON leaves it out, as an absent one.
 */
export function assertJsonObject(value: Record<string, unknown>, what: string): void {
  // Types say so, but `await request.json()` is `any`: stored, anything else made a row whose
  // every read threw (lib/store/json-column.ts), failing the session's refreshes and lists.
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new GatehouseError(
      "VALUE_NOT_JSON",
      `${what}: must be a plain object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  const problem = problemIn(value, "", []);
  if (problem) {
    throw new GatehouseError(
      "VALUE_NOT_JSON",
      `${what}: ${problem.path || "the value"} ${problem.reason}; use only strings, finite numbers, booleans, null, arrays and plain objects (a date as date.getTime() or toISOString())`,
    );
  }
}

type Problem = { path: string; reason: string };

function problemIn(value: unknown, path: string, ancestors: object[]): Problem | null {
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isFinite(value) ? null : { path, reason: `is ${value}, which JSON stores as null` };
    case "bigint":
      return { path, reason: "is a BigInt, which JSON cannot carry" };
    case "function":
    case "symbol":
      return { path, reason: `is a ${typeof value}, which JSON cannot carry` };
    case "undefined":
      return { path, reason: "is undefined, which JSON stores as null in an array" };
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return { path, reason: "refers to itself (a cycle), which JSON cannot carry" };
  const inner = [...ancestors, object];
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      const found = problemIn(object[i], `${path}[${i}]`, inner);
      if (found) return found;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const kind = (proto as { constructor?: { name?: string } }).constructor?.name || "object";
    return { path, reason: `is a ${kind}, which JSON would turn into something else` };
  }
  for (const [key, child] of Object.entries(object)) {
    // Own only when JSON.parse made it (a request body passed on): any copy or merge by
    // assignment sets the object's prototype instead, so the key vanishes and its values are
    // inherited where the engine reads the payload (`tId`), past every check of own keys.
    if (key === "__proto__") return { path: path ? `${path}.${key}` : key, reason: "is a key that JS objects cannot hold as data" };
    if (child === undefined) continue;
    const found = problemIn(child, path ? `${path}.${key}` : key, inner);
    if (found) return found;
  }
  return null;
}
