// The key catalog: data (keys.ts), its shape (types.ts) and release-aware lookups (catalog.ts).
export * from './types';
export * from './catalog';
export { KEY_ENTRIES } from './keys';
