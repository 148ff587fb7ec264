// The domain configuration as `xl -N create` prints it (libxl_domain_config_to_json), for
// the release the model was built for or another one; with `defaults`, also what libxl's
// defaulting pass would fill in before creating the domain.

import type { XenVersion } from '../../xen-version';
import { applyLibxlDefaults } from './defaults';
import { LibxlPrinter, type LibxlJson, type LibxlObject } from './libxl-json';
import type { DomainModel } from './types';

export interface LibxlJsonOptions {
  /** Fill in libxl's defaults (the subset xlcfg models; see defaults.ts). */
  defaults?: boolean;
}

export function toLibxlJson(model: DomainModel, release: XenVersion = model.release, options: LibxlJsonOptions = {}): { [k: string]: LibxlJson } {
  const printer = new LibxlPrinter(release);
  let config: LibxlObject = model.config;
  if (options.defaults) config = applyLibxlDefaults(structuredClone(config), release);
  return printer.print(config);
}
