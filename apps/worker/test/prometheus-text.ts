// A strict reader of the Prometheus text exposition format (0.0.4), so the tests prove that what
// /metrics serves parses: every sample belongs to a family announced by # HELP and # TYPE.
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)(?: (-?\d+))?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const helps = new Set<string>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const where = `line ${index + 1} (${JSON.stringify(line).slice(0, 80)})`;
    if (line.startsWith('# HELP ')) {
      helps.add(line.split(' ')[2] as string);
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      if (!name || !type || !TYPES.has(type)) throw new Error(`bad TYPE at ${where}`);
      types.set(name, type);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample: ${where}`);
    const [, name, labelText, valueText] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    const family = [name, name.replace(/_(bucket|sum|count)$/, '')].find((n) => types.has(n));
    if (!family || !helps.has(family)) throw new Error(`sample without HELP/TYPE: ${where}`);
    const labels: Record<string, string> = {};
    if (labelText) {
      LABEL.lastIndex = 0;
      while (LABEL.lastIndex < labelText.length) {
        const label = LABEL.exec(labelText);
        if (!label) throw new Error(`bad labels at ${where}`);
        labels[label[1] as string] = (label[2] as string).replace(/\\(.)/g, (_, c) =>
          c === 'n' ? '\n' : c,
        );
      }
    }
    // Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
    const nan = /^nan$/i.test(valueText);
    const inf = /^[+-]?inf$/i.test(valueText);
    const value = nan
      ? Number.NaN
      : inf
        ? (valueText.startsWith('-') ? -1 : 1) * Infinity
        : Number(valueText);
    if (Number.isNaN(value) && !nan) throw new Error(`bad value at ${where}`);
    samples.push({ name, labels, value });
  }
  return samples;
}
