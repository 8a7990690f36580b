"use client";

import { useCallback, useState } from "react";

/**
 * The state every form of the built-in UI keeps around one request at a time: `pending` while a
 * task runs (buttons are disabled and `aria-busy`), the `error` and `notice` it ends with. `run`
 * clears both before the task, and turns anything the task throws (a network failure, a bad
 * answer) into `generalError`, so no form is left spinning or silent.
 */
export function usePendingTask(generalError: string) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = useCallback(
    async (task: () => Promise<void>) => {
      setPending(true);
      setError(null);
      setNotice(null);
      try {
        await task();
      } catch {
        setError(generalError);
      } finally {
        setPending(false);
      }
    },
    [generalError],
  );

  return { pending, error, setError, notice, setNotice, run };
}
