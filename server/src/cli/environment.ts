// Resolves what an analysis needs besides the config: the Xen release (flag, else the host
// profile's, else the newest) and the host profile (flag, else xen-host.json beside the file).

import type { AnalysisOptions } from '../core/analyze';
import { parseXenVersion, NEWEST_XEN, XEN_VERSIONS } from '../core/xen-version';
import type { CliIO, CommonArgs } from './command';
import { loadHostProfile } from './host-profile-loader';

export interface ResolvedEnvironment {
  options: AnalysisOptions;
  notes: string[];
}

export function resolveEnvironment(a: CommonArgs, file: string, io: CliIO): ResolvedEnvironment | { error: string } {
  const notes: string[] = [];
  let xenVersion = undefined as AnalysisOptions['xenVersion'];
  if (a.xenVersion !== undefined) {
    xenVersion = parseXenVersion(a.xenVersion);
    if (!xenVersion) return { error: `unsupported --xen-version ${a.xenVersion} (supported: ${XEN_VERSIONS.join(', ')})` };
  }
  const profilePath = a.host ?? (file === '-' ? undefined : io.join(io.dirname(file), 'xen-host.json'));
  const options: AnalysisOptions = { fileName: file };
  if (a.qemuVersion !== undefined) {
    if (!/^\d+\.\d+(\.\d+)?$/.test(a.qemuVersion)) return { error: `--qemu-version takes a QEMU release such as 8.0, not ${a.qemuVersion}` };
    options.qemuVersion = a.qemuVersion;
  }
  if (profilePath && (a.host !== undefined || io.exists(profilePath))) {
    const loaded = loadHostProfile(profilePath, io);
    if ('error' in loaded) {
      if (a.host !== undefined) return { error: loaded.error };
      notes.push(loaded.error);
    } else {
      options.hostProfile = loaded.profile;
      options.hostProfileSource = profilePath;
      notes.push(...loaded.notes);
      if (!xenVersion && loaded.xenVersion) xenVersion = parseXenVersion(loaded.xenVersion);
    }
  }
  options.xenVersion = xenVersion ?? NEWEST_XEN;
  return { options, notes };
}
