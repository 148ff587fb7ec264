// The server's state: open documents, their settings, their host profiles and the analysis of
// each document's current version. Feature handlers ask the session for an analysis; it is
// computed once per document version and shared by diagnostics, hover, completion, etc.

import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalysisOptions } from '../core/analyze';
import { NEWEST_XEN, parseXenVersion } from '../core/xen-version';
import { toDiagnostic } from './convert';

/** Emitted on `process` after each publish; see server/src/boot.ts. */
export const ANALYSED_EVENT = 'xlcfg-analysed';
import { describeError, type Logger } from './guard';
import { HostProfileStore, profileCandidates, type LoadedProfile } from './host-profile';
import { DEFAULT_SETTINGS, normalizeSettings, sameSettings, type XlcfgSettings } from './settings';

interface Analysed {
  version: number;
  analysis: Analysis;
}

export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly log: Logger;
  /** True when the client answers workspace/configuration (VS Code does; some clients do not). */
  canPullConfiguration = false;
  /** Settings pushed by didChangeConfiguration or initializationOptions: used when we cannot pull. */
  pushedSettings: XlcfgSettings = DEFAULT_SETTINGS;
  workspaceRoots: string[] = [];

  private readonly analyses = new Map<string, Analysed>();
  private readonly settings = new Map<string, XlcfgSettings>();
  private readonly pendingSettings = new Map<string, Promise<XlcfgSettings>>();
  private readonly profiles: HostProfileStore;
  /** Profile files whose problems are on screen, by URI. */
  private readonly profileDiagnostics = new Set<string>();
  private readonly publishedProfiles = new WeakSet<LoadedProfile>();
  /** Configured profile paths already reported missing (reported once, not on every keystroke). */
  private readonly warnedMissing = new Set<string>();
  /** Documents whose xlcfg.hostProfile names a file that does not exist (uri → that path). */
  private readonly missingExplicit = new Map<string, string>();

  constructor(readonly connection: Connection) {
    this.log = connection.console;
    this.profiles = new HostProfileStore(this.log, (p) => this.profileChanged(p));
  }

  // ---- analysis ----------------------------------------------------------------------------

  /** The analysis of the document's current text (computed at most once per version). */
  analysisOf(doc: TextDocument): Analysis {
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.analysis;
    const analysis = analyze(doc.getText(), this.optionsFor(doc.uri, this.settings.get(doc.uri) ?? this.pushedSettings));
    this.analyses.set(doc.uri, { version: doc.version, analysis });
    return analysis;
  }

  analysisOfUri(uri: string): { doc: TextDocument; analysis: Analysis } | undefined {
    const doc = this.documents.get(uri);
    return doc ? { doc, analysis: this.analysisOf(doc) } : undefined;
  }

  private optionsFor(uri: string, s: XlcfgSettings): AnalysisOptions {
    const filePath = uriToPath(uri);
    const options: AnalysisOptions = {
      severities: s.rules,
      fileName: filePath ? path.basename(filePath) : uri,
    };
    if (s.qemuVersion) options.qemuVersion = s.qemuVersion;
    const { paths, explicit } = profileCandidates(filePath, this.rootFor(filePath), s.hostProfile);
    const profile = this.profiles.find(paths);
    if (profile) {
      this.publishProfileProblems(profile);
      options.hostProfileSource = profile.path;
      if (profile.profile !== undefined) options.hostProfile = profile.profile;
    }
    // The release: the setting, else the host profile's (it describes the host the guest will
    // run on), else the newest.
    const fromProfile = (profile?.profile as { xenVersion?: string } | undefined)?.xenVersion;
    options.xenVersion = s.xenVersion ?? parseXenVersion(fromProfile) ?? NEWEST_XEN;
    if (!profile && explicit) {
      this.missingExplicit.set(uri, paths[0]);
      if (!this.warnedMissing.has(paths[0])) {
        this.warnedMissing.add(paths[0]);
        this.log.warn(`xlcfg: the host profile set in xlcfg.hostProfile (${paths[0]}) does not exist; checking ${uri} without one.`);
      }
    } else {
      this.missingExplicit.delete(uri);
    }
    return options;
  }

  // ---- diagnostics ---------------------------------------------------------------------------

  /** Publishes the findings for the document's current version. */
  publish(doc: TextDocument): void {
    const analysis = this.analysisOf(doc);
    const diagnostics = analysis.findings.map((f) => toDiagnostic(doc, f));
    const missing = this.missingExplicit.get(doc.uri);
    if (missing) {
      diagnostics.unshift(
        toDiagnostic(doc, {
          start: 0,
          end: 0,
          code: 'host-profile-missing',
          severity: 'warning',
          message: `The host profile named by the xlcfg.hostProfile setting (${missing}) does not exist, so this config is checked without host facts (passthrough BAR sizes, host RMRRs). Fix the path in the setting or create the file.`,
        }),
      );
    }
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    // Tells the loader (boot.ts) that the analysis code has run, so V8's cache is worth writing.
    (process as NodeJS.EventEmitter).emit(ANALYSED_EVENT);
  }

  /** Open or edit: publish now when the document's settings are known, else once they are. */
  contentChanged(doc: TextDocument): void {
    if (this.settings.has(doc.uri) || !this.canPullConfiguration) {
      this.safePublish(doc);
      return;
    }
    void this.settingsFor(doc.uri).then(() => {
      const current = this.documents.get(doc.uri);
      if (current) this.safePublish(current);
    });
  }

  closed(uri: string): void {
    this.analyses.delete(uri);
    this.missingExplicit.delete(uri);
    this.settings.delete(uri);
    this.pendingSettings.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Re-analyses and re-publishes every open document (settings or a profile changed). */
  republishAll(): void {
    this.analyses.clear();
    for (const doc of this.documents.all()) this.safePublish(doc);
  }

  /** Publishes; when the analysis itself throws, says so on the document instead of going quiet. */
  safePublish(doc: TextDocument): void {
    try {
      this.publish(doc);
    } catch (e) {
      this.log.error(`xlcfg: analysing ${doc.uri} failed: ${describeError(e)}`);
      void this.connection.sendDiagnostics({
        uri: doc.uri,
        version: doc.version,
        diagnostics: [
          toDiagnostic(doc, {
            start: 0,
            end: 0,
            code: 'internal-error',
            severity: 'information',
            message: `xlcfg could not check this file (${(e as Error)?.message ?? e}), so no problems are shown for it; please report this with the file. The server keeps running.`,
          }),
        ],
      });
    }
  }

  // ---- settings ------------------------------------------------------------------------------

  private settingsFor(uri: string): Promise<XlcfgSettings> {
    const known = this.settings.get(uri);
    if (known) return Promise.resolve(known);
    let pending = this.pendingSettings.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'xlcfg' })
        .then(
          (raw) => normalizeSettings(raw),
          (e) => {
            this.log.warn(`xlcfg: could not read settings for ${uri}, using defaults: ${describeError(e)}`);
            return this.pushedSettings;
          },
        )
        .then((s) => {
          // Only keep the answer if nobody invalidated the request meanwhile.
          if (this.pendingSettings.get(uri) === pending) {
            this.pendingSettings.delete(uri);
            if (this.documents.get(uri)) this.settings.set(uri, s);
          }
          return s;
        });
      this.pendingSettings.set(uri, pending);
    }
    return pending;
  }

  /** Settings changed: with pull, re-read them per document; otherwise use the pushed ones. */
  async settingsChanged(pushed: unknown): Promise<void> {
    if (!this.canPullConfiguration) {
      const next = normalizeSettings(pushed);
      if (sameSettings(next, this.pushedSettings)) return;
      this.pushedSettings = next;
      this.republishAll();
      return;
    }
    const before = new Map(this.settings);
    this.settings.clear();
    this.pendingSettings.clear();
    await Promise.all(
      this.documents.all().map(async (doc) => {
        const next = await this.settingsFor(doc.uri);
        const prev = before.get(doc.uri);
        if (prev && sameSettings(prev, next)) return;
        this.analyses.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (current) this.safePublish(current);
      }),
    );
  }

  // ---- host profiles -------------------------------------------------------------------------

  /** A profile file changed on disk (fs.watch) or the client reported it. */
  profileChanged(profilePath: string): void {
    this.profiles.invalidate(profilePath);
    this.warnedMissing.delete(profilePath);
    const uri = pathToFileURL(profilePath).toString();
    if (this.profileDiagnostics.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.republishAll();
  }

  private publishProfileProblems(profile: LoadedProfile): void {
    if (this.publishedProfiles.has(profile)) return;
    this.publishedProfiles.add(profile);
    const uri = pathToFileURL(profile.path).toString();
    if (profile.problems.length === 0 && !this.profileDiagnostics.has(uri)) return;
    const doc = TextDocument.create(uri, 'json', 0, profile.text);
    void this.connection.sendDiagnostics({
      uri,
      diagnostics: profile.problems.map((p) =>
        toDiagnostic(doc, { start: p.start, end: p.end, code: 'host-profile-invalid', severity: p.severity, message: p.message }),
      ),
    });
    if (profile.problems.length) this.profileDiagnostics.add(uri);
    else this.profileDiagnostics.delete(uri);
  }

  // ---- workspace -----------------------------------------------------------------------------

  private rootFor(filePath: string | undefined): string | undefined {
    if (!filePath) return this.workspaceRoots[0];
    let best: string | undefined;
    for (const root of this.workspaceRoots) {
      const rel = path.relative(root, filePath);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || root.length > best.length)) best = root;
    }
    return best ?? this.workspaceRoots[0];
  }

  dispose(): void {
    this.profiles.dispose();
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
