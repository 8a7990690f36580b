import { after } from "next/server";

/**
 * Next's `after` as an engine `waitUntil`: work that outlives the answer (the audit retention
 * purge) keeps a serverless function alive until done. Outside a request scope (a script, a
 * unit test calling a handler directly) `after` throws; the task then simply runs on.
 */
export function afterResponse(task: Promise<unknown>): void {
  try {
    after(task);
  } catch {
    // Nothing to keep alive outside a request.
  }
}
