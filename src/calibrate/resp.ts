// RESP2, the wire format of Redis: enough to send commands and read every reply type. Hand-written so
// the suite needs no client library and can see raw errors such as NOREPLICAS as values.

export class RespError {
  constructor(readonly message: string) {}
  /** First word of the error, e.g. NOREPLICAS, LOADING. */
  get code(): string {
    return this.message.split(' ', 1)[0];
  }
}

export type RespReply = string | number | null | RespError | RespReply[];

export function encodeCommand(args: (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b = Buffer.from(String(a));
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Incremental parser: feed chunks as they arrive, take out each complete reply in order. */
export class RespParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;

  push(chunk: Buffer): RespReply[] {
    this.buf = this.pos < this.buf.length ? Buffer.concat([this.buf.subarray(this.pos), chunk]) : chunk;
    this.pos = 0;
    const out: RespReply[] = [];
    for (;;) {
      const r = this.parseAt(this.pos);
      if (r === undefined) break;
      out.push(r.value);
      this.pos = r.next;
    }
    return out;
  }

  /** A reply starting at `at`, or undefined while it is still incomplete. */
  private parseAt(at: number): { value: RespReply; next: number } | undefined {
    const eol = this.buf.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const type = String.fromCharCode(this.buf[at]);
    const line = this.buf.toString('utf8', at + 1, eol);
    const after = eol + 2;
    switch (type) {
      case '+':
        return { value: line, next: after };
      case '-':
        return { value: new RespError(line), next: after };
      case ':':
        return { value: Number(line), next: after };
      case '$': {
        const len = Number(line);
        if (len < 0) return { value: null, next: after };
        if (this.buf.length < after + len + 2) return undefined;
        return { value: this.buf.toString('utf8', after, after + len), next: after + len + 2 };
      }
      case '*': {
        const n = Number(line);
        if (n < 0) return { value: null, next: after };
        const items: RespReply[] = [];
        let next = after;
        for (let i = 0; i < n; i++) {
          const r = this.parseAt(next);
          if (r === undefined) return undefined;
          items.push(r.value);
          next = r.next;
        }
        return { value: items, next };
      }
      default:
        throw new Error(`RESP: unexpected type byte ${JSON.stringify(type)}`);
    }
  }
}
