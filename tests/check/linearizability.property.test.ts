import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkKeys } from '../../src/check/linearizability';
import { HistoryBuilder, keyed } from './history-builder';

type Step = { kind: 'set'; v: number } | { kind: 'incr' } | { kind: 'get' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), v: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('incr' as const) }),
  fc.record({ kind: fc.constant('get' as const) }),
);

/** Runs the steps against a plain register; returns what each step replied. */
function execute(steps: readonly Step[], applied: (i: number) => boolean = () => true): (string | number | null)[] {
  let value: string | null = null;
  return steps.map((s, i) => {
    if (!applied(i)) return null;
    if (s.kind === 'set') value = String(s.v);
    else if (s.kind === 'incr') value = String(Number(value ?? '0') + 1);
    if (s.kind === 'incr') return Number(value);
    return value;
  });
}

function record(h: HistoryBuilder, id: number, s: Step, reply: string | number | null, t0: number, t1: number): void {
  if (s.kind === 'set') h.set(id, 'r', String(s.v), t0, t1);
  else if (s.kind === 'incr') h.incr(id, 'r', reply as number, t0, t1);
  else h.get(id, 'r', reply, t0, t1);
}

const sequential = fc
  .array(fc.tuple(step, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 60 })
  .filter((xs) => xs.some(([s]) => s.kind === 'get'));

describe('linearizability properties', () => {
  it('accepts every sequential history of a register, and rejects it once a read returns a value never written', () => {
    fc.assert(
      fc.property(sequential, fc.nat(), (xs, pick) => {
        const steps = xs.map(([s]) => s);
        const replies = execute(steps);
        const build = (flip: number | null) => {
          const h = new HistoryBuilder();
          let t = 0;
          xs.forEach(([s, duration, gap], i) => {
            record(h, i + 1, s, i === flip ? 'never-written' : replies[i], t, t + duration);
            t += duration + gap;
          });
          return h.events;
        };
        expect(checkKeys(keyed(build(null)))).toEqual({ status: 'linearizable', keysChecked: 1 });
        const reads = steps.flatMap((s, i) => (s.kind === 'get' ? [i] : []));
        const flip = reads[pick % reads.length];
        const verdict = checkKeys(keyed(build(flip)));
        expect(verdict.status).toBe('violation');
        if (verdict.status === 'violation') expect(verdict.ops).toContain(flip + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('accepts overlapping histories built around real linearization points, with some writes left unknown', () => {
    const op = fc.record({
      step,
      before: fc.integer({ min: 0, max: 4_000 }),
      after: fc.integer({ min: 0, max: 4_000 }),
      // 0: acknowledged; 1: timed out but applied; 2: timed out and never applied; 3: no reply before the end.
      fate: fc.constantFrom(0, 0, 0, 1, 2, 3),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const steps = ops.map((o) => o.step);
        const writeFate = (i: number) => (steps[i].kind === 'get' ? 0 : ops[i].fate);
        const replies = execute(steps, (i) => writeFate(i) !== 2);
        const h = new HistoryBuilder();
        ops.forEach((o, i) => {
          const point = (i + 1) * 1_000;
          const t0 = point - o.before;
          const t1 = point + o.after;
          const fate = writeFate(i);
          if (fate === 0) record(h, i + 1, o.step, replies[i], t0, t1);
          else {
            h.invoke(i + 1, t0, o.step.kind === 'set' ? 'SET' : 'INCR', 'r', o.step.kind === 'set' ? { arg: String(o.step.v) } : {});
            if (fate !== 3) h.info(i + 1, t1);
          }
        });
        expect(checkKeys(keyed(h.events))).toEqual({ status: 'linearizable', keysChecked: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with a brute-force search on small random histories', () => {
    const op = fc.record({
      cmd: fc.constantFrom('SET' as const, 'INCR' as const, 'GET' as const),
      v: fc.constantFrom('1', '2', 'x', 'y'),
      reply: fc.constantFrom<string | number | null>(null, '1', '2', 'x', 1, 2, 3),
      t0: fc.integer({ min: 0, max: 20 }),
      len: fc.integer({ min: 0, max: 8 }),
      fate: fc.constantFrom('ok', 'ok', 'ok', 'info', 'fail', 'none'),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 7 }), (ops) => {
        const h = new HistoryBuilder();
        ops.forEach((o, i) => {
          h.invoke(i + 1, o.t0, o.cmd, 'r', o.cmd === 'SET' ? { arg: o.v } : {});
          if (o.fate === 'ok') h.ok(i + 1, o.t0 + o.len, o.cmd === 'SET' ? {} : { value: o.reply });
          else if (o.fate === 'info') h.info(i + 1, o.t0 + o.len);
          else if (o.fate === 'fail') h.fail(i + 1, o.t0 + o.len);
        });
        const expected = bruteForce(ops);
        expect(checkKeys(keyed(h.events)).status).toBe(expected ? 'linearizable' : 'violation');
      }),
      { numRuns: 3_000 },
    );
  });
});

interface SmallOp {
  cmd: 'SET' | 'INCR' | 'GET';
  v: string;
  reply: string | number | null;
  t0: number;
  len: number;
  fate: string;
}

/** Tries every order (and every subset of the unknown writes), straight from the definition. */
function bruteForce(all: readonly SmallOp[]): boolean {
  const ops = all.filter((o) => o.fate !== 'fail' && !(o.cmd === 'GET' && o.fate !== 'ok'));
  const end = (o: SmallOp) => (o.fate === 'ok' ? o.t0 + o.len : Infinity);
  const used = ops.map(() => false);
  const search = (value: string | null, placed: number): boolean => {
    if (ops.every((o, i) => used[i] || o.fate !== 'ok')) return true;
    for (let i = 0; i < ops.length; i++) {
      if (used[i]) continue;
      const o = ops[i];
      // Everything that finished before this one started must already be placed.
      if (ops.some((p, j) => !used[j] && j !== i && end(p) < o.t0)) continue;
      let next: string | null = value;
      if (o.cmd === 'SET') next = o.v;
      else if (o.cmd === 'INCR') {
        if (value !== null && !/^-?\d+$/.test(value)) continue;
        next = String(Number(value ?? 0) + 1);
        if (o.fate === 'ok' && String(o.reply) !== next) continue;
      } else if ((o.reply === null ? null : String(o.reply)) !== value) continue;
      used[i] = true;
      if (search(next, placed + 1)) return true;
      used[i] = false;
    }
    return false;
  };
  return search(null, 0);
}
