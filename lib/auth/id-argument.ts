import { GatehouseError } from "./errors";

/**
 * Throws INVALID_ARGUMENT unless `value` is a non-empty string: a user id, a session handle or a
 * role name handed to an engine function by the deployer's code. Types say so, but an unset field
 * or `await request.json()` (typed `any`) hands over `undefined`, and Prisma reads
 * `where: { userId: undefined }` as no condition: revoking "that user's" sessions ended every
 * user's, and writing "that session's" data overwrote every session's.
 */
export function assertIdArgument(value: unknown, what: string): asserts value is string {
  if (typeof value !== "string" || value === "") {
    throw new GatehouseError(
      "INVALID_ARGUMENT",
      `${what} must be a non-empty string, got ${value === "" ? '""' : value === null ? "null" : typeof value}`,
    );
  }
}
