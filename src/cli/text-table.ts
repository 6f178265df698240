// Plain-text table with multi-line cells, for terminals.

export type Align = 'left' | 'right';

export interface TableRow {
  cells: string[];
  /** Overrides the column alignment for every cell of this row but the first. */
  align?: Align;
}

const GAP = '  ';

/** `columns` gives each column's alignment; by default the first is left-aligned and the rest right. */
export function renderTable(header: string[], rows: readonly TableRow[], columns?: readonly Align[]): string {
  const alignOf = (col: number, row: TableRow): Align =>
    col > 0 && row.align ? row.align : (columns?.[col] ?? (col === 0 ? 'left' : 'right'));
  const all: TableRow[] = [{ cells: header }, ...rows];
  const widths = header.map((_, col) => Math.max(...all.map((r) => width(r.cells[col] ?? ''))));
  const lines: string[] = [];
  all.forEach((row, index) => {
    const cellLines = row.cells.map((c) => c.split('\n'));
    const height = Math.max(...cellLines.map((c) => c.length));
    for (let k = 0; k < height; k++) {
      const parts = widths.map((w, col) => {
        const text = cellLines[col]?.[k] ?? '';
        return alignOf(col, row) === 'left' ? text.padEnd(w) : text.padStart(w);
      });
      lines.push(parts.join(GAP).trimEnd());
    }
    if (index === 0) lines.push(widths.map((w) => '-'.repeat(w)).join(GAP));
  });
  return lines.join('\n');
}

function width(cell: string): number {
  return Math.max(...cell.split('\n').map((l) => l.length));
}
