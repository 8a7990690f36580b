import { browserStorage, createStorageLease } from "./storage-lease";

/** Shared by every tab of this origin: one refresh at a time, whichever tab runs it. */
export const REFRESH_LOCK_NAME = "gatehouse-refresh";

/**
 * Runs `task` while holding the cross-tab refresh lock: the Web Locks API where the browser has
 * it, else an in-tab queue plus a localStorage lease. After `timeoutMs` without the lock the
 * task runs anyway, so a tab stuck while holding it cannot freeze the others.
 */
export async function withRefreshLock<T>(task: () => Promise<T>, timeoutMs: number): Promise<T> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (locks && typeof locks.request === "function") return withWebLock(locks, task, timeoutMs);
  return withFallbackLock(task, timeoutMs);
}

async function withWebLock<T>(locks: LockManager, task: () => Promise<T>, timeoutMs: number): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let granted = false;
  try {
    return await locks.request(REFRESH_LOCK_NAME, { signal: controller.signal }, async () => {
      granted = true;
      clearTimeout(timer);
      return task();
    });
  } catch (error) {
    // Only a wait that timed out runs the task unlocked; errors of the task itself propagate.
    if (!granted && controller.signal.aborted) return task();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

let queueTail: Promise<unknown> = Promise.resolve();

/** Settles when `promise` does or after `ms`, whichever comes first (failures count as settled). */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

function withFallbackLock<T>(task: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  // The in-tab queue is bounded by the same timeout as the Web Lock: a refresh whose answer
  // never comes (a stalled connection) must not hold every later refresh of this tab for ever.
  const turn = settledWithin(queueTail, timeoutMs);
  const run = turn.then(async () => {
    const lease = createStorageLease(browserStorage(), `${REFRESH_LOCK_NAME}-lock`, { leaseMs: timeoutMs });
    const release = await lease.acquire(Math.max(0, deadline - Date.now()));
    try {
      return await task();
    } finally {
      release();
    }
  });
  queueTail = run.catch(() => undefined);
  return run;
}
