// The speed slider is logarithmic: each step of the slider multiplies the speed, so 0.1× and 1000× are
// equally easy to reach.
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;

const LO = Math.log10(MIN_SPEED);
const HI = Math.log10(MAX_SPEED);
export const SLIDER_STEPS = 40;

export function speedFromSlider(position: number): number {
  const exp = LO + ((HI - LO) * position) / SLIDER_STEPS;
  // Round to two significant digits so the readout shows 2×, 3.2×, 100× rather than 3.16227…×.
  return Number(Math.pow(10, exp).toPrecision(2));
}

export function sliderFromSpeed(speed: number): number {
  return Math.round(((Math.log10(speed) - LO) / (HI - LO)) * SLIDER_STEPS);
}

export function formatSpeed(speed: number): string {
  return `${speed >= 10 ? Math.round(speed) : Number(speed.toPrecision(2))}×`;
}
