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

/** Arms an outage at one store method: see outageAt. */
export interface OutageTrigger {
  armed: boolean;
}

/**
 * Takes the database away at a call of `stores[store][method]` (stores wrapped by
 * withOutageSwitch) while the trigger is armed: a flow failing half-way, at the write named.
 * "before" fails that call and disarms; "after" lets the call write, then fails every call after
 * it. The database stays away until the test sets `outage.down = false`.
 */
export function outageAt<S extends keyof Stores>(
  stores: Stores,
  outage: OutageSwitch,
  store: S,
  method: keyof Stores[S] & string,
  when: "before" | "after" = "before",
): OutageTrigger {
  const trigger: OutageTrigger = { armed: false };
  const methods = stores[store] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = methods[method]!;
  const wrapped = async (...args: unknown[]) => {
    if (when === "before" && trigger.armed) {
      trigger.armed = false;
      outage.down = true;
    }
    const result = await original(...args);
    if (when === "after" && trigger.armed) outage.down = true;
    return result;
  };
  stores[store] = { ...methods, [method]: wrapped } as unknown as Stores[S];
  return trigger;
}
