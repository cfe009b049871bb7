import cliProgress from 'cli-progress';

/** A progress bar on a terminal; plain occasional lines when output goes to a file or CI log. */
export function createProgress(label: string, total?: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}${total ? '/{total}' : ''} {unit}`,
        hideCursor: true,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { unit: '' });
    return {
      update: (value: number, unit = '') => bar.update(value, { unit }),
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = 0;
  return {
    update: (value: number, unit = '') => {
      if (Date.now() - lastPrinted > 2000) {
        lastPrinted = Date.now();
        process.stderr.write(`${label}: ${value}${total ? `/${total}` : ''} ${unit}\n`);
      }
    },
    stop: () => {},
  };
}
