// The completion providers, one re-export line each: `export { myCompletions } from './my-topic';`.
export {};
export { keysCompletion } from './keys';
