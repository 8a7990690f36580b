import { useEffect, useRef, type RefObject } from "react";

/**
 * Runs `take` once, when React has hydrated the element the returned ref is put on, with that
 * element. Text typed, or an option picked, before the page's script ran stays in the DOM, but
 * React replays no change event for it: state fed by `onChange` (a button enabled by what was
 * typed, a suggestion made from it) would not know. `take` reads what the fields hold instead.
 * The browser's own restoring of form fields (back, reload) arrives the same way.
 */
export function useFieldsAtHydration<E extends HTMLElement>(take: (element: E) => void): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (ref.current) take(ref.current);
    // Once: after hydration, every change reaches the component through its onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return ref;
}
