// STUB-07: docs/misc/stubdom.txt: a Linux stub domain supports only one NIC.
import { dmRule } from './support';

export const linuxStubdomainOneNic = dmRule(
  'linux-stubdomain-one-nic',
  'warning',
  'more than one vif with a Linux stub domain',
  (_ctx, plan) => {
    if (plan.stubdomainKind !== 'linux' || plan.nics.length < 2) return [];
    return plan.nics.slice(1).map((nic) => ({
      ...nic.item,
      message:
        `NIC ${nic.ordinal + 1} of ${plan.nics.length}: a Linux stub domain supports only one network interface (Xen 4.14 and later, docs/misc/stubdom.txt), ` +
        'so this one is not expected to work. Keep one vif, or run QEMU in dom0.',
    }));
  },
);
