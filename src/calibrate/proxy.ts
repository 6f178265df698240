// A delaying TCP proxy between a replica and its primary. On one machine, killing the primary still lets
// the kernel deliver what it had already sent, so a replication delay has to live somewhere a crash can
// destroy it: here, in this proxy's queue, which is thrown away the moment the primary's side closes.
// Primary → replica bytes wait `delayMs`; replica → primary bytes (REPLCONF ACK) pass at once. A stall
// holds both directions, as a link that carries nothing.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { DelayQueue } from './delay-queue';

/** REPLCONF ACK <offset> as RESP; the handshake's other REPLCONF commands do not match. */
const REPLCONF_ACK = /REPLCONF\r\n\$3\r\nACK\r\n/i;

interface Pair {
  down: Socket; // to the replica
  up: Socket; // to the primary
  toReplica: DelayQueue<Buffer>;
  toPrimary: DelayQueue<Buffer>;
  timer: NodeJS.Timeout | null;
}

export class DelayProxy {
  private server: Server | null = null;
  private pairs = new Set<Pair>();
  private delay: number;
  private stalled = false;
  /** Chunks thrown away because the primary died before they left. */
  droppedChunks = 0;
  /**
   * Date.now() of every REPLCONF ACK the replica sent, as it reached the proxy (a stall holds it there):
   * when the replica's replicationCron ran, which the min-replicas experiment needs to place the model's stall.
   */
  readonly replicaAcks: number[] = [];
  port = 0;

  constructor(
    private readonly primaryPort: number,
    delayMs: number,
  ) {
    this.delay = delayMs;
  }

  async listen(): Promise<number> {
    this.server = createServer((down) => this.accept(down));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : 0;
    return this.port;
  }

  private accept(down: Socket): void {
    const up = connect({ port: this.primaryPort, host: '127.0.0.1' });
    down.setNoDelay(true);
    up.setNoDelay(true);
    const pair: Pair = { down, up, toReplica: new DelayQueue(this.delay), toPrimary: new DelayQueue(0), timer: null };
    if (this.stalled) {
      pair.toReplica.stall();
      pair.toPrimary.stall();
    }
    this.pairs.add(pair);
    up.on('data', (c) => {
      pair.toReplica.push(c, Date.now());
      this.pump(pair);
    });
    down.on('data', (c) => {
      if (REPLCONF_ACK.test(c.toString('latin1'))) this.replicaAcks.push(Date.now());
      pair.toPrimary.push(c, Date.now());
      this.pump(pair);
    });
    // The primary's side closing means the primary died (or went away): its undelivered bytes die with it.
    const upGone = () => {
      this.droppedChunks += pair.toReplica.discard();
      this.drop(pair);
    };
    up.on('close', upGone);
    up.on('error', upGone);
    down.on('close', () => this.drop(pair));
    down.on('error', () => this.drop(pair));
  }

  private drop(pair: Pair): void {
    if (pair.timer) clearTimeout(pair.timer);
    pair.timer = null;
    pair.toReplica.discard();
    pair.toPrimary.discard();
    pair.up.destroy();
    pair.down.destroy();
    this.pairs.delete(pair);
  }

  /** Forward whatever is due and wake up again when the next chunk is. */
  private pump(pair: Pair): void {
    if (!this.pairs.has(pair)) return;
    const now = Date.now();
    for (const c of pair.toReplica.takeDue(now)) pair.down.write(c);
    for (const c of pair.toPrimary.takeDue(now)) pair.up.write(c);
    const next = [pair.toReplica.nextDueAt(), pair.toPrimary.nextDueAt()].filter((x): x is number => x !== null);
    if (pair.timer) clearTimeout(pair.timer);
    pair.timer = null;
    if (next.length > 0) pair.timer = setTimeout(() => this.pump(pair), Math.max(0, Math.min(...next) - now));
  }

  setDelay(ms: number): void {
    this.delay = ms;
    for (const p of this.pairs) p.toReplica.delayMs = ms;
  }

  stall(): void {
    this.stalled = true;
    for (const p of this.pairs) {
      p.toReplica.stall();
      p.toPrimary.stall();
    }
  }

  resume(): void {
    this.stalled = false;
    const now = Date.now();
    for (const p of this.pairs) {
      p.toReplica.resume(now);
      p.toPrimary.resume(now);
      this.pump(p);
    }
  }

  /** Bytes waiting to reach the replica right now. */
  queuedToReplica(): number {
    let n = 0;
    for (const p of this.pairs) n += p.toReplica.length;
    return n;
  }

  async close(): Promise<void> {
    for (const p of [...this.pairs]) this.drop(p);
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
