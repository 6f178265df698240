// A pipelining Redis client over node:net. Replies come back in request order, so a queue of waiters is
// all the bookkeeping needed. A lost connection settles every waiting request with an error value rather
// than a rejection: the experiments count such requests as "not acknowledged".
import { connect, type Socket } from 'node:net';
import { encodeCommand, RespError, RespParser, type RespReply } from './resp';

export class RedisClient {
  private readonly parser = new RespParser();
  private readonly waiting: ((r: RespReply) => void)[] = [];
  private closed = false;

  private constructor(private readonly sock: Socket) {
    sock.setNoDelay(true);
    sock.on('data', (chunk) => {
      for (const r of this.parser.push(chunk)) this.waiting.shift()?.(r);
    });
    const fail = () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(new RespError('CONNLOST connection closed'));
    };
    sock.on('close', fail);
    sock.on('error', fail);
  }

  static open(port: number, host = '127.0.0.1'): Promise<RedisClient> {
    return new Promise((resolve, reject) => {
      const sock = connect({ port, host });
      sock.once('connect', () => {
        sock.removeListener('error', reject);
        resolve(new RedisClient(sock));
      });
      sock.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(...args: (string | number)[]): Promise<RespReply> {
    if (this.closed) return Promise.resolve(new RespError('CONNLOST connection closed'));
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.sock.write(encodeCommand(args));
    });
  }

  /** Like send, but an error reply throws: for setup commands that must work. */
  async must(...args: (string | number)[]): Promise<RespReply> {
    const r = await this.send(...args);
    if (r instanceof RespError) throw new Error(`${args.join(' ')}: ${r.message}`);
    return r;
  }

  async info(section: string): Promise<Record<string, string>> {
    const text = String(await this.must('INFO', section));
    const out: Record<string, string> = {};
    for (const line of text.split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
    }
    return out;
  }

  close(): void {
    this.closed = true;
    this.sock.destroy();
  }
}
