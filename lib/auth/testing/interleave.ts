/**
 * Race tests: runs a step once, just before or just after the next call of a store method, so
 * that a concurrent request lands exactly where a race would put it. `pending` stays true until
 * the step has run, so a test can assert that the race it staged happened.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any store method, whatever its arguments
type AsyncMethod = (...args: any[]) => Promise<unknown>;
type AsyncMethodOf<T> = { [K in keyof T]: T[K] extends AsyncMethod ? K : never }[keyof T];

export interface Interleaving {
  /** Runs `step` before the next call (the call waits for it). */
  before(step: () => Promise<void>): void;
  /** Runs `step` after the next call has finished, before its caller goes on. */
  after(step: () => Promise<void>): void;
  readonly pending: boolean;
}

export function interleaveAt<T extends object, K extends AsyncMethodOf<T>>(target: T, method: K): Interleaving {
  let staged: { step: () => Promise<void>; when: "before" | "after" } | null = null;
  const original = (target[method] as AsyncMethod).bind(target);
  const wrapped: AsyncMethod = async (...args) => {
    const next = staged;
    staged = null;
    if (next?.when === "before") await next.step();
    const result = await original(...args);
    if (next?.when === "after") await next.step();
    return result;
  };
  target[method] = wrapped as T[K];
  return {
    before: (step) => void (staged = { step, when: "before" }),
    after: (step) => void (staged = { step, when: "after" }),
    get pending() {
      return staged !== null;
    },
  };
}
