// Capturing the panes' pictures from the page for "Download picture" (picture.ts lays them out). The
// pictures are styled by the page's CSS, which a file on its own does not have, so each element's computed
// presentation is written onto its copy; hidden parts are left out, and nothing interactive is kept.
import type { PicturePane } from './picture';

const PRESENTATION = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
] as const;

/** Attributes that mean something only in the live page. */
const DROP = /^(on|aria-|data-|role$|tabindex$|class$|style$)/;

export function capturePane(svg: SVGSVGElement): Pick<PicturePane, 'content' | 'width' | 'height'> {
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  inline(svg, copy);
  const content = Array.from(copy.childNodes, (n) => new XMLSerializer().serializeToString(n)).join('');
  return { content, width, height };
}

function inline(from: Element, to: Element): void {
  const style = getComputedStyle(from);
  for (const name of Array.from(to.attributes, (a) => a.name)) if (DROP.test(name)) to.removeAttribute(name);
  const declared: string[] = [];
  for (const prop of PRESENTATION) {
    const value = style.getPropertyValue(prop);
    if (value !== '') declared.push(`${prop}:${value}`);
  }
  if (declared.length > 0) to.setAttribute('style', declared.join(';'));
  const a = Array.from(from.children);
  const b = Array.from(to.children);
  for (let i = a.length - 1; i >= 0; i--) {
    const s = getComputedStyle(a[i]);
    if (s.display === 'none' || s.visibility === 'hidden') b[i].remove();
    else inline(a[i], b[i]);
  }
}

/** Starts a download of `blob` named `name`. */
export function download(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** The SVG drawn on a canvas at twice its size, as PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the browser could not draw the picture'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser has no 2D canvas');
    context.scale(2, 2);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
