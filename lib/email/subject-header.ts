/**
 * The Subject header as nodemailer should write it. A subject carries words that are not the
 * deployer's: an organization's name (its creator's) in an invitation. nodemailer writes a plain
 * ASCII subject as it is, so a name written as an RFC 2047 encoded word ("=?UTF-8?Q?…?=") passed
 * the name check as ASCII and was decoded by the reader's mail client into other characters,
 * such as the right-to-left override that check refuses. A subject that holds "=?" is therefore
 * sent encoded whole, which the client decodes once, back to the text as written.
 */

/** UTF-8 bytes per encoded word: 60 base64 characters, 72 with "=?UTF-8?B?" and "?=" (RFC 2047 allows 75). */
const MAX_BYTES_PER_WORD = 45;

export type SubjectHeader = string | { prepared: true; value: string };

export function subjectHeader(subject: string): SubjectHeader {
  if (!subject.includes("=?")) return subject;
  const words: string[] = [];
  let word = "";
  // By code point, so that no character is cut between two words.
  for (const char of subject) {
    if (word !== "" && Buffer.byteLength(word + char) > MAX_BYTES_PER_WORD) {
      words.push(word);
      word = "";
    }
    word += char;
  }
  if (word !== "") words.push(word);
  // Folded between the words; a decoder drops the white space between two encoded words.
  return { prepared: true, value: words.map((w) => `=?UTF-8?B?${Buffer.from(w, "utf8").toString("base64")}?=`).join("\r\n ") };
}
