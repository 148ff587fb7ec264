// DISK_SPEC_STRING (`disk = [ "..." ]` items): the tokens come from grammar/spec-disk.peggy,
// their meaning from libxlu_disk_l.l's actions and xlu_disk_parse's final checks.
// Every disk problem is fatal: xl prints each message
//   <file>: config parsing error in disk specification: <msg>[: near `<text>'] in `<spec>'
// and exits with status 1.

import { parse as parseDiskGrammar } from '../../generated/spec-disk';
import { compareXen, NEWEST_XEN, type XenVersion } from '../xen-version';
import { cAtoi } from './cnum';
import { runTotal, type GeneratedParse } from './peg';
import { closest, problem, xlExits } from './problems';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';
import { memoizeSpec } from './memo';

const grammarParse = parseDiskGrammar as unknown as (input: string, options: { startRule: string; features: DiskFeatures }) => unknown;

export type DiskFormat = 'raw' | 'qcow' | 'qcow2' | 'vhd' | 'qed' | 'empty';
export type DiskBackendType = 'phy' | 'tap' | 'qdisk' | 'standalone';
export type DiskSpecification = 'xen' | 'virtio';

export interface DiskSpec {
  /** pdev_path: the image, device or URL (absent when never given). */
  target?: SpecField<string>;
  /** The format, after xl's defaults (raw; empty for a cdrom without a target). */
  format: DiskFormat;
  /** Where the format was written, if it was. */
  formatField?: SpecField<DiskFormat>;
  vdev?: SpecField<string>;
  /** After xl's rules: a cdrom is always read-only. */
  readwrite: boolean;
  accessField?: SpecField<string>;
  isCdrom: boolean;
  /** The text that made it a cdrom (`cdrom`, `devtype=cdrom`, `:cdrom`). */
  cdromField?: SpecField<string>;
  removable: boolean;
  backendType?: SpecField<DiskBackendType>;
  /** `backend=`: the backend domain. */
  backendDomain?: SpecField<string>;
  specification?: SpecField<DiskSpecification>;
  script?: SpecField<string>;
  directIoSafe?: SpecField<boolean>;
  discard?: SpecField<boolean>;
  trusted?: SpecField<boolean>;
  grantUsage?: SpecField<boolean>;
  colo?: SpecField<boolean>;
  coloHost?: SpecField<string>;
  coloPort?: SpecField<number>;
  coloExport?: SpecField<string>;
  activeDisk?: SpecField<string>;
  hiddenDisk?: SpecField<string>;
  /** The old `phy:`, `file:`, `tap:aio:`, `raw:` ... prefixes, in order. */
  deprecatedPrefixes: Array<SpecField<string>>;
  /** True when xl accepts the spec. */
  accepted: boolean;
}

export interface DiskFeatures {
  /** `specification=` (Xen 4.17+). */
  specification: boolean;
  /**
   * `trusted` / `untrusted` flags: in libxlu_disk_l.l since 4.17, but the generated scanner
   * that Xen ships (libxlu_disk_l.c) only has them from 4.19; Debian's 4.17 library indeed
   * reads `trusted` as a positional parameter.
   */
  trusted: boolean;
  /** `grant_usage=0|1` (Xen 4.19+). */
  grantUsage: boolean;
  /** backendtype `standalone` (Xen 4.17+). */
  standalone: boolean;
}

export function diskFeatures(version: XenVersion): DiskFeatures {
  const at = (v: string) => compareXen(version, v) >= 0;
  return { specification: at('4.17'), trusted: at('4.19'), grantUsage: at('4.19'), standalone: at('4.17') };
}

interface V {
  value: string;
  start: number;
  end: number;
}
type Token =
  | { kind: 'keyword'; key: string; value: V; start: number; end: number }
  | { kind: 'prefix'; word: string; effect: 'format' | 'script' | 'none' | 'unknown'; start: number; end: number }
  | { kind: 'flag'; flag: string; start: number; end: number }
  | { kind: 'unknown-parameter'; text: string; start: number; end: number }
  | { kind: 'positional'; value: string; start: number; end: number }
  | { kind: 'lexical-error'; text: string; start: number; end: number };

const FORMATS: Record<string, DiskFormat> = { '': 'raw', raw: 'raw', qcow: 'qcow', qcow2: 'qcow2', vhd: 'vhd', empty: 'empty', qed: 'qed' };
const KEYWORDS = [
  'target', 'format', 'vdev', 'access', 'devtype', 'backend', 'backendtype', 'specification', 'script',
  'colo-host', 'colo-port', 'colo-export', 'active-disk', 'hidden-disk', 'grant_usage',
];

function parseDiskSpecUncached(text: string, options: SpecParseOptions = {}): SpecParseResult<DiskSpec> {
  const version: XenVersion = options.xenVersion ?? NEWEST_XEN;
  const features = diskFeatures(version);
  const tokens = runTotal<Token[]>(
    ((input: string, o?: { startRule?: string }) => grammarParse(input, { startRule: o?.startRule ?? 'Tokens', features })) as GeneratedParse,
    text,
    'Tokens',
    [{ kind: 'lexical-error', text, start: 0, end: text.length }],
  );

  const spec: DiskSpec = { format: 'raw', readwrite: true, isCdrom: false, removable: false, deprecatedPrefixes: [], accepted: false };
  const problems: SpecProblem[] = [];
  let err = false;
  let hadPrefix = false;
  let accessSet = false;
  let formatSet: DiskFormat | undefined; // LIBXL_DISK_FORMAT_UNKNOWN until set
  let backendTypeSet: DiskBackendType | undefined;
  let specificationSet: DiskSpecification | undefined;

  const report = (start: number, end: number, code: string, msg: string, near: string | null, why: string, replacement?: SpecProblem['replacement']) => {
    err = true;
    problems.push(
      problem({
        code,
        start,
        end,
        reaction: 'fatal',
        exitStatus: 1,
        xenMessage: `config parsing error in disk specification: ${msg}${near !== null ? `: near \`${near}'` : ''} in \`${text}'`,
        message: `${why}${newerKeywordHint(near, features, version)}: ${xlExits(1)}.`,
        replacement,
      }),
    );
  };

  const setFormat = (v: V) => {
    const f = FORMATS[v.value];
    if (f === undefined) {
      const guess = closest(v.value, Object.keys(FORMATS).filter((k) => k !== ''));
      report(v.start, v.end, 'disk-format-unknown', 'unknown value for format', v.value,
        `Unknown disk format \`${v.value}\` (xl knows raw, qcow, qcow2, vhd, qed and empty)`,
        guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined);
      return;
    }
    if (formatSet !== undefined && formatSet !== f) {
      report(v.start, v.end, 'disk-respecified', 'format respecified', v.value,
        `The disk format is given twice (\`${formatSet}\` earlier, \`${v.value || 'raw'}\` here)`);
      return;
    }
    formatSet = f;
    spec.formatField = { value: f, start: v.start, end: v.end };
  };

  const setAccess = (v: V) => {
    if (v.value === 'r' || v.value === 'ro') spec.readwrite = false;
    else if (v.value === 'rw' || v.value === 'w' || v.value === '') spec.readwrite = true;
    else {
      report(v.start, v.end, 'disk-access-unknown', 'unknown value for access', v.value,
        `Unknown disk access mode \`${v.value}\` (use r, ro, w or rw)`);
      return;
    }
    spec.accessField = { ...v };
  };

  type StringKey = 'target' | 'vdev' | 'backendDomain' | 'script' | 'coloHost' | 'coloExport' | 'activeDisk' | 'hiddenDisk';
  // savestring: a second non-empty value is an error; an empty earlier value may be replaced.
  const saveString = (what: string, key: StringKey, v: V) => {
    const cur = spec[key];
    if (cur && cur.value !== '') {
      report(v.start, v.end, 'disk-respecified', `${what} respecified`, v.value,
        `\`${what}\` is given twice (\`${cur.value}\` earlier, \`${v.value}\` here)`);
      return;
    }
    spec[key] = { ...v };
  };

  const vdevAndDevtype = (v: V): boolean => {
    const colon = v.value.lastIndexOf(':');
    if (colon < 0) return false;
    saveString('vdev', 'vdev', { value: v.value.slice(0, colon), start: v.start, end: v.start + colon });
    const type = { value: v.value.slice(colon + 1), start: v.start + colon + 1, end: v.end };
    if (type.value === 'cdrom') {
      spec.isCdrom = true;
      spec.cdromField = type;
    } else if (type.value === 'disk') {
      spec.isCdrom = false;
    } else {
      report(type.start, type.end, 'disk-devtype-unknown', 'unknown deprecated type', type.value,
        `Unknown device type \`${type.value}\` after the vdev (only \`:cdrom\` and \`:disk\` exist)`);
    }
    return true;
  };

  scan: for (const t of tokens) {
    switch (t.kind) {
      case 'keyword': {
        const v = t.value;
        switch (t.key) {
          case 'target': saveString('target', 'target', v); break;
          case 'format': setFormat(v); break;
          case 'vdev': saveString('vdev', 'vdev', v); break;
          case 'access': setAccess(v); break;
          case 'backend': saveString('backend', 'backendDomain', v); break;
          case 'script': saveString('script', 'script', v); break;
          case 'colo-host': saveString('colo-host', 'coloHost', v); break;
          case 'colo-export': saveString('colo-export', 'coloExport', v); break;
          case 'active-disk': saveString('active-disk', 'activeDisk', v); break;
          case 'hidden-disk': saveString('hidden-disk', 'hiddenDisk', v); break;
          case 'colo-port': {
            const port = cAtoi(v.value);
            if (port) spec.coloPort = { value: port, start: v.start, end: v.end };
            else report(v.start, v.end, 'disk-colo-port-invalid', 'unknown value for colo_port', v.value, `\`colo-port=${v.value}\` is not a non-zero port number`);
            break;
          }
          case 'devtype': {
            if (v.value === 'cdrom') {
              spec.isCdrom = true;
              spec.cdromField = { ...v };
            } else if (v.value === 'disk') spec.isCdrom = false;
            else {
              const near = text.slice(t.start, t.end);
              report(t.start, t.end, 'disk-devtype-unknown', 'unknown value for type', near,
                `Unknown \`devtype\` \`${v.value}\` (use \`cdrom\` or \`disk\`)`);
            }
            break;
          }
          case 'backendtype': {
            const ok = v.value === 'phy' || v.value === 'tap' || v.value === 'qdisk' || (v.value === 'standalone' && features.standalone);
            if (!ok) {
              report(v.start, v.end, 'disk-backendtype-unknown', 'unknown value for backendtype', v.value,
                v.value === 'standalone'
                  ? `\`backendtype=standalone\` exists only from Xen 4.17 (this is Xen ${version})`
                  : `Unknown \`backendtype\` \`${v.value}\` (use phy, tap, qdisk${features.standalone ? ' or standalone' : ''})`);
            } else if (backendTypeSet !== undefined && backendTypeSet !== v.value) {
              report(v.start, v.end, 'disk-respecified', 'backend respecified', v.value, `The backend type is given twice (\`${backendTypeSet}\` earlier, \`${v.value}\` here)`);
            } else {
              backendTypeSet = v.value as DiskBackendType;
              spec.backendType = { value: backendTypeSet, start: v.start, end: v.end };
            }
            break;
          }
          case 'specification': {
            if (v.value !== 'xen' && v.value !== 'virtio') {
              report(v.start, v.end, 'disk-specification-unknown', 'unknown value for specification', v.value, `Unknown \`specification\` \`${v.value}\` (use xen or virtio)`);
            } else if (specificationSet !== undefined && specificationSet !== v.value) {
              report(v.start, v.end, 'disk-respecified', 'specification respecified', v.value, `The specification is given twice (\`${specificationSet}\` earlier, \`${v.value}\` here)`);
            } else {
              specificationSet = v.value;
              spec.specification = { value: v.value, start: v.start, end: v.end };
            }
            break;
          }
        }
        break;
      }
      case 'flag': {
        const at = { start: t.start, end: t.end };
        switch (t.flag) {
          case 'cdrom': spec.isCdrom = true; spec.cdromField = { value: 'cdrom', ...at }; break;
          case 'direct-io-safe': spec.directIoSafe = { value: true, ...at }; break;
          case 'discard': spec.discard = { value: true, ...at }; break;
          case 'no-discard': spec.discard = { value: false, ...at }; break;
          case 'colo': spec.colo = { value: true, ...at }; break;
          case 'no-colo': spec.colo = { value: false, ...at }; break;
          case 'trusted': spec.trusted = { value: true, ...at }; break;
          case 'untrusted': spec.trusted = { value: false, ...at }; break;
          case 'grant_usage=1': spec.grantUsage = { value: true, ...at }; break;
          case 'grant_usage=0': spec.grantUsage = { value: false, ...at }; break;
        }
        break;
      }
      case 'prefix': {
        if (t.effect === 'unknown') {
          report(t.start, t.end, 'disk-prefix-unknown', 'unknown deprecated disk prefix', text.slice(t.start, t.end),
            `\`${t.word}:\` is read as an old-style prefix such as \`phy:\`, and xl knows no prefix \`${t.word}\`. ` +
              'If this is part of the target, write it as the last parameter `target=...`');
          break scan;
        }
        hadPrefix = true;
        spec.deprecatedPrefixes.push({ value: t.word, start: t.start, end: t.end });
        const word = { value: t.word, start: t.start, end: t.end - 1 };
        if (t.effect === 'format') setFormat(word);
        else if (t.effect === 'script') saveString('script', 'script', { ...word, value: `block-${t.word}` });
        break;
      }
      case 'unknown-parameter': {
        const near = text.slice(t.start, t.end);
        const key = t.text.slice(0, t.text.indexOf('='));
        const guess = closest(key, KEYWORDS);
        const exists =
          (key === 'specification' && !features.specification) ? ' (`specification=` exists only from Xen 4.17)' : '';
        report(t.start, t.start + key.length, 'disk-parameter-unknown', 'unknown parameter', near,
          `Unknown disk parameter \`${key}\`${exists || (guess ? ` (did you mean \`${guess}\`?)` : '')}`,
          guess && !exists ? { title: `Change to \`${guess}\``, newText: guess, start: t.start, end: t.start + key.length } : undefined);
        break;
      }
      case 'positional': {
        const raw = t.value;
        const v: V = { value: raw, start: t.start, end: t.start + raw.length };
        if (err) {
          // xl ignores positional parameters once an error was reported.
        } else if (!spec.target) {
          saveString('target', 'target', v);
        } else if (!hadPrefix && formatSet === undefined) {
          if (spec.target.value === '' && vdevAndDevtype(v)) {
            formatSet = 'empty';
          } else {
            setFormat(v);
          }
        } else if (!spec.vdev) {
          if (!vdevAndDevtype(v)) saveString('vdev', 'vdev', v);
        } else if (!accessSet) {
          accessSet = true;
          setAccess(v);
        } else {
          report(v.start, v.end, 'disk-too-many-positional', 'too many positional parameters', raw,
            `Too many positional parameters: target, format, vdev and access are already given, so \`${raw}\` has no place`);
          break scan;
        }
        break;
      }
      case 'lexical-error': {
        // A '=' as the very last character: flex's error state then meets the end of the
        // input and stops without printing anything; the final checks still run.
        if (t.text === '=' && t.end === text.length) break scan;
        const versionNote =
          !features.grantUsage && /grant_usage$/.test(text.slice(0, t.start))
            ? ` (\`grant_usage=\` exists only from Xen 4.19; this is Xen ${version})`
            : /grant_usage$/.test(text.slice(0, t.start))
              ? ' (`grant_usage=` takes only `0` or `1`)'
              : '';
        report(t.start, t.end, 'disk-syntax', 'bad disk syntax', t.text,
          `A \`=\` here does not belong to any disk parameter${versionNote}; xl reads no further. A target containing \`=\` must be written as the last parameter \`target=...\``);
        break scan;
      }
    }
  }

  spec.format = formatSet ?? 'raw';
  if (spec.isCdrom) {
    spec.removable = true;
    spec.readwrite = false;
    if (!spec.target || spec.target.value === '') spec.format = 'empty';
  }
  if (err) {
    // xlu_disk_parse returns as soon as the scanner reported something.
  } else if (!spec.vdev) {
    report(0, text.length, 'disk-no-vdev', 'no vdev specified', null,
      'The disk has no virtual device name: add one such as `xvda` (third positional parameter) or `vdev=xvda`');
  } else if (!spec.target && !spec.removable) {
    report(0, text.length, 'disk-no-target', 'no target specified (and device not removable)', null,
      'The disk has no target (image, device or URL) and is not a cdrom');
  }
  spec.accepted = !err;
  return { spec, problems };
}

/** Words that are disk keywords only on newer releases fall through to other rules before. */
function newerKeywordHint(near: string | null, features: DiskFeatures, version: XenVersion): string {
  if (near === null) return '';
  const word = near.replace(/,$/, '');
  if (!features.trusted && (word === 'trusted' || word === 'untrusted')) return ` (\`${word}\` is a disk flag only from Xen 4.19; this is Xen ${version})`;
  if (!features.grantUsage && word === 'grant_usage') return ` (\`grant_usage=\` exists only from Xen 4.19; this is Xen ${version})`;
  return '';
}

/** parseDiskSpec, parsed once per distinct (release, string): see memo.ts. */
export const parseDiskSpec = memoizeSpec(parseDiskSpecUncached);
