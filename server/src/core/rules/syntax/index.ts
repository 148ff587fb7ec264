// The syntax checks: what xl's parser refuses, located precisely.
import type { Rule } from '../rule';
import { parseErrors } from './parse-errors';

export const syntaxRules: Rule[] = [parseErrors];
