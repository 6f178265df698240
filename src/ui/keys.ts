// Global keyboard shortcuts. They stand aside whenever the focused element has its own use for the key
// (a button activated by Space, a slider or a tab list moved by the arrows, a text field).
export type Shortcut = 'toggle' | 'next' | 'previous' | 'help' | 'faults' | 'close' | 'presenter' | 'blank' | 'page-down' | 'page-up';

export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: Element | null): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = target?.tagName ?? '';
  const typing = tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || (target as HTMLElement | null)?.isContentEditable === true;
  if (e.key === 'Escape') return 'close';
  if (typing) return null;
  const control = tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || target?.getAttribute('role') === 'button';
  if (e.key === ' ' && !control) return 'toggle';
  // A tab of a tab list moves to its neighbours with the arrows.
  if (target?.getAttribute('role') === 'tab' && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) return null;
  if (e.key === 'ArrowRight') return 'next';
  if (e.key === 'ArrowLeft') return 'previous';
  // Presenter remotes send these for forward and back; outside presenter mode they scroll as usual.
  if (e.key === 'PageDown') return 'page-down';
  if (e.key === 'PageUp') return 'page-up';
  if (e.key === '?') return 'help';
  if (e.key === 'f' || e.key === 'F') return 'faults';
  if (e.key === 'p' || e.key === 'P') return 'presenter';
  if (e.key === 'b' || e.key === 'B' || e.key === '.') return 'blank';
  return null;
}
