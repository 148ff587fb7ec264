// The host profile: what the analysis needs to know about the host (see schema.ts).
export { parseHostProfile, type HostProfileParseResult } from './parse';
export { normaliseBdf, formatBdf } from './schema';
export type { HostProfile, HostPciDevice, HostBar, HostRmrr, HostFirmware } from './schema';
export type { JsonError } from './located-json';
