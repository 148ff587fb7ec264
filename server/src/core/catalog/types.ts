// The shape of one key catalog entry. Facts come from how xl_parse.c reads the key in each
// release; the description is ours.

export type GuestType = 'pv' | 'pvh' | 'hvm';

export type KeyValueType =
  | 'defbool'
  | 'boolean'
  | 'string'
  | 'integer'
  | 'enum'
  | 'list-of-specs'
  | 'list-of-strings'
  | 'string-or-list'
  | 'spec-string'
  | 'list-of-lists'
  | 'boolean|enum'
  | 'list-of-strings|boolean';

export interface KeyRange {
  min?: number;
  max?: number;
  /** nr_spis: the larger limit when the GIC has extended SPIs. */
  maxWithESPI?: number;
}

/** A release-bounded fact: holds from `since` (inclusive) up to `until` (inclusive). */
export interface KeyBehaviour {
  since?: string;
  until?: string;
  note: string;
}

export interface EnumValueHistory {
  value: string;
  since?: string;
  /** First release whose xl refuses the value. */
  removedIn?: string;
}

export interface KeyEntry {
  name: string;
  valueType: KeyValueType;
  /** The sub-grammar of spec-string values (disk, vif, pci, ...), or null. */
  specGrammar: string | null;
  /** Guest types on which the key has an effect. */
  guestTypes: GuestType[];
  /** Guest types for which xl reads the key at all (it may read more than it uses). */
  readFor: GuestType[];
  arch: 'all' | 'x86' | 'arm';
  units: string | null;
  range: KeyRange | null;
  /** Values xl accepts for enum-like keys (every release's union; see enumHistory). */
  enumValues: string[] | null;
  /** True when xl compares the names case-insensitively (libxl's from_string tables). */
  enumCaseInsensitive: boolean;
  /** Which libxlutil getter(s) xl uses, and whether warnings are printed. */
  xlReadAs: string;
  /** The default when the key is absent, in words (may depend on guest type or host). */
  default: string | null;
  /** First Xen release whose xl reads the key. */
  since: string;
  /** First Xen release whose xl no longer reads the key (none so far up to 4.22). */
  removedIn?: string;
  deprecated: { since: string; replacement: string | null; note: string | null } | null;
  /** False for keys xl reads that xl.cfg(5) does not document. */
  documented: boolean;
  /** One paragraph, in our words, for hovers and completion. */
  description: string;
  /** Quirks of how xl reads the key. */
  notes: string | null;
  /** Messages xl prints about this key (printf templates) and whether they stop xl. */
  xlMessages: Array<{ message: string; fatal: boolean; trigger: string }>;
  enumHistory?: EnumValueHistory[];
  /** The default in words where it changed between releases (`default` is the newest). */
  defaultHistory?: Array<{ since?: string; until?: string; value: string }>;
  behaviour?: KeyBehaviour[];
}
