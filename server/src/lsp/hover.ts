// Hover: the core's hover aggregator, answered as markdown.

import { MarkupKind, type Connection, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../core/features/hover';
import { toRange } from './convert';
import { describeError, guard } from './guard';
import type { Session } from './session';

export function registerHover(connection: Connection, session: Session): void {
  connection.onHover(
    guard(session.log, 'hover', null as Hover | null, (params) => {
      const found = session.analysisOfUri(params.textDocument.uri);
      if (!found) return null;
      const { doc, analysis } = found;
      const result = hoverAt(analysis, doc.offsetAt(params.position), undefined, (e) =>
        session.log.error(`xlcfg: a hover provider failed: ${describeError(e)}`),
      );
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: toRange(doc, result) };
    }),
  );
}
