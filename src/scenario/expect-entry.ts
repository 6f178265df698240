// Reading a parsed `expect` block (expect-block.ts builds it, without a prototype): its own module, so the
// lessons' goals read assertions without the schema library.
import type { Assertions } from './schema';

export type ExpectBlock = Record<string, Assertions>;

/** The assertions under `name`, never something the block inherits. */
export function expectEntry(block: ExpectBlock, name: string): Assertions | undefined {
  return Object.hasOwn(block, name) ? block[name] : undefined;
}
