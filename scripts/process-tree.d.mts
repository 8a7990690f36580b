export function descendantsOf(pid: number): number[];
export function signalTree(pid: number, signal: NodeJS.Signals): number[];
