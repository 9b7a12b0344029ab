// Money is integer minor units (cents) held in `bigint`. Never a JS `number`: 0.1 + 0.2
// is not 0.3 in binary floating point, and an accounting system must be exact.
// At every boundary (JSON, CSV, Mongo documents) amounts travel as decimal strings with
// exactly two places, e.g. "1234.50" or "-12.00".

export type Minor = bigint;

const AMOUNT_PATTERN = /^(\d{1,15})(?:\.(\d{1,2}))?$/;

export class MoneyParseError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not an amount: use digits with at most 2 decimals, e.g. 1234.50`);
    this.name = 'MoneyParseError';
  }
}

/**
 * Parses a non-negative decimal amount ("12", "12.5", "12.50") into minor units.
 * Rejects signs, exponents, thousands separators, more than 2 decimals and anything else:
 * a malformed amount is an input error, never silently rounded.
 */
export function parseAmount(input: string): Minor {
  const match = AMOUNT_PATTERN.exec(input.trim());
  if (!match) throw new MoneyParseError(input);
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

export function isAmount(input: string): boolean {
  return AMOUNT_PATTERN.test(input.trim());
}

/** Minor units → "1234.50" (negative: "-1234.50"). The exact inverse of parseAmount. */
export function formatMinor(minor: Minor): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole.toString()}.${cents}`;
}

/** Decimal string with an optional leading minus (as stored in documents) → minor units. */
export function parseSignedAmount(input: string): Minor {
  const trimmed = input.trim();
  if (trimmed.startsWith('-')) return -parseAmount(trimmed.slice(1));
  return parseAmount(trimmed);
}

export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0n;
  for (const value of values) total += value;
  return total;
}

/**
 * How an organization's readers write numbers (an organization setting). Display only:
 * CSV and XLSX stay machine-readable ("1234.50").
 */
export const NUMBER_FORMATS = ['en', 'de', 'pl', 'fr', 'ch'] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

export function isNumberFormat(value: string): value is NumberFormat {
  return (NUMBER_FORMATS as readonly string[]).includes(value);
}

/**
 * Thousands separator and decimal mark per format. Polish and French group with a
 * non-breaking space (U+00A0) and a narrow non-breaking space (U+202F) — what their
 * typography (and CLDR) use — so an amount never wraps inside a cell.
 */
const SEPARATORS: Record<NumberFormat, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  de: { group: '.', decimal: ',' },
  pl: { group: '\u00a0', decimal: ',' },
  fr: { group: '\u202f', decimal: ',' },
  ch: { group: "'", decimal: '.' },
};

/** "1,234.56" in the format itself: the label of each choice in the settings form. */
export function numberFormatExample(format: NumberFormat): string {
  return formatForReport(123456n, { numberFormat: format });
}

/**
 * For display: thousands separators, and negatives in parentheses as accountants write
 * them ("(1,234.50)"). Pure string work on the exact decimal, never a float: the digits
 * come from the bigint, only the separators differ by `numberFormat` (default 'en').
 */
export function formatForReport(minor: Minor, options: { blankZero?: boolean; numberFormat?: NumberFormat } = {}): string {
  if (minor === 0n && options.blankZero) return '';
  const { group, decimal } = SEPARATORS[options.numberFormat ?? 'en'];
  const plain = formatMinor(minor < 0n ? -minor : minor);
  const [whole = '0', cents = '00'] = plain.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const text = `${grouped}${decimal}${cents}`;
  return minor < 0n ? `(${text})` : text;
}

/** What an amount field holds: nothing yet, an amount, or text that is not one (shown as such, never dropped). */
export type AmountInput = { status: 'blank' } | { status: 'valid'; minor: Minor } | { status: 'invalid' };

/** Spaces a reader may type for a space-grouped format: plain, no-break (U+00A0), narrow no-break (U+202F). */
const SPACES = ' \u00a0\u202f';
const escapeClass = (chars: string) => chars.replace(/[\]\\^-]/g, '\\$&');

/**
 * Per format, what a typed amount may look like: digits with the format's decimal mark and
 * at most 2 decimals, optionally grouped by threes with the format's thousands separator
 * ("1,234.50" en, "1.234,50" de, "1 234,50" pl). A separator must sit between full groups,
 * so "1,2345" or "12.5" in German is refused, not guessed.
 */
function inputPattern(format: NumberFormat): RegExp {
  const { group, decimal } = SEPARATORS[format];
  const groups = escapeClass(group === '\u00a0' || group === '\u202f' ? SPACES : group === "'" ? "'\u2019" : group);
  const mark = escapeClass(decimal);
  return new RegExp(`^(\\d{1,15}|\\d{1,3}(?:[${groups}]\\d{3}){1,4})(?:[${mark}](\\d{1,2}))?$`);
}
const INPUT_PATTERNS = Object.fromEntries(NUMBER_FORMATS.map((format) => [format, inputPattern(format)])) as Record<NumberFormat, RegExp>;

/**
 * Reads what a person typed into an amount field, in the organization's number format
 * (default 'en'). Exact: the digits go straight into a bigint, never through a float.
 * Signs, exponents and more than 2 decimals are invalid, as in parseAmount.
 */
export function readAmountInput(text: string, numberFormat: NumberFormat = 'en'): AmountInput {
  const trimmed = text.trim();
  if (trimmed === '') return { status: 'blank' };
  const match = INPUT_PATTERNS[numberFormat].exec(trimmed);
  if (!match) return { status: 'invalid' };
  const [, grouped = '0', fraction = ''] = match;
  const whole = grouped.replace(/\D/g, '');
  if (whole.length > 15) return { status: 'invalid' };
  return { status: 'valid', minor: BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0')) };
}

/** An amount as its field shows it after editing: grouped, two decimals ("90" → "90.00", "1234.5" → "1,234.50"). */
export function formatAmountInput(minor: Minor, numberFormat: NumberFormat = 'en'): string {
  return formatForReport(minor, { numberFormat });
}
