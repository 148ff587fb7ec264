// Reads a host profile (`xen-host.json`) and checks it against the schema, reporting every
// problem at the text it is about. A profile with any error is not used: the analysis then runs
// on the config alone and says what it could not know, rather than on half a profile.

import { parseXenVersion, XEN_VERSIONS } from '../xen-version';
import { readLocatedJson, type JsonError, type JsonNode } from './located-json';
import { normaliseBdf, type HostBar, type HostPciDevice, type HostProfile, type HostRmrr } from './schema';

export interface HostProfileParseResult {
  profile?: HostProfile;
  errors: JsonError[];
}

type ObjectNode = JsonNode & { kind: 'object' };

const MAX_ADDRESS = 2 ** 52;

class Checker {
  readonly errors: JsonError[] = [];

  error(node: { start: number; end: number }, message: string): undefined {
    this.errors.push({ start: node.start, end: node.end, message });
    return undefined;
  }

  object(node: JsonNode, what: string): ObjectNode | undefined {
    return node.kind === 'object' ? node : this.error(node, `${what} must be a JSON object`);
  }

  /** Reports properties the schema does not know (likely typos that would silently do nothing). */
  known(node: ObjectNode, what: string, keys: readonly string[]): void {
    for (const p of node.properties) {
      if (!keys.includes(p.key)) {
        this.errors.push({
          start: p.keyStart,
          end: p.keyEnd,
          message: `unknown property \`${p.key}\` in ${what} (known: ${keys.join(', ')})`,
        });
      }
    }
  }

  prop(node: ObjectNode, key: string): JsonNode | undefined {
    let found: JsonNode | undefined;
    for (const p of node.properties) if (p.key === key) found = p.value;
    return found;
  }

  /** A size or address: a hex string such as "0x1000" (a non-negative JSON integer is accepted too). */
  hex(node: JsonNode, what: string): number | undefined {
    let value: number;
    if (node.kind === 'string') {
      if (!/^0[xX][0-9a-fA-F]+$/.test(node.value.trim())) {
        return this.error(node, `${what} must be a hex string such as "0x1000" (got "${node.value}")`);
      }
      const big = BigInt(node.value.trim());
      if (big > BigInt(MAX_ADDRESS)) return this.error(node, `${what} is beyond 2^52, more than any x86 host can address`);
      value = Number(big);
    } else if (node.kind === 'number' && Number.isSafeInteger(node.value) && node.value >= 0) {
      value = node.value;
    } else {
      return this.error(node, `${what} must be a hex string such as "0x1000"`);
    }
    return value;
  }

  boolean(node: JsonNode | undefined, what: string, fallback: boolean): boolean {
    if (node === undefined) return fallback;
    if (node.kind === 'boolean') return node.value;
    this.error(node, `${what} must be true or false`);
    return fallback;
  }

  bdf(node: JsonNode, what: string): string | undefined {
    if (node.kind !== 'string') return this.error(node, `${what} must be a string such as "0000:01:00.0"`);
    const bdf = normaliseBdf(node.value);
    return bdf ?? this.error(node, `${what} "${node.value}" is not a PCI address of the form [dddd:]bb:dd.f (hex; device ≤ 1f, function ≤ 7)`);
  }
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n > 1) {
    if (n % 2 !== 0) return false;
    n /= 2;
  }
  return true;
}

function readBar(c: Checker, node: JsonNode, where: string): HostBar | undefined {
  const o = c.object(node, where);
  if (!o) return undefined;
  c.known(o, where, ['index', 'size', 'is64', 'prefetch', 'io']);
  const indexNode = c.prop(o, 'index');
  const sizeNode = c.prop(o, 'size');
  let index: number | undefined;
  if (!indexNode) c.error({ start: o.start, end: o.start + 1 }, `${where} needs an \`index\` (0–5)`);
  else if (indexNode.kind !== 'number' || !Number.isInteger(indexNode.value) || indexNode.value < 0 || indexNode.value > 5) {
    c.error(indexNode, `${where}: \`index\` must be a BAR number from 0 to 5`);
  } else index = indexNode.value;
  let size: number | undefined;
  if (!sizeNode) c.error({ start: o.start, end: o.start + 1 }, `${where} needs a \`size\` (hex string)`);
  else {
    size = c.hex(sizeNode, `${where}: \`size\``);
    if (size !== undefined && !isPowerOfTwo(size)) {
      c.error(sizeNode, `${where}: a BAR's size is always a power of two (PCI sizes BARs by their address mask); got ${sizeNode.kind === 'string' ? sizeNode.value : size}`);
      size = undefined;
    }
  }
  const is64 = c.boolean(c.prop(o, 'is64'), `${where}: \`is64\``, false);
  const prefetch = c.boolean(c.prop(o, 'prefetch'), `${where}: \`prefetch\``, false);
  const io = c.boolean(c.prop(o, 'io'), `${where}: \`io\``, false);
  if (io && is64) c.error(o, `${where}: an I/O BAR cannot be 64-bit`);
  if (is64 && index === 5) c.error(indexNode!, `${where}: a 64-bit BAR uses two registers, so it cannot start at index 5`);
  if (index === undefined || size === undefined) return undefined;
  return { index, size, is64, prefetch, io };
}

function readDevice(c: Checker, node: JsonNode, where: string): HostPciDevice | undefined {
  const o = c.object(node, where);
  if (!o) return undefined;
  c.known(o, where, ['bdf', 'vendor', 'device', 'class', 'name', 'bars', 'romSize']);
  const bdfNode = c.prop(o, 'bdf');
  const bdf = bdfNode ? c.bdf(bdfNode, `${where}: \`bdf\``) : c.error({ start: o.start, end: o.start + 1 }, `${where} needs a \`bdf\``);
  const id = (key: string): number | undefined => {
    const n = c.prop(o, key);
    if (!n) return undefined;
    const v = c.hex(n, `${where}: \`${key}\``);
    if (v !== undefined && v > 0xffffff) return c.error(n, `${where}: \`${key}\` is too large for a PCI ${key} ID`);
    return v;
  };
  const vendor = id('vendor');
  const device = id('device');
  const klass = id('class');
  const nameNode = c.prop(o, 'name');
  let name: string | undefined;
  if (nameNode) name = nameNode.kind === 'string' ? nameNode.value : c.error(nameNode, `${where}: \`name\` must be a string`);
  const bars: HostBar[] = [];
  const barsNode = c.prop(o, 'bars');
  if (barsNode) {
    if (barsNode.kind !== 'array') c.error(barsNode, `${where}: \`bars\` must be an array`);
    else {
      const used = new Map<number, JsonNode>();
      barsNode.items.forEach((b, k) => {
        const bar = readBar(c, b, `${where}.bars[${k}]`);
        if (!bar) return;
        for (const reg of bar.is64 ? [bar.index, bar.index + 1] : [bar.index]) {
          if (used.has(reg)) c.error(b, `${where}.bars[${k}] overlaps another BAR on register ${reg}`);
          used.set(reg, b);
        }
        bars.push(bar);
      });
    }
  }
  let romSize: number | undefined;
  const romNode = c.prop(o, 'romSize');
  if (romNode) {
    romSize = c.hex(romNode, `${where}: \`romSize\``);
    if (romSize !== undefined && romSize !== 0 && !isPowerOfTwo(romSize)) {
      c.error(romNode, `${where}: \`romSize\` is the ROM BAR's size, always a power of two`);
      romSize = undefined;
    }
  }
  if (!bdf) return undefined;
  bars.sort((a, b) => a.index - b.index);
  return { bdf, vendor, device, class: klass, name, bars, romSize };
}

function readRmrr(c: Checker, node: JsonNode, where: string): HostRmrr | undefined {
  const o = c.object(node, where);
  if (!o) return undefined;
  c.known(o, where, ['start', 'end', 'devices']);
  const startNode = c.prop(o, 'start');
  const endNode = c.prop(o, 'end');
  const start = startNode ? c.hex(startNode, `${where}: \`start\``) : c.error({ start: o.start, end: o.start + 1 }, `${where} needs a \`start\``);
  const end = endNode ? c.hex(endNode, `${where}: \`end\` (inclusive)`) : c.error({ start: o.start, end: o.start + 1 }, `${where} needs an \`end\` (inclusive)`);
  if (start !== undefined && end !== undefined && end < start) {
    c.error(endNode!, `${where}: \`end\` is inclusive and must not be below \`start\``);
    return undefined;
  }
  const devices: string[] = [];
  const devNode = c.prop(o, 'devices');
  if (devNode) {
    if (devNode.kind !== 'array') c.error(devNode, `${where}: \`devices\` must be an array of PCI addresses`);
    else
      devNode.items.forEach((d, k) => {
        const bdf = c.bdf(d, `${where}.devices[${k}]`);
        if (bdf) devices.push(bdf);
      });
  }
  if (start === undefined || end === undefined) return undefined;
  return { start, end, devices };
}

/** Parses a host profile; `profile` is set only when there is no error at all. */
export function parseHostProfile(text: string): HostProfileParseResult {
  const read = readLocatedJson(text);
  if (!read.value) return { errors: read.errors };
  const c = new Checker();
  const root = c.object(read.value, 'a host profile');
  if (!root) return { errors: c.errors };
  c.known(root, 'the host profile', ['xenVersion', 'pciDevices', 'rmrrs', 'physAddrBits', 'firmware', 'cpuVendor', '$schema', 'comment']);
  const profile: HostProfile = { pciDevices: [], rmrrs: [], firmware: {} };

  const ver = c.prop(root, 'xenVersion');
  if (ver) {
    const v = ver.kind === 'string' ? parseXenVersion(ver.value) : undefined;
    if (!v) c.error(ver, `\`xenVersion\` must be one of the releases xlcfg models: ${XEN_VERSIONS.join(', ')}`);
    else profile.xenVersion = v;
  }

  const devs = c.prop(root, 'pciDevices');
  if (devs) {
    if (devs.kind !== 'array') c.error(devs, '`pciDevices` must be an array');
    else {
      const seen = new Set<string>();
      devs.items.forEach((d, k) => {
        const dev = readDevice(c, d, `pciDevices[${k}]`);
        if (!dev) return;
        if (seen.has(dev.bdf)) c.error(d, `pciDevices[${k}]: ${dev.bdf} is listed twice`);
        seen.add(dev.bdf);
        profile.pciDevices.push(dev);
      });
    }
  }

  const rmrrs = c.prop(root, 'rmrrs');
  if (rmrrs) {
    if (rmrrs.kind !== 'array') c.error(rmrrs, '`rmrrs` must be an array');
    else
      rmrrs.items.forEach((r, k) => {
        const rmrr = readRmrr(c, r, `rmrrs[${k}]`);
        if (rmrr) profile.rmrrs.push(rmrr);
      });
  }

  const bits = c.prop(root, 'physAddrBits');
  if (bits) {
    if (bits.kind !== 'number' || !Number.isInteger(bits.value) || bits.value < 32 || bits.value > 52) {
      c.error(bits, '`physAddrBits` must be an integer from 32 to 52 (the CPU\'s physical address width)');
    } else profile.physAddrBits = bits.value;
  }

  const fw = c.prop(root, 'firmware');
  if (fw) {
    const o = c.object(fw, '`firmware`');
    if (o) {
      c.known(o, '`firmware`', ['seabiosImageSize', 'ovmfImageSize']);
      const sb = c.prop(o, 'seabiosImageSize');
      if (sb) {
        const v = c.hex(sb, '`firmware.seabiosImageSize`');
        if (v !== undefined && (v === 0 || v > 0x60000)) {
          c.error(sb, '`firmware.seabiosImageSize` must be between 1 byte and 384 KiB: hvmloader loads the blob below 1 MiB and above the VGA window');
        } else if (v !== undefined) profile.firmware.seabiosImageSize = v;
      }
      const ov = c.prop(o, 'ovmfImageSize');
      if (ov) {
        const v = c.hex(ov, '`firmware.ovmfImageSize`');
        if (v !== undefined && (v === 0 || v > 0x4000000)) {
          c.error(ov, '`firmware.ovmfImageSize` must be between 1 byte and 64 MiB: hvmloader copies the image just below 4 GiB');
        } else if (v !== undefined) profile.firmware.ovmfImageSize = v;
      }
    }
  }

  const vendor = c.prop(root, 'cpuVendor');
  if (vendor) {
    if (vendor.kind === 'string' && (vendor.value === 'intel' || vendor.value === 'amd')) profile.cpuVendor = vendor.value;
    else c.error(vendor, '`cpuVendor` must be "intel" or "amd"');
  }

  c.errors.sort((a, b) => a.start - b.start);
  return c.errors.length ? { errors: c.errors } : { profile, errors: [] };
}
