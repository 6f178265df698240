// What the app page (index.html) tells the lab beyond its LabConfig. An embed passes none of it: it must
// not rewrite its host page's address.
export interface PageOptions {
  /** The lab owns the address bar: it keeps it in sync with the view and offers share links. */
  address: boolean;
  /** Open in presenter mode (`?present`). */
  present: boolean;
  /** Problems found in the link the page was opened with, each naming its parameter. */
  problems: string[];
}
