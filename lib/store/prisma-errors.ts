/**
 * Recognising Prisma's known errors without importing a generated client's `Prisma` namespace
 * (there are three clients, one per provider; the codes are the same for all of them).
 */

/** Prisma's code for a unique-constraint violation, whichever adapter reported it. */
const UNIQUE_VIOLATION = "P2002";

interface KnownRequestError {
  code: string;
  meta?: Record<string, unknown>;
}

function isKnownRequestError(error: unknown): error is KnownRequestError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "PrismaClientKnownRequestError" &&
    typeof (error as { code?: unknown }).code === "string"
  );
}

/**
 * A foreign-key violation (e.g. a role deleted while it was being granted): P2003 from a model
 * call; from a raw statement, P2010 ("raw query failed") with the driver adapter's own kind.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!isKnownRequestError(error)) return false;
  if (error.code === "P2003") return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === "P2010" && cause?.kind === "ForeignKeyConstraintViolation";
}

/** Whether `error` is any unique-constraint violation (for tables whose only unique key is the primary key). */
export function isUniqueViolation(error: unknown): boolean {
  return isKnownRequestError(error) && error.code === UNIQUE_VIOLATION;
}

/**
 * Whether `error` is a unique-constraint violation touching a column or index whose name
 * contains `column` (e.g. "email"). Adapters describe the constraint differently: PostgreSQL
 * and SQLite by column names, MySQL by index name (`users_email_key`); all of them mention
 * the column. When an adapter names nothing at all, any unique violation counts.
 */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  if (!isKnownRequestError(error) || error.code !== UNIQUE_VIOLATION) return false;
  const described = describeConstraint(error.meta);
  return described === "" || described.includes(column);
}

/** Everything the error says about the violated constraint, flattened to one string. */
function describeConstraint(meta: Record<string, unknown> | undefined): string {
  if (!meta) return "";
  const parts: unknown[] = [meta.target];
  const cause = (meta.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  if (cause?.constraint) parts.push(cause.constraint);
  return parts
    .filter((p) => p !== undefined && p !== null)
    .map((p) => JSON.stringify(p))
    .join(" ");
}

/**
 * Runs one statement again when the database rolled it back as a deadlock or write conflict
 * (P2034). InnoDB (MariaDB, MySQL) picks a victim when concurrent writers lock the same index
 * range, and a rolled-back statement changed nothing, so running it again is safe.
 */
export async function retryOnWriteConflict<T>(statement: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      if (!(isKnownRequestError(error) && error.code === "P2034") || attempt >= attempts) throw error;
    }
  }
}
