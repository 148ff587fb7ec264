// CHANNEL_SPEC_STRING (`channel = [ "..." ]`): `name=`, `connection=pty|socket` (exact),
// `path=` (required for socket) and `backend=`; keys and values are trimmed. An item without
// '=' or with nothing after it makes xl exit; an unknown key is only reported. Up to Xen 4.17 a
// value also stops at the next '=' (see legacyPair in items.ts). An empty spec
// ("" or ",") makes xl crash: its splitting helper reads an entry that does not exist.

import { parse } from '../../generated/spec-channel';
import type { GeneratedParse } from './peg';
import { closest, problem } from './problems';
import { asField, fatal, legacyCutProblem, pairItems, tokenItems } from './items';
import { compareXen, NEWEST_XEN } from '../xen-version';
import type { SpecField, SpecParseOptions, SpecParseResult, SpecProblem } from './types';

export interface ChannelSpec {
  name?: SpecField<string>;
  connection?: SpecField<'pty' | 'socket'>;
  path?: SpecField<string>;
  backend?: SpecField<string>;
  accepted: boolean;
}

const KEYS = ['name', 'connection', 'path', 'backend'];

export function parseChannelSpec(text: string, options: SpecParseOptions = {}): SpecParseResult<ChannelSpec> {
  const legacy = compareXen(options.xenVersion ?? NEWEST_XEN, '4.18') < 0;
  const spec: ChannelSpec = { accepted: true };
  const problems: SpecProblem[] = [];
  const stop = (p: SpecProblem) => {
    problems.push(p);
    spec.accepted = false;
    return { spec, problems };
  };
  const items = pairItems(tokenItems(parse as GeneratedParse, text), text, legacy);
  if (items.length === 0) {
    return stop(problem({
      code: 'channel-empty-crash', start: 0, end: text.length, reaction: 'crash',
      message: 'An empty channel spec makes xl crash (segmentation fault) on every release. Give at least `connection=pty`, or remove the entry.',
    }));
  }
  for (const it of items) {
    if (!it.key || it.rawValueLength === 0) {
      return stop(fatal(it.start, it.end, 'channel-item-invalid', `failed to parse channel configuration: ${it.text}`,
        it.key || it.text.includes('=') ? `\`${it.text}\` has no value after \`=\`` : `\`${it.text}\` has no \`=\` (channel options are written key=value)`));
    }
    const k = it.key.value;
    const v = it.value!;
    const cut = legacy ? legacyCutProblem(it, text, options.xenVersion ?? NEWEST_XEN) : undefined;
    if (cut) problems.push(cut);
    if (k === 'connection') {
      if (v.value === 'pty' || v.value === 'socket') spec.connection = { ...asField(v), value: v.value };
      else {
        const guess = closest(v.value, ['pty', 'socket']);
        return stop(fatal(v.start, v.end, 'channel-connection-unknown', `unknown channel connection '${v.value}'`,
          `Unknown channel connection \`${v.value}\` (use pty or socket, in lower case)`, 1,
          guess ? { title: `Change to \`${guess}\``, newText: guess, start: v.start, end: v.end } : undefined));
      }
    } else if (k === 'name' || k === 'path' || k === 'backend') spec[k] = asField(v);
    else {
      const guess = closest(k, KEYS);
      problems.push(problem({
        code: 'channel-option-unknown', start: it.key.start, end: it.key.end, reaction: 'warning',
        xenMessage: `unknown channel parameter '${k}', ignoring`,
        message: `Unknown channel option \`${k}\`: xl prints a warning and ignores it${guess ? `; did you mean \`${guess}\`?` : '.'}`,
        replacement: guess ? { title: `Change to \`${guess}\``, newText: guess, start: it.key.start, end: it.key.end } : undefined,
      }));
    }
  }
  if (!spec.connection) {
    return stop(fatal(0, text.length, 'channel-no-connection', "channel has unknown 'connection'", 'The channel has no `connection=pty` or `connection=socket`'));
  }
  if (spec.connection.value === 'socket' && !spec.path) {
    return stop(fatal(spec.connection.start, spec.connection.end, 'channel-socket-no-path', "channel connection 'socket' requires path=..",
      'A socket channel needs `path=` (the socket file in the backend domain)'));
  }
  if (!spec.name) {
    problems.push(problem({
      code: 'channel-no-name', start: 0, end: text.length, reaction: 'none', severity: 'warning',
      message: 'The channel has no `name=`: xl accepts it, but the guest finds channels by name (e.g. org.qemu.guest_agent.0), so it cannot tell this one apart.',
    }));
  }
  return { spec, problems };
}
