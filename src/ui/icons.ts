// Icons as SVG paths on a 24-unit square: drawn by the page itself, so they look the same on every machine
// (a glyph such as ⏻ or ⏸ needs a font that has it, and shows as an empty box where none does).

export interface IconPath {
  d: string;
  /** Filled shape rather than a stroked line. */
  filled?: boolean;
}

export const ICONS = {
  check: { d: 'M 5 12.5 L 10 17.5 L 19.5 6.5' },
  cross: { d: 'M 6 6 L 18 18 M 18 6 L 6 18' },
  restart: { d: 'M 18.5 12 A 6.5 6.5 0 1 1 15.8 6.6 M 14.5 3 L 16.5 6.8 L 12.6 8.6' },
  bang: { d: 'M 12 4.5 L 12 14 M 12 18.5 L 12 19' },
  dash: { d: 'M 6 12 L 18 12' },
  power: { d: 'M 12 3.5 L 12 11.5 M 7.2 6.8 A 7 7 0 1 0 16.8 6.8' },
  warning: { d: 'M 12 3 L 22 20 L 2 20 Z M 12 9.5 L 12 14 M 12 16.8 L 12 17.2' },
  play: { d: 'M 7 4.5 L 19.5 12 L 7 19.5 Z', filled: true },
  pause: { d: 'M 8 5 L 8 19 M 16 5 L 16 19' },
  download: { d: 'M 12 3.5 L 12 15.5 M 7 10.5 L 12 15.5 L 17 10.5 M 5 20 L 19 20' },
  upload: { d: 'M 12 20 L 12 8 M 7 13 L 12 8 L 17 13 M 5 4 L 19 4' },
  circle: { d: 'M 12 4.5 A 7.5 7.5 0 1 1 11.99 4.5 Z' },
  half: { d: 'M 12 4.5 A 7.5 7.5 0 1 0 12 19.5 Z M 12 4.5 A 7.5 7.5 0 1 1 11.99 4.5', filled: true },
  back: { d: 'M 17 4.5 L 4.5 12 L 17 19.5 Z', filled: true },
  reset: { d: 'M 5.5 12 A 6.5 6.5 0 1 0 8.2 6.7 M 9.5 3 L 7.5 6.8 L 11.4 8.6' },
  bolt: { d: 'M 13.5 2 L 5 13.5 L 11 13.5 L 9.5 22 L 19 9.5 L 13 9.5 Z', filled: true },
} as const satisfies Record<string, IconPath>;

export type IconName = keyof typeof ICONS;
