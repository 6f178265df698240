// Bytes of a scenario file → text. Files are UTF-8, but editors on Windows save "Unicode" as UTF-16 with a
// byte-order mark, so the mark decides. The command line and the browser's import both decode here, so a
// file reads the same wherever it is opened. Browser-safe: TextDecoder exists in both.

/** The text of a scenario file; a byte-order mark picks UTF-16 (either order) or UTF-8, and is dropped. */
export function decodeScenarioBytes(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  // Not fatal: bytes that are not text become U+FFFD, and the YAML reader says where they are.
  return new TextDecoder(encoding).decode(bytes);
}
