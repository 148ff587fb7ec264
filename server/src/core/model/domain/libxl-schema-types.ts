// The shape of libxl-schema.ts: libxl's type description reduced to what its JSON writer uses.

export type LibxlTypeRef =
  | { builtin: string }
  | { number: string; width: number; signed: boolean }
  | { array: LibxlTypeRef; len: string }
  | { ref: string };

export interface LibxlField {
  name: string;
  type: LibxlTypeRef;
  /** The initial value as a decimal string (numbers) or number (enums); absent means 0/NULL/empty. */
  init?: string | number;
}

export interface LibxlStruct {
  kind: 'struct';
  name: string | null;
  fields: LibxlField[];
}

export interface LibxlEnum {
  kind: 'enum';
  name: string;
  /** [value, lower-case name] as libxl's *_to_string prints them. */
  values: Array<[number, string]>;
  init: number;
}

export interface LibxlUnion {
  kind: 'union';
  /** The sibling field holding the discriminating enum (e.g. `type`). */
  key: string;
  keyEnum: string;
  cases: Array<{ name: string; type: LibxlTypeRef | null }>;
}

export type LibxlType = LibxlStruct | LibxlEnum | LibxlUnion;

export interface LibxlSchema {
  /** Release → key of its libxl_domain_config type. */
  releases: Record<string, string>;
  /** Release → enum name → key of every enumeration libxl defines (for its *_from_string). */
  enums: Record<string, Record<string, string>>;
  types: Record<string, LibxlType>;
}
