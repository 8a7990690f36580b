/**
 * A cross-tab mutex in localStorage, for browsers without the Web Locks API (or pages outside
 * a secure context, where `navigator.locks` is undefined). Write-then-read-back: two tabs that
 * write at the same moment both wait `settleMs`, and only the one whose id survived proceeds.
 * A lease that is never released (a tab closed mid-refresh) expires after `leaseMs`.
 * Not as strict as Web Locks; the marker check after the lock and the server's refresh grace
 * window cover the rare overlap.
 */
/** This page's localStorage, or undefined: none (server rendering), or blocked (reading it throws there). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export interface StorageLeaseOptions {
  /** @default 10_000 */
  leaseMs?: number;
  /** Time for a competing write to land before reading back. @default 30 */
  settleMs?: number;
  /** Pause between attempts while another tab holds the lease (plus jitter of the same size). @default 50 */
  pollMs?: number;
}

export type Release = () => void;

interface Lease {
  id: string;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createStorageLease(storage: Storage | undefined, key: string, options: StorageLeaseOptions = {}) {
  const { leaseMs = 10_000, settleMs = 30, pollMs = 50 } = options;

  function read(): Lease | null {
    try {
      const value = storage?.getItem(key);
      if (!value) return null;
      const lease = JSON.parse(value) as Partial<Lease>;
      return typeof lease.id === "string" && typeof lease.expiresAt === "number" ? (lease as Lease) : null;
    } catch {
      return null;
    }
  }

  /**
   * Resolves with a release function once this caller holds the lease, or after `waitMs`
   * without it (the caller then proceeds unlocked: never block the page forever).
   */
  async function acquire(waitMs: number): Promise<Release> {
    if (!storage) return () => {};
    const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const current = read();
      if (!current || current.expiresAt <= Date.now()) {
        try {
          storage.setItem(key, JSON.stringify({ id, expiresAt: Date.now() + leaseMs }));
        } catch {
          return () => {}; // storage full or blocked: no cross-tab lock to be had
        }
        await sleep(settleMs);
        if (read()?.id === id) return () => release(id);
      }
      await sleep(pollMs + Math.random() * pollMs);
    }
    return () => {};
  }

  function release(id: string): void {
    if (read()?.id !== id) return;
    try {
      storage?.removeItem(key);
    } catch {
      // The lease expires on its own.
    }
  }

  return { acquire };
}
