// A small JSON reader that remembers where every value came from, so a malformed host profile
// can be reported at the exact offending text (JSON.parse only says "position N", and only
// for syntax errors, never for a value of the wrong shape).

export interface JsonError {
  start: number;
  end: number;
  message: string;
}

interface NodeBase {
  start: number;
  end: number;
}

export interface JsonProperty {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export type JsonNode =
  | (NodeBase & { kind: 'object'; properties: JsonProperty[] })
  | (NodeBase & { kind: 'array'; items: JsonNode[] })
  | (NodeBase & { kind: 'string'; value: string })
  | (NodeBase & { kind: 'number'; value: number; text: string })
  | (NodeBase & { kind: 'boolean'; value: boolean })
  | (NodeBase & { kind: 'null' });

export interface JsonReadResult {
  value?: JsonNode;
  errors: JsonError[];
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

/** Reads one JSON document (RFC 8259); stops at the first syntax error. */
export function readLocatedJson(text: string): JsonReadResult {
  let i = 0;

  const fail = (message: string, start = i, end = Math.min(text.length, start + 1)): never => {
    throw new JsonSyntaxError(message, start, Math.max(end, start));
  };

  const skipBlank = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) i++;
      else break;
    }
  };

  const describe = (at: number): string => (at >= text.length ? 'the end of the file' : `\`${text[at]}\``);

  const readString = (): JsonNode & { kind: 'string' } => {
    const start = i;
    i++; // opening quote
    let out = '';
    while (true) {
      if (i >= text.length) fail('unterminated string: a closing `"` is missing', start, text.length);
      const c = text[i];
      if (c === '"') {
        i++;
        return { kind: 'string', value: out, start, end: i };
      }
      if (c === '\n' || c === '\r') fail('unterminated string: a closing `"` is missing before the end of the line', start, i);
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('invalid escape sequence in a string', i, i + 2);
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('control character inside a string', i);
      out += c;
      i++;
    }
  };

  const readNumber = (): JsonNode => {
    const start = i;
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) fail(`unexpected ${describe(i)}: a value was expected`, i);
    i += m![0].length;
    return { kind: 'number', value: Number(m![0]), text: m![0], start, end: i };
  };

  const readValue = (depth: number): JsonNode => {
    if (depth > 200) fail('the document is nested too deeply');
    skipBlank();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties: JsonProperty[] = [];
      skipBlank();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', properties, start, end: i };
      }
      while (true) {
        skipBlank();
        if (text[i] !== '"') fail(`unexpected ${describe(i)}: a property name in double quotes was expected`, i);
        const key = readString();
        skipBlank();
        if (text[i] !== ':') fail(`unexpected ${describe(i)}: \`:\` was expected after the property name`, i);
        i++;
        const value = readValue(depth + 1);
        properties.push({ key: key.value, keyStart: key.start, keyEnd: key.end, value });
        skipBlank();
        if (text[i] === ',') {
          const comma = i++;
          skipBlank();
          if (text[i] === '}') fail('trailing comma: JSON does not allow a `,` before `}`', comma, comma + 1);
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', properties, start, end: i };
        }
        fail(`unexpected ${describe(i)}: \`,\` or \`}\` was expected`, i);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipBlank();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, start, end: i };
      }
      while (true) {
        items.push(readValue(depth + 1));
        skipBlank();
        if (text[i] === ',') {
          const comma = i++;
          skipBlank();
          if (text[i] === ']') fail('trailing comma: JSON does not allow a `,` before `]`', comma, comma + 1);
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, start, end: i };
        }
        fail(`unexpected ${describe(i)}: \`,\` or \`]\` was expected`, i);
      }
    }
    if (c === '"') return readString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, start, end: i } as JsonNode;
      }
    }
    const wordEnd = /^[A-Za-z_0-9.]+/.exec(text.slice(i, i + 100));
    return fail(`unexpected ${describe(i)}: a value was expected`, i, i + (wordEnd ? wordEnd[0].length : 1));
  };

  try {
    const value = readValue(0);
    skipBlank();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON document`, i);
    return { value, errors: [] };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { errors: [{ start: e.start, end: e.end, message: `invalid JSON: ${e.message}` }] };
    throw e;
  }
}
