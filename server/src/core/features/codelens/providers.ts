// The code-lens providers, one re-export line each: `export { myLenses } from './my-topic';`.
export {};
export { layoutLenses } from './layout';
