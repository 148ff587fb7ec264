// The hover providers, one re-export line each: `export { myHover } from './my-topic';`.
// Sections appear in alphabetical order of the exported names.
export {};
export { deviceModelHover } from './device-model';
export { layoutHover } from './layout';
export { keysHover } from './keys';
