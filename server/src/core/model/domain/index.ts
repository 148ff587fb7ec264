// The typed domain model: what xl builds from a config (see README.md in this folder).

import type { RuleContext } from '../../rules/context';
import { buildDomain } from './build-domain';
import type { DomainModel } from './types';

export { buildDomain, type BuildOptions } from './build-domain';
export { toLibxlJson, type LibxlJsonOptions } from './to-libxl-json';
export { stringifyLibxlJson, libxlJsonToPlain, type LibxlJson, type LibxlObject, type LibxlValue } from './libxl-json';
export { guestTypeOfTypeValue, guestTypeOfBuilderValue } from './guest-type';
export type { DomainModel, GuestTypeDecision, Src, XlMessage } from './types';

/** The domain model of the analysed document, built once per analysis run. */
export function domainOf(ctx: RuleContext): DomainModel {
  return ctx.memo('domain', (c) => buildDomain(c.view, c.xenVersion, { sourceName: c.env.fileName, text: c.parsed.text }));
}

/** The value at a dotted path of the model's config (`b_info.target_memkb`, `disks.0.vdev`). */
export function valueAt(model: DomainModel, path: string): unknown {
  let v: unknown = model.config;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}
