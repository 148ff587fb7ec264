// Folding ranges: multi-line lists, comment blocks and regions, as whole lines.

import { FoldingRangeKind, type Connection, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../core/features/folding';
import { guard } from './guard';
import type { Session } from './session';

export function registerFolding(connection: Connection, session: Session): void {
  connection.onFoldingRanges(
    guard(session.log, 'folding ranges', [] as FoldingRange[], (params) => {
      const found = session.analysisOfUri(params.textDocument.uri);
      if (!found) return [];
      const { doc, analysis } = found;
      const out: FoldingRange[] = [];
      for (const r of foldingRanges(doc.getText(), analysis.parsed.settings)) {
        const startLine = doc.positionAt(r.start).line;
        const endLine = doc.positionAt(r.end).line;
        if (endLine <= startLine) continue;
        const range: FoldingRange = { startLine, endLine };
        if (r.kind === 'comment') range.kind = FoldingRangeKind.Comment;
        else if (r.kind === 'region') range.kind = FoldingRangeKind.Region;
        out.push(range);
      }
      return out;
    }),
  );
}
