// Presenter mode's keys: what a remote's buttons and the usual lab keys do in and out of presenter mode,
// and how a lesson takes "next" and "previous" through the step registry.
import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../src/ui/keys';
import { presenterCommand, type PresenterState } from '../../src/ui/presenter/keys';
import { StepRegistry } from '../../src/ui/presenter/steps';

const key = (k: string) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false });
const body = { tagName: 'BODY', getAttribute: () => null } as unknown as Element;
const state = (over: Partial<PresenterState> = {}): PresenterState => ({ presenting: false, blanked: false, overlayOpen: false, ...over });
const command = (k: string, s: PresenterState) => {
  const shortcut = shortcutFor(key(k), body);
  return shortcut === null ? 'no shortcut' : presenterCommand(shortcut, s);
};

describe('presenter keys', () => {
  it('enters with P and leaves with P or Escape', () => {
    expect(command('p', state())).toBe('enter');
    expect(command('P', state({ presenting: true }))).toBe('leave');
    expect(command('Escape', state({ presenting: true }))).toBe('leave');
  });

  it('closes an open menu or dialog with Escape before leaving', () => {
    expect(command('Escape', state({ presenting: true, overlayOpen: true }))).toBe('close');
    expect(command('Escape', state({ overlayOpen: true }))).toBeNull();
  });

  it('maps a remote: Page Down and → go on, Page Up and ← go back, Space plays', () => {
    const on = state({ presenting: true });
    expect(command('PageDown', on)).toBe('next');
    expect(command('ArrowRight', on)).toBe('next');
    expect(command('PageUp', on)).toBe('previous');
    expect(command('ArrowLeft', on)).toBe('previous');
    expect(command(' ', on)).toBe('toggle');
  });

  it('leaves Page Down / Page Up and B to the browser outside presenter mode; arrows step as usual', () => {
    expect(command('PageDown', state())).toBe('pass');
    expect(command('PageUp', state())).toBe('pass');
    expect(command('b', state())).toBe('pass');
    expect(command('ArrowRight', state())).toBeNull();
    expect(command('f', state())).toBeNull();
  });

  it('blanks with B (or the period key remotes send); B or Escape brings the screen back; other keys are swallowed', () => {
    expect(command('b', state({ presenting: true }))).toBe('blank');
    expect(command('.', state({ presenting: true }))).toBe('blank');
    const dark = state({ presenting: true, blanked: true });
    expect(command('B', dark)).toBe('unblank');
    expect(command('Escape', dark)).toBe('unblank');
    expect(command('PageDown', dark)).toBe('ignore');
    expect(command(' ', dark)).toBe('ignore');
    expect(command('p', dark)).toBe('ignore');
  });

  it('keeps text fields and modified keys out of it', () => {
    const input = { tagName: 'INPUT', getAttribute: () => null } as unknown as Element;
    expect(shortcutFor(key('p'), input)).toBeNull();
    expect(shortcutFor(key('PageDown'), input)).toBeNull();
    expect(shortcutFor({ ...key('b'), ctrlKey: true }, body)).toBeNull();
  });

  it('leaves the arrows to a tab of a tab list (the Share panel), not to the clock', () => {
    const tab = { tagName: 'BUTTON', getAttribute: (n: string) => (n === 'role' ? 'tab' : null) } as unknown as Element;
    expect(shortcutFor(key('ArrowRight'), tab)).toBeNull();
    expect(shortcutFor(key('ArrowLeft'), tab)).toBeNull();
    expect(shortcutFor(key('ArrowRight'), body)).toBe('next');
  });
});

describe('step registry', () => {
  it('lets the last registered target take the step until it declines or unregisters', () => {
    const registry = new StepRegistry();
    expect(registry.step(1)).toBe(false);
    const moves: string[] = [];
    let atEnd = false;
    const off = registry.register({ next: () => (atEnd ? false : (moves.push('next'), true)), previous: () => (moves.push('back'), true) });
    expect(registry.step(1)).toBe(true);
    expect(registry.step(-1)).toBe(true);
    atEnd = true;
    expect(registry.step(1)).toBe(false);
    off();
    expect(registry.step(-1)).toBe(false);
    expect(moves).toEqual(['next', 'back']);
  });
});
