import type { EngineLog } from "../log";

/** An engine log that keeps the fields of every warning, and drops the other levels: for tests of what is logged. */
export function warningLog(): { log: EngineLog; warnings: Record<string, unknown>[] } {
  const warnings: Record<string, unknown>[] = [];
  const log: EngineLog = {
    debug() {},
    info() {},
    warn: (fields) => void warnings.push(fields as Record<string, unknown>),
    error() {},
    child: () => log,
  };
  return { log, warnings };
}
