// Whether a process still runs, for the test tools that clean up after runs that died: the layer
// rules' fixtures (layers-fixtures.mjs), test databases (test-db.mjs), the watchdog's workers.
/** True unless no process has this pid (ESRCH); one owned by another user (EPERM) runs. */
export function isProcessRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code !== "ESRCH";
  }
}
