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

/** Slugs for a list of labels, suffixed where two labels would otherwise collide. */
export function uniqueSlugs(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const base = slug(label) || 'run';
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}
