// Prints a libxl-shaped tree the way libxl's generated JSON writer does for a release: fields
// in the order of that release's type description, a field still at its initial value left
// out (0, NULL, an empty list, a defbool never set, an enum at its init value), nested structs
// and the guest-type union always printed (so `"sched_params": {}` and `"type.pv": {}` appear
// even when empty). Integers are kept exact as bigint and written as JSON numbers.

import type { LibxlEnum, LibxlField, LibxlSchema, LibxlStruct, LibxlType, LibxlTypeRef, LibxlUnion } from './libxl-schema-types';

// 144 KiB of per-release type data that only printing libxl's JSON (`xlcfg config`) needs:
// loaded on first use, so the language server starts without it.
let schema: LibxlSchema | undefined;
function libxlSchema(): LibxlSchema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (schema ??= (require('./libxl-schema') as typeof import('./libxl-schema')).LIBXL_SCHEMA);
}

/** A value in a libxl-shaped tree. Enums are their lower-case names, defbools booleans. */
export type LibxlValue = bigint | number | string | boolean | null | undefined | LibxlValue[] | LibxlObject;
export interface LibxlObject {
  [field: string]: LibxlValue;
}

/** A JSON document with exact integers (bigint) where libxl prints numbers. */
export type LibxlJson = bigint | number | string | boolean | null | LibxlJson[] | { [k: string]: LibxlJson };

const OMIT = Symbol('omit');

export class LibxlPrinter {
  constructor(
    readonly release: string,
    private readonly schema: LibxlSchema = libxlSchema(),
  ) {
    if (!schema.releases[release]) throw new Error(`no libxl type description for Xen ${release}`);
  }

  /** The libxl_domain_config type of this release. */
  get root(): LibxlStruct {
    return this.type(this.schema.releases[this.release]) as LibxlStruct;
  }

  type(key: string): LibxlType {
    const t = this.schema.types[key];
    if (!t) throw new Error(`libxl schema: unknown type ${key}`);
    return t;
  }

  /** True when `path` (dotted field names, `u` for unions) names a field in this release. */
  hasField(path: string): boolean {
    let t: LibxlType = this.root;
    for (const part of path.split('.')) {
      if (t.kind !== 'struct') return false;
      const f = t.fields.find((x) => x.name === part);
      if (!f) return false;
      if (!('ref' in f.type)) return true;
      t = this.type(f.type.ref);
    }
    return true;
  }

  /** The enumeration `name` (e.g. `tsc_mode`) as libxl of this release defines it. */
  enumType(name: string): LibxlEnum | undefined {
    const key = this.schema.enums[this.release]?.[name];
    const t = key ? this.schema.types[key] : undefined;
    return t && t.kind === 'enum' ? t : undefined;
  }

  /** The domain configuration as xl -N create prints it. */
  print(config: LibxlObject): { [k: string]: LibxlJson } {
    return this.struct(this.root, config) as { [k: string]: LibxlJson };
  }

  private struct(t: LibxlStruct, v: LibxlObject | undefined): LibxlJson {
    const out: { [k: string]: LibxlJson } = {};
    const obj = v ?? {};
    for (const f of t.fields) {
      if ('ref' in f.type) {
        const ft = this.type(f.type.ref);
        if (ft.kind === 'union') {
          this.union(ft, obj, f, out);
          continue;
        }
        if (ft.kind === 'struct') {
          out[f.name] = this.struct(ft, asObject(obj[f.name]));
          continue;
        }
      }
      const j = this.field(f, obj[f.name]);
      if (j !== OMIT) out[f.name] = j;
    }
    return out;
  }

  private union(u: LibxlUnion, parent: LibxlObject, f: LibxlField, out: { [k: string]: LibxlJson }): void {
    const keyType = this.type(u.keyEnum) as LibxlEnum;
    const keyName = enumName(keyType, parent[u.key]);
    const c = u.cases.find((x) => x.name === keyName);
    if (!c) return;
    const label = `${u.key}.${c.name}`;
    if (!c.type) {
      out[label] = {};
      return;
    }
    const inner = asObject(parent[f.name]);
    if ('ref' in c.type) {
      const ct = this.type(c.type.ref);
      if (ct.kind === 'struct') out[label] = this.struct(ct, inner);
    }
  }

  private field(f: LibxlField, v: LibxlValue): LibxlJson | typeof OMIT {
    const t = f.type;
    if ('array' in t) {
      if (!Array.isArray(v) || v.length === 0) return OMIT;
      return v.map((x) => this.element(t.array, x));
    }
    if ('number' in t) {
      if (v === undefined || v === null) return OMIT;
      const n = wrap(toBigInt(v), t.width, t.signed);
      const init = f.init !== undefined ? wrap(BigInt(f.init), t.width, t.signed) : 0n;
      return n === init ? OMIT : n;
    }
    if ('ref' in t) {
      const et = this.type(t.ref);
      if (et.kind !== 'enum') throw new Error(`libxl schema: unexpected ${et.kind} field ${f.name}`);
      if (v === undefined || v === null) return OMIT;
      const num = enumNumber(et, v);
      const init = typeof f.init === 'number' ? f.init : et.init;
      if (num === init) return OMIT;
      return enumName(et, v) ?? null;
    }
    return this.builtin(t.builtin, v, f.init);
  }

  private element(t: LibxlTypeRef, v: LibxlValue): LibxlJson {
    if ('ref' in t) {
      const et = this.type(t.ref);
      if (et.kind === 'struct') return this.struct(et, asObject(v));
      if (et.kind === 'enum') return enumName(et, v) ?? null;
    }
    if ('number' in t) return wrap(toBigInt(v ?? 0), t.width, t.signed);
    if ('builtin' in t) {
      const j = this.builtin(t.builtin, v, undefined, true);
      return j === OMIT ? null : j;
    }
    return null;
  }

  private builtin(name: string, v: LibxlValue, init: string | number | undefined, force = false): LibxlJson | typeof OMIT {
    switch (name) {
      case 'string':
        return typeof v === 'string' ? v : OMIT;
      case 'defbool':
        return typeof v === 'boolean' ? (v ? 'True' : 'False') : OMIT;
      case 'bool':
        return v === true || force ? v === true : OMIT;
      case 'domid':
      case 'devid': {
        if (v === undefined || v === null) return OMIT;
        const n = toBigInt(v);
        const i = init !== undefined ? BigInt(init) : 0n;
        return n === i && !force ? OMIT : n;
      }
      case 'uuid':
      case 'mac':
        return typeof v === 'string' && !/^[0:-]*$/.test(v) ? v : OMIT;
      case 'bitmap':
        return Array.isArray(v) && (v.length > 0 || force) ? v.map((x) => toBigInt(x as bigint)) : OMIT;
      case 'string_list':
        return Array.isArray(v) && v.length > 0 ? (v as string[]) : OMIT;
      case 'key_value_list':
        return Array.isArray(v) && v.length > 0 ? Object.fromEntries(v as Array<[string, string]>) : OMIT;
      case 'hwcap':
        return Array.isArray(v) && v.some((x) => x) ? v.map((x) => toBigInt(x as bigint)) : OMIT;
      case 'cpuid_policy_list':
      case 'ms_vm_genid':
        // Kept as the JSON libxl prints (built by the model), or absent.
        return v === undefined || v === null ? OMIT : (v as LibxlJson);
      default:
        return v === undefined || v === null ? OMIT : (v as LibxlJson);
    }
  }
}

function asObject(v: LibxlValue): LibxlObject | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as LibxlObject) : undefined;
}

function toBigInt(v: LibxlValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new Error(`libxl: not a number: ${String(v)}`);
}

/** C conversion to an integer of `width` bits (two's complement wrap, as the C assignment does). */
export function wrap(n: bigint, width: number, signed: boolean): bigint {
  return signed ? BigInt.asIntN(width, n) : BigInt.asUintN(width, n);
}

function enumNumber(t: LibxlEnum, v: LibxlValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return t.values.find(([, n]) => n === v)?.[0];
  return undefined;
}

function enumName(t: LibxlEnum, v: LibxlValue): string | undefined {
  const n = enumNumber(t, v);
  return n === undefined ? undefined : t.values.find(([x]) => x === n)?.[1];
}

/** JSON text with exact integers, indented like xl's yajl output (four spaces). */
export function stringifyLibxlJson(v: LibxlJson, indent = '    '): string {
  const walk = (x: LibxlJson, pad: string): string => {
    if (typeof x === 'bigint') return x.toString();
    if (x === null || typeof x !== 'object') return JSON.stringify(x);
    const inner = pad + indent;
    if (Array.isArray(x)) {
      if (x.length === 0) return '[]';
      return '[\n' + x.map((e) => inner + walk(e, inner)).join(',\n') + '\n' + pad + ']';
    }
    const entries = Object.entries(x);
    if (entries.length === 0) return '{}';
    return '{\n' + entries.map(([k, e]) => `${inner}${JSON.stringify(k)}: ${walk(e, inner)}`).join(',\n') + '\n' + pad + '}';
  };
  return walk(v, '');
}

/** The same document with integers as JavaScript numbers (exact below 2^53), for comparisons. */
export function libxlJsonToPlain(v: LibxlJson): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(libxlJsonToPlain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, libxlJsonToPlain(e)]));
  return v;
}
