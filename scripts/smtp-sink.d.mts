export interface SinkMessage {
  /** Recipient addresses, lower-cased. */
  to: string[];
  from: { address?: string; name: string } | null;
  subject: string;
  text: string;
  html: string;
  /** The first link in the text with a `token` query parameter, or null. */
  link: string | null;
  receivedAt: number;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`: the SMTP_URL to send to. */
  url: string;
  messages: SinkMessage[];
  messagesTo(to: string): SinkMessage[];
  /** Resolves with the `count`-th message to `to` (default the first) once it has arrived. */
  waitFor(to: string, options?: { count?: number; timeoutMs?: number }): Promise<SinkMessage>;
  /** Answers the next `count` MAIL FROM commands with `code` (4xx transient, 5xx permanent). */
  failNext(count: number, code: number): void;
  /** Delays every MAIL FROM answer by `ms`, as a slow server would. */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export declare function linkWithToken(text: string | undefined): string | null;
export declare function startSmtpSink(options?: { port?: number; host?: string }): Promise<SmtpSink>;
export declare function startMailboxHttp(
  sink: SmtpSink,
  options?: { port?: number; host?: string },
): Promise<{ port: number; close(): Promise<void> }>;
