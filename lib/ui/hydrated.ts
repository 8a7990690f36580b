import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true from the first render after.
 * For a control that must not act before the page's script runs: a form's submit button, whose
 * click would otherwise submit natively (see auth-form.tsx).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
