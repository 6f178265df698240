// Text from a scenario file (its title, its labels) and from the command line reaches the terminal, where
// ESC, BEL and their 8-bit forms are commands: `\e[2J` clears the screen and `\e]0;…\a` renames the
// window. Whatever the command prints shows such characters as escapes, the way JSON writes them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One field of a table or a line: every control character escaped, line breaks included. */
export function printable(text: string): string {
  return text.replace(CONTROL, escape);
}

/** Output made of lines: the line breaks stay, every other control character is escaped. */
export function printableLines(text: string): string {
  return text.replace(CONTROL_BUT_NEWLINE, escape);
}
