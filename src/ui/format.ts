// Number and id formatting shared by the result views.

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fine = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const coarse = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return Number.isFinite(n) ? whole.format(n) : '—';
}

/** Milliseconds with precision that shrinks as values grow: 0.42, 12.3, 15,000. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  return (abs < 10 ? fine : abs < 100 ? coarse : whole).format(ms);
}

/** A stable, attribute-safe form of a run label, for data-testid and element ids. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Slugs for a list of labels, distinct whatever the labels: they key the panes and the table's columns, and
 * two equal keys stop Svelte from drawing the page. A label whose slug is its own keeps it; a label whose
 * slug an earlier one took gets the first `-n` suffix that no label's slug and no earlier suffix uses
 * (`A`, `a`, `a-2` → `a`, `a-3`, `a-2`).
 */
export function uniqueSlugs(labels: readonly string[]): string[] {
  const bases = labels.map((label) => slug(label) || 'run');
  const taken = new Set(bases);
  const claimed = new Set<string>();
  return bases.map((base) => {
    if (!claimed.has(base)) {
      claimed.add(base);
      return base;
    }
    let n = 2;
    while (taken.has(`${base}-${n}`)) n++;
    const key = `${base}-${n}`;
    taken.add(key);
    return key;
  });
}
