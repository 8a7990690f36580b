import type { Stores } from "../ports";

/** A switch that makes every store method throw, as a database outage does. */
export interface OutageSwitch {
  down: boolean;
}

/** Wraps stores so that, while `outage.down`, every call fails like an unreachable database. */
export function withOutageSwitch(stores: Stores): { stores: Stores; outage: OutageSwitch } {
  const outage: OutageSwitch = { down: false };
  const wrapped: Record<string, unknown> = {};
  for (const [name, store] of Object.entries(stores) as [string, Record<string, unknown>][]) {
    const methods: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(store)) {
      methods[method] =
        typeof fn === "function"
          ? (...args: unknown[]) => {
              if (outage.down) return Promise.reject(new Error(`${name}.${method}: database unreachable`));
              return (fn as (...a: unknown[]) => unknown).apply(store, args);
            }
          : fn;
    }
    wrapped[name] = methods;
  }
  return { stores: wrapped as unknown as Stores, outage };
}
