export function isProcessRunning(pid: number): boolean;
