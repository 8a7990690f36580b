/**
 * A terminal for the CLI's hidden prompts in tests: it is stdin (isTTY, raw mode) and it shows
 * what the CLI writes to stderr. It types its script's keys when a prompt shows, and records what
 * happened in order, including what a terminal not yet in raw mode would have echoed.
 */
import { PassThrough } from "node:stream";
import type { CliInput } from "../cli-io";

/** One step of the script: when `prompt` shows, type `keys` (in one chunk, as a paste), or end the input. */
export type TerminalStep = { prompt: string; keys: string } | { prompt: string; endInput: true };

export interface FakeTerminal {
  stdin: CliInput;
  /** In order: "raw on", "raw off", "listening", "shown: <text>", "typed: <keys>", "echoed: <keys>", "input ended". */
  readonly events: string[];
  /** Whether raw mode is on now. */
  readonly raw: boolean;
  /** What the CLI wrote to stderr (runCli calls it). */
  show(text: string): void;
}

export function fakeTerminal(script: TerminalStep[]): FakeTerminal {
  const events: string[] = [];
  const steps = [...script];
  let raw = false;
  /** Records raw mode and when the CLI starts listening for keys. */
  class TerminalInput extends PassThrough {
    readonly isTTY = true;
    setRawMode(on: boolean) {
      raw = on;
      events.push(on ? "raw on" : "raw off");
      return this;
    }
    override on(event: string | symbol, listener: Parameters<PassThrough["on"]>[1]) {
      if (event === "data") events.push("listening");
      return super.on(event, listener);
    }
  }
  const stream = new TerminalInput();
  return {
    stdin: stream as unknown as CliInput,
    events,
    get raw() {
      return raw;
    },
    show(text) {
      events.push(`shown: ${text}`);
      const step = steps[0];
      if (!step || !text.includes(step.prompt)) return;
      steps.shift();
      if ("endInput" in step) {
        events.push("input ended");
        stream.end();
        return;
      }
      // A terminal that is not in raw mode yet echoes what is typed: the password on screen.
      if (!raw) events.push(`echoed: ${step.keys}`);
      events.push(`typed: ${step.keys}`);
      stream.write(step.keys);
    },
  };
}
