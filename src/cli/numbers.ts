// Number formatting for terminal output: grouped thousands, fewer decimals as values grow.

export function formatCount(n: number): string {
  return Number.isFinite(n) ? group(Math.round(n).toString()) : nonFinite(n);
}

export function formatMs(x: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  if (Number.isInteger(x)) return group(x.toString());
  const abs = Math.abs(x);
  const digits = abs < 10 ? 2 : abs < 1000 ? 1 : 0;
  return group(x.toFixed(digits));
}

function group(text: string): string {
  const [int, frac] = text.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  return x > 0 ? 'inf' : '-inf';
}
