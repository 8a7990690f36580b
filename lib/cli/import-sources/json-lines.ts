/** The `json` source: a JSON Lines file (or stdin) in the import format, read line by line. */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { ImportInputLine } from "../../auth/import/import-users";
import type { ImportSource } from "./source";

export function jsonLinesSource(path: string): ImportSource {
  const open = () => (path === "-" ? process.stdin : createReadStream(path, { encoding: "utf8" }));
  return {
    // A first pass that only counts lines, for the ETA; not for stdin, which can be read once.
    async count() {
      if (path === "-") return undefined;
      let n = 0;
      for await (const line of createInterface({ input: open(), crlfDelay: Infinity })) if (line.trim()) n++;
      return n;
    },
    async *lines(): AsyncIterable<ImportInputLine> {
      let number = 0;
      for await (const text of createInterface({ input: open(), crlfDelay: Infinity })) {
        number++;
        if (!text.trim()) continue;
        try {
          // A byte order mark opens files some Windows tools save as UTF-8; JSON.parse refuses it.
          yield { line: number, value: JSON.parse(number === 1 ? text.replace(/^\uFEFF/, "") : text) as unknown };
        } catch (error) {
          yield { line: number, parseError: `not JSON: ${(error as Error).message}` };
        }
      }
    },
    async close() {},
  };
}
