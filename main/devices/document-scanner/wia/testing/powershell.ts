/**
 * Test helpers for the WIA scripts: PowerShell's reading of a single-quoted literal, and the
 * decoding of an `-EncodedCommand` argument list back to the script and its `$Name = …` header.
 */

const quoteChars = "'\u2018\u2019\u201A\u201B";
const isQuote = (c: string | undefined) => c !== undefined && c !== '' && quoteChars.includes(c);

/**
 * Reads a single-quoted literal at `at` as PowerShell's tokenizer does: any of the five
 * single-quote characters ends it, unless another follows, and then that second one stands for
 * itself. Nothing else is special. Throws when `at` is not a quote or the literal never ends.
 */
export function readPsLiteral(text: string, at = 0): { value: string; end: number } {
  if (!isQuote(text[at])) throw new Error(`no literal at ${at}`);
  let value = '';
  let i = at + 1;
  for (;;) {
    const c = text[i];
    if (c === undefined) throw new Error('unterminated literal');
    if (isQuote(c)) {
      const next = text[i + 1];
      if (next !== undefined && isQuote(next)) {
        value += next;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    value += c;
    i += 1;
  }
}

/** The script inside powershell.exe's arguments (the one after -EncodedCommand). */
export function decodeScript(args: readonly string[]): string {
  const at = args.indexOf('-EncodedCommand');
  const encoded = args[at + 1];
  if (at < 0 || encoded === undefined) throw new Error('no -EncodedCommand');
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

/**
 * The `$Name = <literal or integer>` lines a script starts with, read the way PowerShell would;
 * throws if anything follows a value on its line (a value that broke out of its literal).
 */
export function scriptHeader(script: string): { values: Record<string, string | number>; body: string } {
  const values: Record<string, string | number> = {};
  let at = 0;
  for (;;) {
    const m = /^\$([A-Za-z]+) = /.exec(script.slice(at));
    if (!m) break;
    const name = m[1]!;
    at += m[0].length;
    let end: number;
    if (/\d/.test(script[at] ?? '')) {
      const digits = /^\d+/.exec(script.slice(at))![0];
      values[name] = Number(digits);
      end = at + digits.length;
    } else {
      const literal = readPsLiteral(script, at);
      values[name] = literal.value;
      end = literal.end;
    }
    if (script[end] !== '\n') throw new Error(`something follows $${name}: ${script.slice(end, end + 40)}`);
    at = end + 1;
  }
  return { values, body: script.slice(at) };
}
