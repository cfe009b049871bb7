import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, unit?: string): void;
  /** Ends the count and names the next step of the work, e.g. 'Checking families…'. */
  phase(message: string): void;
  stop(): void;
}

const SPINNER = ['|', '/', '-', '\\'];
const REDRAW_MILLISECONDS = 100;
const PLAIN_LINE_MILLISECONDS = 2000;

/**
 * On a terminal, a bar when the total is known, else a turning counter (a bar without a total is full from 0);
 * plain occasional lines when output goes to a file or CI log.
 */
export function createProgress(label: string, total?: number): Progress {
  if (process.stderr.isTTY && total) return createBar(label, total);
  if (process.stderr.isTTY) return createCounter(label);
  let lastPrinted = 0;
  return {
    update: (value: number, unit = '') => {
      if (Date.now() - lastPrinted > PLAIN_LINE_MILLISECONDS) {
        lastPrinted = Date.now();
        process.stderr.write(`${label}: ${value}${total ? `/${total}` : ''} ${unit}\n`);
      }
    },
    phase: (message: string) => {
      process.stderr.write(`${message}\n`);
    },
    stop: () => {},
  };
}

function createBar(label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {unit}`,
      hideCursor: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { unit: '' });
  let running = true;
  const stop = () => {
    if (running) bar.stop();
    running = false;
  };
  return {
    update: (value: number, unit = '') => {
      if (running) bar.update(value, { unit });
    },
    phase: (message: string) => {
      stop();
      process.stderr.write(`${message}\n`);
    },
    stop,
  };
}

function createCounter(label: string): Progress {
  let value = 0;
  let unit = '';
  let turn = 0;
  let lastDrawn = 0;
  let shown = false;
  let running = true;
  const draw = () => {
    lastDrawn = Date.now();
    shown = true;
    // \r and erase-to-end: the line is rewritten in place.
    process.stderr.write(
      `\r${SPINNER[turn++ % SPINNER.length]} ${label}: ${value.toLocaleString('en')} ${unit}\x1b[K`,
    );
  };
  const stop = () => {
    if (running && shown) {
      draw();
      process.stderr.write('\n');
    }
    running = false;
  };
  return {
    update: (next: number, nextUnit = '') => {
      value = next;
      unit = nextUnit;
      if (running && Date.now() - lastDrawn >= REDRAW_MILLISECONDS) draw();
    },
    phase: (message: string) => {
      stop();
      process.stderr.write(`${message}\n`);
    },
    stop,
  };
}
