// What a key does in presenter mode. Presenter remotes send PageDown/PageUp (and often B for a black
// screen); the usual lab keys keep working. Pure, so the mapping is tested without a page.
import type { Shortcut } from '../keys';

export type PresenterCommand =
  | 'enter'
  | 'leave'
  | 'blank'
  | 'unblank'
  | 'next'
  | 'previous'
  | 'toggle'
  /** Close the open menu or dialog, nothing else. */
  | 'close'
  /** Swallow the key (the screen is blanked). */
  | 'ignore'
  /** Leave the key to the browser (Page Down scrolls outside presenter mode). */
  | 'pass';

export interface PresenterState {
  presenting: boolean;
  blanked: boolean;
  /** A menu or dialog is open: Escape closes it before it leaves presenter mode. */
  overlayOpen: boolean;
}

/**
 * The presenter-mode meaning of a shortcut, or null when the lab handles it as usual. While the screen is
 * blanked, B or Escape brings it back and every other shortcut is swallowed, so a stray click on the remote
 * does not move the run behind a black screen.
 */
export function presenterCommand(shortcut: Shortcut, s: PresenterState): PresenterCommand | null {
  if (s.blanked) return shortcut === 'blank' || shortcut === 'close' ? 'unblank' : 'ignore';
  if (!s.presenting) {
    if (shortcut === 'presenter') return 'enter';
    if (shortcut === 'page-down' || shortcut === 'page-up') return 'pass';
    return shortcut === 'blank' ? 'pass' : null;
  }
  switch (shortcut) {
    case 'page-down':
      return 'next';
    case 'page-up':
      return 'previous';
    case 'close':
      return s.overlayOpen ? 'close' : 'leave';
    case 'presenter':
      return 'leave';
    case 'blank':
      return 'blank';
    case 'next':
    case 'previous':
    case 'toggle':
      return shortcut;
    default:
      return null;
  }
}
