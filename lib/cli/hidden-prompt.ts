/**
 * Answers typed at a terminal without being shown (passwords, the previous app secret). The
 * terminal is put in raw mode, so it echoes nothing and hands every key over as typed; this file
 * does the line editing a terminal would otherwise do.
 */
import { CliError } from "./cli-error";
import type { CliInput, CliOutput } from "./cli-io";

/** Asks one question at a time; each answer is one line, in the order typed. */
export type AskHidden = (question: string) => Promise<string>;

/** What the typed input holds, in order: an answer, or the end of all answers. */
type TypedLine = { kind: "answer"; text: string } | { kind: "cancelled" } | { kind: "ended" };

/** An emoji, or a letter with its accents, is one character to the person deleting it. */
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });
function withoutLastCharacter(text: string): string {
  let last = 0;
  for (const { index } of graphemes.segment(text)) last = index;
  return text.slice(0, last);
}

const CONTROL_KEY = /^[\u0000-\u0008\u000a-\u001f\u0080-\u009f]$/;

/**
 * The keys that send escape sequences (arrows, Home, F1, Alt+letter: ESC, then `[` and
 * parameters up to a final byte, or `O` and one character, or one character): in raw mode they
 * arrive as text, and would otherwise become part of the answer unseen. A terminal writes a key's
 * whole sequence at once, so an ESC that ends a chunk is the Esc key pressed on its own: the key
 * typed after it is a key of its own, not the letter of an Alt+letter.
 */
function escapeSequences() {
  let state: "text" | "escape" | "csi" | "ss3" = "text";
  return {
    /** Whether `c` belongs to an escape sequence (and is dropped). */
    skip(c: string): boolean {
      if (c === "\u001b") {
        state = "escape";
        return true;
      }
      // Enter, Ctrl-C, backspace… after a lone Esc, or amid a broken sequence, are keys of their own.
      if (state === "text" || c < "\u0020" || c === "\u007f") {
        state = "text";
        return false;
      }
      if (state === "escape") state = c === "[" ? "csi" : c === "O" ? "ss3" : "text";
      else if (state === "ss3") state = "text";
      else if (c >= "\u0040" && c <= "\u007e") state = "text";
      return true;
    },
    /** The chunk has ended: an ESC alone at its end was the Esc key. */
    endOfChunk(): void {
      if (state === "escape") state = "text";
    },
  };
}

/**
 * Runs `work` with the terminal in raw mode and the input read from before the first question is
 * written: a key typed as soon as the prompt shows (or before) must not reach a terminal that
 * still echoes. Raw mode is switched off again however `work` ends.
 *
 * A paste of several lines in one chunk is several answers: what is left after one answer is
 * kept for the next question, not dropped. Enter is `\r`, `\n` or `\r\n`. Ctrl-C cancels
 * (exit 130, as a shell's SIGINT); the input ending, or Ctrl-D on an empty line, ends it with an
 * error rather than a wait that never finishes.
 */
export async function withHiddenPrompt<T>(io: { stdin: CliInput; stderr: CliOutput }, work: (ask: AskHidden) => Promise<T>): Promise<T> {
  const { stdin, stderr } = io;
  const lines: TypedLine[] = [];
  let typing = "";
  let afterCarriageReturn = false;
  const escapes = escapeSequences();
  let wake: (() => void) | undefined;
  const finished = () => lines.some((line) => line.kind !== "answer");

  const onData = (chunk: string | Buffer) => {
    for (const c of String(chunk)) {
      if (finished()) break;
      // The \n of a \r\n ends the same line as its \r, also when the two arrive in two chunks.
      const lineFeedOfCrLf = afterCarriageReturn && c === "\n";
      afterCarriageReturn = c === "\r";
      if (lineFeedOfCrLf || escapes.skip(c)) continue;
      if (c === "\r" || c === "\n") {
        lines.push({ kind: "answer", text: typing });
        typing = "";
      } else if (c === "\u0003") lines.push({ kind: "cancelled" });
      // Ctrl-D: end of input on an empty line, as a terminal's own line editing takes it.
      else if (c === "\u0004") {
        if (!typing) lines.push({ kind: "ended" });
      } else if (c === "\u007f" || c === "\b") typing = withoutLastCharacter(typing);
      // Ctrl-U: start the line again, as a terminal's own line editing does.
      else if (c === "\u0015") typing = "";
      // Any other control key (Ctrl-A, Ctrl-L, …) is no character of an answer.
      else if (!CONTROL_KEY.test(c)) typing += c;
    }
    escapes.endOfChunk();
    wake?.();
  };
  const onEnd = () => {
    if (!finished()) lines.push({ kind: "ended" });
    wake?.();
  };

  const nextLine = async (): Promise<TypedLine> => {
    while (lines.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    // The end stays: every later question meets it too.
    return lines[0].kind === "answer" ? lines.shift()! : lines[0];
  };

  const ask: AskHidden = async (question) => {
    stderr.write(question);
    const line = await nextLine();
    // The Enter the terminal did not echo.
    stderr.write("\n");
    if (line.kind === "answer") return line.text;
    if (line.kind === "cancelled") throw new CliError("cancelled", 130);
    throw new CliError("the input ended before an answer was entered (Ctrl-D, or stdin closed)", 1);
  };

  stdin.setRawMode?.(true);
  try {
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.on("end", onEnd);
    if (stdin.readableEnded) onEnd();
    stdin.resume();
    return await work(ask);
  } finally {
    stdin.off("data", onData);
    stdin.off("end", onEnd);
    stdin.pause();
    stdin.setRawMode?.(false);
  }
}
