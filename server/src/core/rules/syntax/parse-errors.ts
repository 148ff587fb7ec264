// Every error libxlutil would stop on, and the constructs it accepts but misreads.
import type { Rule } from '../rule';
import { syntaxFindings } from '../../syntax/findings';

export const parseErrors: Rule = {
  slug: 'syntax',
  defaultSeverity: 'error',
  description: 'Syntax errors that make xl reject the whole file, and accepted constructs that do not mean what they seem.',
  // Each finding keeps its own code (unterminated-string, uppercase-key, ...) and severity.
  check: (ctx) => syntaxFindings(ctx.parsed),
};
