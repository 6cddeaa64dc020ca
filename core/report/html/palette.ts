/** Colour-blind-safe categorical colours (Okabe-Ito), one per model in the run's model order. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export function modelColour(index: number): string {
  return COLOURS[index % COLOURS.length]!;
}
