/**
 * Output helpers: JSON with bigints as decimal strings, and a progress line on stderr (an animated spinner
 * on a terminal, plain lines otherwise) that shows the transaction hash while a receipt is awaited.
 */

/** JSON with bigints as decimal strings, two-space indented: the stable `--json` shape. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export type Progress = {
  /** Replaces the text of the progress line. */
  update(text: string): void;
  /** The transaction is sent: show its hash while the receipt is awaited. */
  sent(hash: string): void;
  /** Ends the line with a final message (✓ on success). */
  done(text: string): void;
  /** Clears the line without a message (on failure: the error line follows). */
  fail(): void;
};

/**
 * A progress line on stderr. On a TTY it animates in place; otherwise (pipes, CI, tests) it writes one line
 * per step, so logs still show the transaction hash.
 */
export function progress(text: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY) && process.env.CI === undefined;
  let current = text;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const render = () => {
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  };
  if (tty) {
    render();
    timer = setInterval(render, 80);
  } else {
    stream.write(`… ${current}\n`);
  }
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    if (tty) stream.write("\r\x1b[2K");
  };
  return {
    update(next) {
      current = next;
      if (!tty) stream.write(`… ${current}\n`);
    },
    sent(hash) {
      this.update(`${text}: tx ${hash}, waiting for the receipt`);
    },
    done(message) {
      stop();
      stream.write(`✓ ${message}\n`);
    },
    fail() {
      stop();
    },
  };
}

/** Prints `human()` for people, or `data` as JSON with `--json`. */
export function output(flags: { json: boolean }, human: () => string, data: unknown): void {
  process.stdout.write(`${flags.json ? toJson(data) : human()}\n`);
}
