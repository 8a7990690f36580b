/** The `json` source: a JSON Lines file (or stdin) in the import format, read line by line. */
import { createReadStream } from "node:fs";
import type { ImportInputLine } from "../../auth/import/import-users";
import { cliIo } from "../cli-io";
import { CliError } from "../context";
import type { ImportSource } from "./source";

/** A line as read: its text, or why it has none (bytes that are not UTF-8). */
type RawLine = { number: number; text: string } | { number: number; error: string };

/**
 * The longest line read, in bytes. A user is a few KiB at most; a file without line breaks (or a
 * binary file given by mistake) would otherwise be held, and copied chunk by chunk, whole.
 */
export const MAX_LINE_BYTES = 1024 * 1024;

const tooLong = `longer than ${MAX_LINE_BYTES} bytes`;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/**
 * The lines of a JSON Lines file, which is UTF-8 (jsonlines.org). Decoded strictly, line by line:
 * a stream decoded as "utf8" turns bytes of another encoding into U+FFFD without a word, so a
 * file saved as Latin-1 or Windows-1252 imported `josé@example.com` as `jos\uFFFD@example.com`
 * (an account nobody can sign in to) and names in the metadata broken alike. Such a line is
 * reported instead. A UTF-16 file (Windows PowerShell 5's `>` and `Out-File`) is refused before
 * any line: every line of it would be reported, none imported.
 */
async function* readLines(input: AsyncIterable<Buffer | string>, path: string): AsyncGenerator<RawLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  let pending: Buffer = Buffer.alloc(0);
  let number = 0;
  let first = true;
  const decode = (bytes: Buffer): RawLine => {
    number++;
    const line = bytes.at(-1) === 0x0d ? bytes.subarray(0, -1) : bytes;
    if (line.length > MAX_LINE_BYTES) return { number, error: tooLong };
    try {
      return { number, text: decoder.decode(line) };
    } catch {
      return { number, error: "not UTF-8 text: save the file as UTF-8 (JSON Lines is UTF-8)" };
    }
  };
  /** Yields each line that `bytes` ends with a line break; returns the bytes after the last one. */
  function* completeLines(bytes: Buffer): Generator<RawLine, Buffer> {
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end !== -1; end = bytes.indexOf(0x0a, start)) {
      yield decode(bytes.subarray(start, end));
      start = end + 1;
    }
    return bytes.subarray(start);
  }
  /** Refuses UTF-16 and drops a UTF-8 byte order mark: once, on the file's first bytes. */
  const opening = (bytes: Buffer): Buffer => {
    first = false;
    if (UTF16_BOMS.some((bom) => bytes.subarray(0, 2).equals(bom)))
      throw new CliError(`${path === "-" ? "stdin" : path} is UTF-16 text; JSON Lines is UTF-8: save it as UTF-8 and import again`);
    // A byte order mark opens files some Windows tools save as UTF-8; JSON.parse refuses it.
    return bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  };
  // Inside a line reported already as too long: its bytes are dropped up to its line break.
  let skipping = false;
  for await (const chunk of input) {
    let bytes: Buffer = Buffer.concat([pending, typeof chunk === "string" ? Buffer.from(chunk) : chunk]);
    pending = Buffer.alloc(0);
    if (first) {
      // Three bytes tell the encoding: wait for them (stdin may hand over less at first).
      if (bytes.length < 3) {
        pending = bytes;
        continue;
      }
      bytes = opening(bytes);
    }
    if (skipping) {
      const end = bytes.indexOf(0x0a);
      if (end === -1) continue;
      bytes = bytes.subarray(end + 1);
      skipping = false;
    }
    pending = yield* completeLines(bytes);
    if (pending.length > MAX_LINE_BYTES) {
      number++;
      yield { number, error: tooLong };
      pending = Buffer.alloc(0);
      skipping = true;
    }
  }
  if (skipping) return;
  // The last line, without a line break after it (and a file too short to have been looked at).
  const rest = yield* completeLines(first ? opening(pending) : pending);
  if (rest.length > 0) yield decode(rest);
}

export function jsonLinesSource(path: string): ImportSource {
  const open = (): AsyncIterable<Buffer | string> => (path === "-" ? cliIo().stdin : createReadStream(path));
  return {
    // A first pass that only counts lines, for the ETA; not for stdin, which can be read once.
    async count() {
      if (path === "-") return undefined;
      let n = 0;
      for await (const line of readLines(open(), path)) if (!("text" in line) || line.text.trim()) n++;
      return n;
    },
    async *lines(): AsyncIterable<ImportInputLine> {
      for await (const line of readLines(open(), path)) {
        if (!("text" in line)) {
          yield { line: line.number, parseError: line.error };
          continue;
        }
        if (!line.text.trim()) continue;
        try {
          yield { line: line.number, value: JSON.parse(line.text) as unknown };
        } catch (error) {
          yield { line: line.number, parseError: `not JSON: ${(error as Error).message}` };
        }
      }
    },
    async close() {},
  };
}
