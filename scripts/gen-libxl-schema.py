#!/usr/bin/env python3
"""Records the shape of libxl's `libxl_domain_config` per Xen release, as data for xlcfg.

`xl -N create` prints the domain configuration through libxl's generated JSON writer, whose
output follows the type description in libxl's IDL: fields in declaration order, a field left
at its initial value omitted, nested structs always printed. To print the same shape offline,
xlcfg needs, per release, the fields of every type reachable from `libxl_domain_config`, their
kinds and their initial values. This script reads the IDL of each release (with stand-in
classes of our own: the IDL is Python data) and writes that description as a TypeScript module.

Run once per new Xen release, from a Xen git checkout, then review the diff:

    python3 scripts/gen-libxl-schema.py XEN_GIT_DIR > server/src/core/model/domain/libxl-schema.ts
"""

import hashlib
import json
import subprocess
import sys

RELEASES = ["4.13", "4.14", "4.15", "4.16", "4.17", "4.18", "4.19", "4.20", "4.21", "4.22"]

# C constants used as initial values (libxl.h / libxl_internal.h), as unsigned 64-bit patterns
# or plain integers; each is narrowed to its field's width below.
CONSTANTS = {
    "LIBXL_MEMKB_DEFAULT": (1 << 64) - 1,
    "LIBXL_INVALID_GFN": (1 << 64) - 1,
    "LIBXL_MAX_GRANT_DEFAULT": (1 << 32) - 1,
    "LIBXL_NR_SPIS_DEFAULT": (1 << 32) - 1,
    "LIBXL_ALTP2M_COUNT_DEFAULT": (1 << 32) - 1,
    "LIBXL_TIMER_MODE_DEFAULT": -1,
    "LIBXL_SCHED_PARAM_VCPU_INDEX_DEFAULT": -1,
    "~0U": (1 << 32) - 1,
    "-1": -1,
    "1": 1,
}
for p in ["WEIGHT", "CAP", "PERIOD", "SLICE", "LATENCY", "EXTRATIME", "BUDGET"]:
    CONSTANTS["LIBXL_DOMAIN_SCHED_PARAM_%s_DEFAULT" % p] = -1


class T:
    def __init__(self, kind, name, **kw):
        self.kind = kind
        self.name = name
        self.kw = kw
        self.init_val = kw.get("init_val")
        self.private = kw.get("private", False)


def mk_builtin(name, **kw):
    return T("builtin", name, **kw)


def Builtin(name, **kw):
    return mk_builtin(name, **kw)


def Number(ctype, **kw):
    t = T("number", ctype, **kw)
    t.width = {"int": 32, "size_t": 64}.get(ctype, 32)
    t.signed = kw.get("signed", False)
    return t


def UInt(w, **kw):
    t = T("number", "uint%d_t" % w, **kw)
    t.width = w
    t.signed = False
    return t


class Enumeration(T):
    def __init__(self, name, values, **kw):
        T.__init__(self, "enum", name, **kw)
        self.values = [(v, n.lower()) for (v, n) in values]


class Struct(T):
    def __init__(self, name, fields, **kw):
        T.__init__(self, "struct", name, **kw)
        self.fields = [Field(f) for f in fields]


class KeyedUnion(T):
    def __init__(self, name, keyvar_type, keyvar_name, fields, **kw):
        T.__init__(self, "union", name, **kw)
        self.key_type = keyvar_type
        self.key = keyvar_name
        self.cases = [(e, ty) for (e, ty) in fields]


class Array(T):
    def __init__(self, elem, lenvar, **kw):
        T.__init__(self, "array", None, **kw)
        self.elem = elem
        self.lenvar = lenvar


class Field:
    def __init__(self, f):
        if len(f) == 2:
            self.name, self.type = f
            kw = {}
        else:
            self.name, self.type, kw = f
        self.init_val = kw.get("init_val")
        self.const = kw.get("const", False)


def idl_globals():
    g = {
        "namespace": lambda *a, **k: None,
        "hidden": lambda *a, **k: None,
        "Builtin": Builtin,
        "Number": Number,
        "UInt": UInt,
        "Enumeration": Enumeration,
        "Struct": Struct,
        "Union": Struct,
        "KeyedUnion": KeyedUnion,
        "Array": Array,
        "PASS_BY_REFERENCE": 1,
        "PASS_BY_VALUE": 0,
        "DIR_NONE": 0, "DIR_IN": 1, "DIR_OUT": 2, "DIR_BOTH": 3,
        "void": mk_builtin("void"),
        "bool": mk_builtin("bool"),
        "size_t": Number("size_t"),
        "integer": Number("int", signed=True),
        "uint8": UInt(8), "uint16": UInt(16), "uint32": UInt(32), "uint64": UInt(64),
        "string": mk_builtin("string"),
    }
    return g


def resolve_init(init, ty):
    """The initial value as the JSON writer compares it, narrowed to the field's C type."""
    if init is None:
        return None
    if isinstance(ty, Enumeration):
        for (v, n) in ty.values:
            if init.upper().endswith("_" + n.upper()) and init.upper() == ("LIBXL_%s_%s" % (ty.name.upper(), n.upper())):
                return v
        if init in CONSTANTS:
            return CONSTANTS[init]
        raise SystemExit("unknown enum init %s for %s" % (init, ty.name))
    if init not in CONSTANTS:
        raise SystemExit("unknown constant %s" % init)
    v = CONSTANTS[init]
    width = getattr(ty, "width", 64)
    signed = getattr(ty, "signed", False)
    v &= (1 << width) - 1
    if signed and v >= 1 << (width - 1):
        v -= 1 << width
    return str(v)


class Emitter:
    def __init__(self):
        self.types = {}

    def ref(self, ty):
        """Returns a reference to `ty`: a key into `types` (content-addressed) or a builtin name."""
        if ty.kind == "builtin":
            return {"builtin": ty.name}
        if ty.kind == "number":
            return {"number": ty.name, "width": ty.width, "signed": ty.signed}
        if ty.kind == "array":
            return {"array": self.ref(ty.elem), "len": ty.lenvar}
        desc = self.describe(ty)
        blob = json.dumps(desc, sort_keys=True)
        key = (ty.name or "anon") + "#" + hashlib.sha1(blob.encode()).hexdigest()[:8]
        self.types[key] = desc
        return {"ref": key}

    def describe(self, ty):
        if ty.kind == "enum":
            init = resolve_init(ty.init_val, ty) if ty.init_val else 0
            return {"kind": "enum", "name": ty.name, "values": ty.values, "init": init}
        if ty.kind == "struct":
            fields = []
            for f in ty.fields:
                if f.const or f.type.private:
                    continue
                fd = {"name": f.name, "type": self.ref(f.type)}
                init = f.init_val if f.init_val is not None else f.type.init_val
                if init is not None and f.type.kind in ("number", "enum", "builtin"):
                    if f.type.kind == "builtin":
                        fd["init"] = resolve_init(init, Number("int", signed=True))
                    else:
                        fd["init"] = resolve_init(init, f.type)
                fields.append(fd)
            return {"kind": "struct", "name": ty.name, "fields": fields}
        if ty.kind == "union":
            cases = []
            for (e, t) in ty.cases:
                cases.append({"name": e, "type": self.ref(t) if t is not None else None})
            return {"kind": "union", "key": ty.key, "keyEnum": self.ref(ty.key_type)["ref"], "cases": cases}
        raise SystemExit("cannot describe %r" % ty.kind)


def main():
    xen = sys.argv[1]
    em = Emitter()
    roots = {}
    enums = {}
    for rel in RELEASES:
        text = None
        for path in ("tools/libs/light/libxl_types.idl", "tools/libxl/libxl_types.idl"):
            try:
                text = subprocess.check_output(
                    ["git", "-C", xen, "show", "RELEASE-%s.0:%s" % (rel, path)], stderr=subprocess.DEVNULL
                ).decode()
                break
            except subprocess.CalledProcessError:
                pass
        if text is None:
            raise SystemExit("no IDL for " + rel)
        g = idl_globals()
        exec(compile(text, "libxl_types.idl@" + rel, "exec"), g)
        roots[rel] = em.ref(g["libxl_domain_config"])["ref"]
        # Every enumeration, for the *_from_string tables xl consults (viridian groups, ...).
        enums[rel] = {v.name: em.ref(v)["ref"] for v in g.values() if isinstance(v, Enumeration)}
    sys.stdout.write("// Generated by scripts/gen-libxl-schema.py from libxl's type description (libxl_types.idl)\n")
    sys.stdout.write("// of each Xen release; regenerate rather than edit. It records field names, order, kinds and\n")
    sys.stdout.write("// initial values: what libxl's JSON writer needs to print a domain configuration.\n\n")
    sys.stdout.write("import type { LibxlSchema } from './libxl-schema-types';\n\n")
    sys.stdout.write("export const LIBXL_SCHEMA: LibxlSchema = {\n")
    sys.stdout.write("  releases: %s,\n" % json.dumps(roots))
    sys.stdout.write("  enums: {\n")
    for rel in RELEASES:
        sys.stdout.write("    %s: %s,\n" % (json.dumps(rel), json.dumps(enums[rel], sort_keys=True)))
    sys.stdout.write("  },\n")
    sys.stdout.write("  types: {\n")
    for key in sorted(em.types):
        sys.stdout.write("    %s: %s,\n" % (json.dumps(key), json.dumps(em.types[key], separators=(",", ":"))))
    sys.stdout.write("  },\n};\n")


main()
