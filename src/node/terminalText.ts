/**
 * Text from files (a project's name in a .pb, a cell of an export) reaches the terminal through
 * messages and tables. Terminals obey control characters: an ESC sequence can clear the screen,
 * retitle the window or plant a hidden link (OSC 8), and bidi overrides show text in another order
 * than it is. Everything printed goes through here.
 */

// ESC sequences whole (CSI `ESC [ … final`, OSC/DCS/APC/PM/SOS `ESC ] … BEL|ST`, two-byte `ESC X`),
// so no visible debris like `[2J` is left behind.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u009b[0-?]*[ -/]*[@-~]?|[\u009d\u0090\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\s\S]?/g;
// C0 (tab and line feed kept), DEL, C1, and the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n]/g;
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/** The text with every control character removed; line feeds and tabs stay (they lay out messages). */
export function terminalText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** One cell of a table: as terminalText, and on one line. */
export function terminalCell(text: string): string {
  return terminalText(text).replace(LINE_BREAKS, ' ');
}

/**
 * JSON for the terminal: JSON.stringify already writes C0 characters as `\u001b`; the rest
 * (DEL, C1, bidi controls) are written the same way, so the data is unchanged and the terminal
 * sees none of them.
 */
export function terminalJson(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
