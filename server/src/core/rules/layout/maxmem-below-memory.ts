// xl and libxl accept `maxmem` < `memory` without a word, but the guest does not get `memory`:
// an HVM guest is built with maxmem − videoram of RAM, Xen's limit stays at memory + 1 MiB,
// and xenstore's target ends up above static-max. The man page requires maxmem ≥ memory.

import type { Rule } from '../rule';
import type { Fix } from '../../findings';
import { keyRange, layoutOf, regresses, setKey } from './support';

export const maxmemBelowMemory: Rule = {
  slug: 'maxmem-below-memory',
  defaultSeverity: 'error',
  description: '`maxmem` is below `memory`: Xen accepts it silently but the guest gets only `maxmem`.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const mem = layout.input.memory?.value;
    const max = layout.input.maxmem?.value;
    const range = keyRange(ctx.view, 'maxmem');
    if (mem === undefined || max === undefined || !range || max >= mem) return [];
    const hvm = layout.input.type.value === 'hvm';
    // `memory = maxmem` keeps the RAM the guest really gets today; `maxmem = memory` gives it
    // what `memory` asks for, offered only when the bigger RAM does not break the layout.
    const fixes: Fix[] = [];
    if (!regresses(ctx, { memory: { value: max } })) {
      fixes.push({ title: `Set memory = ${max} (= maxmem, the RAM the guest gets today)`, edits: [setKey(ctx.parsed.text, ctx.view, 'memory', String(max))], isPreferred: true });
    }
    if (!regresses(ctx, { maxmem: { value: mem } })) {
      fixes.push({ title: `Set maxmem = ${mem} (= memory)`, edits: [setKey(ctx.parsed.text, ctx.view, 'maxmem', String(mem))], isPreferred: fixes.length === 0 });
    }
    return [
      {
        ...range,
        message: `\`maxmem\` (${max} MiB) is below \`memory\` (${mem} MiB). xl and libxl accept this without a message (every release), but ${hvm ? `the guest is built with only ${max} MiB − videoram of RAM` : `the guest's maximum is ${max} MiB`} while Xen's limit is ${mem} MiB + 1 MiB and xenstore's target exceeds static-max, so ballooning tools misbehave. Make them equal.`,
        fixes,
      },
    ];
  },
};
