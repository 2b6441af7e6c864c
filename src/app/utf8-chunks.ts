// A long text read as UTF-8 a window at a time, in one small reused buffer: the bytes from a kept offset on stay,
// more text is encoded after them.

/** Bytes a window may carry over from the last one (a line waiting for its end, a counter cut in two). */
const CARRY = 4096;

// ES2024 String methods (Node 20 has them; the project's lib is ES2023).
type WellFormed = string & { isWellFormed(): boolean };

/** True when `text` has no lone surrogate, so its UTF-8 bytes say exactly which text it is. */
export function isWellFormed(text: string): boolean {
  return (text as WellFormed).isWellFormed();
}

/** Windows of one text's UTF-8 bytes: buf[0, valid) holds bytes [base, base + valid) of the whole. */
export class Utf8Chunks {
  readonly buf: Buffer;
  /** buf as a plain byte array, and as a DataView (for word stores): the same memory. */
  readonly bytes: Uint8Array;
  readonly view: DataView;
  base = 0;
  valid = 0;
  private text = "";
  private next = 0;

  /** `chunk`: UTF-16 units encoded per window (a byte buffer of about three times that is kept). */
  constructor(private readonly chunk: number) {
    this.buf = Buffer.allocUnsafeSlow(CARRY + 3 * chunk);
    this.bytes = new Uint8Array(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** Starts reading `text` (well-formed: see isWellFormed); the first window is read by more(0). */
  start(text: string): void {
    this.text = text;
    this.next = 0;
    this.base = 0;
    this.valid = 0;
  }

  /** Lets go of the text (a poll's whole dump), so that it is not kept alive until the next start. */
  stop(): void {
    this.text = "";
    this.next = 0;
  }

  /** All of the text is in the windows read so far. */
  get done(): boolean {
    return this.next >= this.text.length;
  }

  /** Drops the bytes before offset `keep` and reads more text after the rest; false when too much is kept. */
  more(keep: number): boolean {
    const carry = this.base + this.valid - keep;
    if (carry > CARRY || carry < 0) return false;
    this.buf.copyWithin(0, keep - this.base, this.valid);
    this.base = keep;
    let end = Math.min(this.text.length, this.next + this.chunk);
    // a surrogate pair stays whole (the text is well-formed: a high surrogate has its low one next)
    const last = this.text.charCodeAt(end - 1);
    if (end < this.text.length && last >= 0xd800 && last <= 0xdbff) end += end - 1 > this.next ? -1 : 1;
    this.valid = carry + this.buf.write(this.text.slice(this.next, end), carry, "utf8");
    this.next = end;
    return true;
  }
}
