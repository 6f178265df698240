// What every experiment receives and returns.
import type { Row } from '../report';

export interface Context {
  /** The reduced set for CI: fewer cases, shorter runs. */
  quick: boolean;
  log: (line: string) => void;
}

export interface Experiment {
  id: string;
  title: string;
  run: (ctx: Context) => Promise<Row[]>;
}
