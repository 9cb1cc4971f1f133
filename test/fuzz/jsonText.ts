/**
 * JSON text of any depth. `JSON.stringify` recurses and overflows the stack near 10,000 levels;
 * `JSON.parse` does not, so Forge can hand a resolver a payload that deep. The fuzzer builds its
 * JSON with this, then parses it as Forge does.
 */
type Frame = { readonly close: string; readonly parts: (() => void)[] };

export function jsonText(root: unknown): string {
  const out: string[] = [];
  // Work items run last-in first-out; each container pushes its close, then its members in reverse.
  const work: (() => void)[] = [() => write(root)];
  function write(value: unknown): void {
    if (typeof value !== 'object' || value === null) {
      out.push(JSON.stringify(value) ?? 'null');
      return;
    }
    const frame: Frame = Array.isArray(value)
      ? { close: ']', parts: value.map((item, index) => () => { if (index > 0) out.push(','); write(item); }) }
      : {
          close: '}',
          parts: Object.entries(value)
            .filter(([, item]) => item !== undefined && typeof item !== 'function')
            .map(([key, item], index) => () => {
              out.push(`${index > 0 ? ',' : ''}${JSON.stringify(key)}:`);
              work.push(() => write(item));
            }),
        };
    out.push(Array.isArray(value) ? '[' : '{');
    work.push(() => out.push(frame.close));
    for (let index = frame.parts.length - 1; index >= 0; index--) work.push(frame.parts[index]!);
  }
  for (let next = work.pop(); next !== undefined; next = work.pop()) next();
  return out.join('');
}
