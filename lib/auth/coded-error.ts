/**
 * The base of Gatehouse's error classes: a message for the log and a stable `code` from a closed
 * union of the subclass's own, which callers switch on (as jose's errors carry theirs). Expected
 * outcomes are result unions instead; these are for what the normal flow cannot handle.
 *
 * Recognise a particular class with its own guard (`isGatehouseError`), not `instanceof`: Next
 * bundles some code twice, and each bundle has its own copy of every class.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
