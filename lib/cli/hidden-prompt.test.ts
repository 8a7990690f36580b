/**
 * The hidden prompt's reading of escape sequences across the chunks a terminal delivers: a key
 * sends its whole sequence in one write, so an Esc alone at the end of a chunk is the Esc key,
 * not the start of an Alt+letter, and the letter typed after it is part of the answer.
 * (password-prompt.db.test.ts runs the prompt through the CLI, one chunk per answer.)
 */
import { PassThrough } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { CliInput } from "./cli-io";
import { withHiddenPrompt } from "./hidden-prompt";

/** The answer to one question when the keys arrive in these chunks, each in a turn of its own. */
async function answerTyped(chunks: string[]): Promise<string> {
  const stdin = new PassThrough();
  const stderr = { write: () => true };
  return withHiddenPrompt({ stdin: stdin as unknown as CliInput, stderr }, async (ask) => {
    const answer = ask("Password: ");
    for (const chunk of chunks) {
      stdin.write(chunk);
      await nextTurn();
    }
    return answer;
  });
}

describe("withHiddenPrompt and the Esc key", () => {
  it("keeps the letter typed after an Esc pressed on its own", async () => {
    expect(await answerTyped(["abc\u001b", "d", "ef\r"])).toBe("abcdef");
  });

  it("drops Alt+letter, which arrives as Esc and the letter in one chunk", async () => {
    expect(await answerTyped(["abc\u001bx", "def\r"])).toBe("abcdef");
  });

  it("drops an arrow key whose sequence is split after its `[`", async () => {
    expect(await answerTyped(["abc\u001b[", "Adef\r"])).toBe("abcdef");
  });

  it("drops escape sequences within one chunk, as before", async () => {
    expect(await answerTyped(["ab\u001b[1;5Dc\u001bOHdef\r"])).toBe("abcdef");
  });
});
