/** A one-line progress indicator on a terminal; plain periodic lines elsewhere (CI logs). */
export function progressReporter(stream: NodeJS.WriteStream, label: string, total?: number): { update(n: number): void; done(n: number, note?: string): void } {
  const tty = stream.isTTY;
  let lastPrinted = 0;
  const render = (n: number) => {
    if (total !== undefined && total > 0) {
      const width = 30;
      const filled = Math.min(width, Math.round((n / total) * width));
      return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${n}/${total}`;
    }
    return `${label}: ${n}`;
  };
  return {
    update(n) {
      if (tty) stream.write(`\r${render(n)}`);
      else if (Date.now() - lastPrinted > 2000) {
        stream.write(`${render(n)}\n`);
        lastPrinted = Date.now();
      }
    },
    /** The last line; `note` (e.g. the time taken) follows the count. */
    done(n, note) {
      stream.write(`${tty ? '\r' : ''}${render(n)}${note === undefined ? '' : `, ${note}`}\n`);
    },
  };
}
