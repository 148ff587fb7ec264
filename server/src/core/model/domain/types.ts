// The typed domain configuration xl builds from a config file, with where each value came from.

import type { GuestType } from '../../catalog/types';
import type { XenVersion } from '../../xen-version';
import type { LibxlObject } from './libxl-json';

/** Where a value of the domain configuration came from: the key and its value's source range. */
export interface Src {
  key: string;
  start: number;
  end: number;
}

/** A line xl prints on stderr while it reads the config (warning, note or fatal error). */
export interface XlMessage {
  /**
   * Exactly what xl prints (with `FILE:LINE: ` where xl puts it), without the final newline.
   * Empty when xl exits without a word (the grant-limit keys) or crashes.
   */
  text: string;
  /** True when xl prints no newline after it (libxlutil's PCI messages), so the next one joins the line. */
  noNewline?: boolean;
  /** xl crashes here (signal, e.g. SIGSEGV) instead of exiting. */
  crash?: 'SIGSEGV' | 'SIGABRT';
  /** The key it is about, and the source range of its value, when there is one. */
  key?: string;
  start?: number;
  end?: number;
  /** xl's exit status when this message ends the run. */
  exitCode?: number;
}

/** How the guest type (c_info.type) was decided, as xl_parse.c decides it. */
export interface GuestTypeDecision {
  type: GuestType;
  /** `type=` (prefix-matched), the deprecated `builder=`, or the built-in default (PV on x86). */
  decidedBy: 'type' | 'builder' | 'default';
  src?: Src;
}

export interface DomainModel {
  release: XenVersion;
  guestType: GuestTypeDecision;
  /**
   * libxl_domain_config as xl fills it (before libxl's defaulting pass): `c_info`, `b_info`
   * (with the guest-type union in `b_info.u`, keyed by `b_info.type`), `disks`, `nics`,
   * `pcidevs`, ... Field names are libxl's; integers are bigint, enums lower-case names,
   * defbools booleans (absent = not set).
   */
  config: LibxlObject;
  /** Dotted path in `config` (array items as `disks.0`) → where the value came from. */
  sources: ReadonlyMap<string, Src>;
  /** Every key xl looked up for this guest type and release, in the order it did. */
  keysRead: ReadonlySet<string>;
  /** What xl prints on stderr, in order (messages after the first fatal one are not printed by xl). */
  messages: XlMessage[];
  /** The first fatal message: xl stops there and builds nothing. */
  exit?: XlMessage;
  /** Parts of the config this model does not build yet (so a comparison can say so). */
  unmodelled: string[];
}
