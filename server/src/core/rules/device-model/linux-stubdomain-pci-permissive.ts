// STUB-08: docs/misc/stubdom.txt: PCI passthrough with a Linux stub domain requires
// permissive mode, because the stub domain's QEMU cannot filter config space writes the way
// the dom0 one does.
import { dmRule } from './support';
import type { RuleFinding } from '../rule';

export const linuxStubdomainPciPermissive = dmRule(
  'linux-stubdomain-pci-permissive',
  'warning',
  'PCI passthrough without permissive=1 with a Linux stub domain',
  (ctx, plan) => {
    if (plan.stubdomainKind !== 'linux') return [];
    const text = ctx.parsed.text;
    const out: RuleFinding[] = [];
    for (const p of plan.pci) {
      if (p.permissive) continue;
      const close = p.item.end - 1;
      const quotedItem = text[p.item.start] === '"' || text[p.item.start] === "'";
      const sep = p.spec === '' || p.spec.endsWith(',') ? '' : ',';
      out.push({
        ...p.item,
        message:
          'With a Linux stub domain, PCI passthrough requires permissive mode (Xen 4.14 and later, docs/misc/stubdom.txt); without it the device is not expected to work. ' +
          'Add permissive=1, knowing that it lets the guest write the device\'s whole config space.',
        fixes: quotedItem ? [{ title: 'Add permissive=1', edits: [{ start: close, end: close, newText: `${sep}permissive=1` }] }] : undefined,
      });
    }
    return out;
  },
);
