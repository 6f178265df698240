// "Download picture": the panes at the current instant as one SVG file, with a caption (the scenario and
// its seed), the clock and each pane's counts above its picture. Pure: the panes arrive as SVG markup
// already captured from the page (picture-dom.ts), so this module only lays them out and writes text.

export interface PicturePane {
  label: string;
  /** The pane picture's children as SVG markup, every style inlined. */
  content: string;
  /** The pane picture's viewBox size. */
  width: number;
  height: number;
  acked?: number;
  lost?: number;
  atRisk?: number;
}

export interface PictureInput {
  title: string;
  seed: number;
  tUs: number;
  endUs: number;
  panes: readonly PicturePane[];
}

export interface Picture {
  svg: string;
  width: number;
  height: number;
}

/** Width of each pane in the picture (px); two panes to a row, as the lab shows them on a wide screen. */
const COLUMN = 640;
const GAP = 16;
const MARGIN = 16;
const HEADER = 64;
const PANE_HEAD = 44;

const count = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString('en-US'));

/** The clock as the lab writes it (3 decimals). */
export function clockText(tUs: number, endUs: number): string {
  return `${(tUs / 1e6).toFixed(3)} s / ${Math.round(endUs / 1e6)} s`;
}

/** The caption under the title: what runs, with which seed, and when. */
export function captionText(input: Pick<PictureInput, 'title' | 'seed' | 'tUs' | 'endUs'>): string {
  return `${input.title} · seed ${input.seed} · at ${clockText(input.tUs, input.endUs)}`;
}

/** One pane's counts, as its heading in the picture says them. */
export function countsText(p: Pick<PicturePane, 'acked' | 'lost' | 'atRisk'>): string {
  return `acknowledged ${count(p.acked)} · lost ${count(p.lost)} · at risk ${count(p.atRisk)}`;
}

export function composePicture(input: PictureInput): Picture {
  const columns = Math.min(2, Math.max(1, input.panes.length));
  const rows: PicturePane[][] = [];
  for (let i = 0; i < input.panes.length; i += columns) rows.push(input.panes.slice(i, i + columns));
  const width = MARGIN * 2 + columns * COLUMN + (columns - 1) * GAP;
  const parts: string[] = [];
  let y = MARGIN + HEADER;
  for (const row of rows) {
    const heights = row.map((p) => PANE_HEAD + (p.height * COLUMN) / Math.max(1, p.width));
    row.forEach((p, i) => {
      const x = MARGIN + i * (COLUMN + GAP);
      const scale = COLUMN / Math.max(1, p.width);
      parts.push(
        `<g class="pane" data-label="${escapeXml(p.label)}" data-acked="${p.acked ?? ''}" data-lost="${p.lost ?? ''}" data-at-risk="${p.atRisk ?? ''}">` +
          `<rect x="${x}" y="${y}" width="${COLUMN}" height="${round(heights[i])}" rx="6" fill="#ffffff" stroke="#c9ced6"/>` +
          `<text x="${x + 10}" y="${y + 19}" font-size="15" font-weight="700" fill="#1b1f24">${escapeXml(p.label)}</text>` +
          `<text x="${x + 10}" y="${y + 37}" font-size="13" fill="#3d4550" class="counts">${escapeXml(countsText(p))}</text>` +
          `<g transform="translate(${x} ${y + PANE_HEAD}) scale(${round(scale)})">${p.content}</g>` +
          `</g>`,
      );
    });
    y += Math.max(...heights) + GAP;
  }
  const height = Math.ceil(y - GAP + MARGIN);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">` +
    `<title>${escapeXml(`Durability Lab: ${captionText(input)}`)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="${MARGIN}" y="${MARGIN + 20}" font-size="20" font-weight="700" fill="#1b1f24">Durability Lab: ${escapeXml(input.title)}</text>` +
    `<text x="${MARGIN}" y="${MARGIN + 46}" font-size="15" fill="#1b1f24" class="caption">seed ${input.seed} · clock ${escapeXml(clockText(input.tUs, input.endUs))}</text>` +
    parts.join('') +
    `</svg>`;
  return { svg, width, height };
}

/** `primary-crash-25.000s.svg`: the scenario and the instant, in characters any file system takes. */
export function pictureFileName(title: string, tUs: number, ext: 'svg' | 'png'): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'durability-lab';
  return `${slug}-${(tUs / 1e6).toFixed(3)}s.${ext}`;
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 does not allow at all are dropped; the rest are escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
