// Whether a view can travel as a link. Servers refuse long addresses before the page loads: nginx past 8 KiB
// in the request line by default, Node (Vite's dev and preview servers) with HTTP 431 past 16 KiB of
// request head, and the browser then shows a blank page. So a link is at most 8,000 characters, which
// leaves room for the rest of the request; a longer view (a large imported file, many faults) travels as
// an exported file instead, and never goes into the address bar.
export const MAX_LINK_CHARS = 8000;

export type LinkDecision = { fits: true; href: string } | { fits: false; chars: number; limit: number };

export function decideLink(href: string): LinkDecision {
  return href.length <= MAX_LINK_CHARS ? { fits: true, href } : { fits: false, chars: href.length, limit: MAX_LINK_CHARS };
}

/**
 * What the address bar holds for a view: its link when it fits; otherwise the page's plain address (with
 * presenter mode), so a reload never sends a request the server refuses.
 */
export function addressFor(decision: LinkDecision, pageHref: string, present: boolean): string {
  if (decision.fits) return decision.href;
  const url = new URL(pageHref);
  url.hash = '';
  url.search = present ? 'present' : '';
  return url.href;
}

/** The Share panel's words for a view too large for a link. */
export function tooLongText(decision: Extract<LinkDecision, { fits: false }>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `This scenario is too large for a link: its address would be ${n(decision.chars)} characters, and links stop at ` +
    `${n(decision.limit)} (longer ones are refused by web servers). Export it as a file instead: opening the file ` +
    `with Import… replays the same run, with your faults.`
  );
}
