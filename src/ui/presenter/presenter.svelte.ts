// Presenter mode for a projector: large type, the chrome hidden, full screen when the browser allows it,
// and a black screen on demand. Full screen may be refused (no user gesture, a policy, an iframe); the mode
// then works in the window and says how to get full screen by hand.

export class Presenter {
  presenting = $state(false);
  blanked = $state(false);
  /** Said once in a live region: entering, leaving, full screen refused. */
  message = $state('');

  /** Full screen was entered by us, so leaving it (Escape in the browser) also leaves presenter mode. */
  private ownsFullscreen = false;
  private readonly onFullscreenChange = () => {
    if (document.fullscreenElement || !this.ownsFullscreen) return;
    this.ownsFullscreen = false;
    // The browser handles Escape itself in full screen: it un-blanks first, then leaves presenter mode.
    if (this.blanked) this.blanked = false;
    else if (this.presenting) this.leave();
  };

  constructor() {
    document.addEventListener('fullscreenchange', this.onFullscreenChange);
  }

  destroy(): void {
    document.removeEventListener('fullscreenchange', this.onFullscreenChange);
    document.documentElement.classList.remove('presenting');
  }

  enter(): void {
    if (this.presenting) return;
    this.presenting = true;
    document.documentElement.classList.add('presenting');
    this.message = 'Presenter mode. → or Page Down: next, ← or Page Up: previous, Space: play or pause, B: black screen, P or Escape: leave.';
    const root = document.documentElement;
    if (document.fullscreenElement || typeof root.requestFullscreen !== 'function' || document.fullscreenEnabled === false) {
      if (!document.fullscreenElement) this.message += ' Full screen is not available here: use the browser’s own full-screen key (often F11).';
      return;
    }
    root.requestFullscreen().then(
      () => {
        if (this.presenting) this.ownsFullscreen = true;
        else void document.exitFullscreen().catch(() => undefined);
      },
      () => {
        this.message += ' The browser did not allow full screen: use its own full-screen key (often F11).';
      },
    );
  }

  leave(): void {
    if (!this.presenting) return;
    this.presenting = false;
    this.blanked = false;
    document.documentElement.classList.remove('presenting');
    this.message = 'Presenter mode off.';
    if (this.ownsFullscreen && document.fullscreenElement) {
      this.ownsFullscreen = false;
      void document.exitFullscreen().catch(() => undefined);
    }
  }

  toggle(): void {
    if (this.presenting) this.leave();
    else this.enter();
  }

  blank(): void {
    if (this.presenting) this.blanked = true;
  }

  unblank(): void {
    this.blanked = false;
  }
}
