// Plain data every analysis stage produces; the adapters (LSP server, CLI) turn it into
// their own shapes. Offsets are UTF-16 code-unit offsets into the document text.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextEdit extends OffsetRange {
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor should offer first (VS Code's "preferred" quick fix). */
  isPreferred?: boolean;
}

export interface RelatedNote extends OffsetRange {
  message: string;
}

export interface Finding extends OffsetRange {
  /** Stable slug of the check, e.g. `unterminated-string`; users configure severities by it. */
  code: string;
  severity: Severity;
  message: string;
  fixes?: Fix[];
  related?: RelatedNote[];
  tags?: Array<'unnecessary' | 'deprecated'>;
}
