// Terminal cells: how many columns a character takes, and text cut to a width with an ellipsis.
// Control characters (which could move the cursor or recolour a terminal) and bidirectional
// overrides never reach the output: they become `?`.

// Combining marks (variation selectors included) and zero-width spaces and joiners.
const ZERO_WIDTH = /^(?:[\p{Mn}\p{Me}]|\u200B|\u200C|\u200D)$/u;
const UNSAFE = /^[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]$/u;
// East Asian Wide and Fullwidth, and pictographs (counted wide even where a terminal draws them
// narrow: a line may then come out a little short, never too long).
const WIDE =
  /^[\u1100-\u115F\u231A\u231B\u2329\u232A\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5\u26CE\u26D4\u26EA\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{18AFF}\u{1B000}-\u{1B2FF}\u{1F000}-\u{1FAFF}\u{20000}-\u{3FFFD}\p{Extended_Pictographic}]$/u;

/** Columns one character (code point) takes: 0, 1 or 2. */
export function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  if (WIDE.test(char)) return 2;
  return 1;
}

/** Replaces control and bidi-override characters, and turns line breaks and tabs into spaces. */
export function sanitizeLine(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n|[\r\n\t]/g, ' ')) {
    if (/[\uD800-\uDFFF]/.test(char))
      out += '?'; // a lone surrogate
    else out += UNSAFE.test(char) ? '?' : char;
  }
  return out;
}

/** Visible width of sanitised text. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/**
 * Terminal cells for `text`, at most `max` wide: one string per cell, a wide character followed by
 * an empty continuation cell, zero-width marks kept with their base. Cut text ends in `ellipsis`.
 */
export function toCells(text: string, max: number, ellipsis: string): string[] {
  if (max <= 0) return [];
  const clean = sanitizeLine(text);
  const fits = textWidth(clean) <= max;
  const budget = fits ? max : max - textWidth(ellipsis);
  if (budget < 0) return [...ellipsis].slice(0, max);
  const cells: string[] = [];
  for (const char of clean) {
    const width = charWidth(char);
    if (width === 0) {
      if (cells.length > 0) {
        // Attach to the last non-continuation cell.
        let last = cells.length - 1;
        while (last > 0 && cells[last] === '') last -= 1;
        cells[last] += char;
      }
      continue;
    }
    if (cells.length + width > budget) break;
    cells.push(char);
    if (width === 2) cells.push('');
  }
  if (!fits) cells.push(...ellipsis);
  return cells;
}
