// The guest memory layout engine: see compute.ts for the stages.
export { computeLayout } from './compute';
export { buildLayoutInput, type LayoutInputOptions } from './input';
export { layoutToJson, layoutToText, linuxE820Lines, guestBdf, type LayoutJson } from './report';
export { layoutOf, layoutInputOf } from './of-context';
export type * from './types';
export { smallestMmioHole, boundaryBelow, holeBelow, largestLowBar } from './fix-values';
