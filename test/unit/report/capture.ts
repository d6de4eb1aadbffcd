// A Writable that keeps what was written, for reporter tests.
import { Writable } from 'node:stream';

export class Capture extends Writable {
  text = '';
  isTTY = false;
  columns: number | undefined;
  constructor(opts: { tty?: boolean; columns?: number } = {}) {
    super();
    this.isTTY = opts.tty === true;
    this.columns = opts.columns;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}
