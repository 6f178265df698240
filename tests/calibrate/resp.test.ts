import { describe, expect, it } from 'vitest';
import { encodeCommand, RespError, RespParser } from '../../src/calibrate/resp';

describe('RESP', () => {
  it('encodes a command as an array of bulk strings', () => {
    expect(encodeCommand(['SET', 'k', 12]).toString()).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n12\r\n');
  });

  it('parses every reply type, including nested arrays and nulls', () => {
    const p = new RespParser();
    const out = p.push(Buffer.from('+OK\r\n-NOREPLICAS Not enough good replicas\r\n:42\r\n$3\r\nabc\r\n$-1\r\n*2\r\n$1\r\nx\r\n*1\r\n:1\r\n'));
    expect(out.slice(0, 1)).toEqual(['OK']);
    expect(out[1]).toBeInstanceOf(RespError);
    expect((out[1] as RespError).code).toBe('NOREPLICAS');
    expect(out.slice(2)).toEqual([42, 'abc', null, ['x', [1]]]);
  });

  it('waits for the rest of a reply split across chunks, byte by byte', () => {
    const p = new RespParser();
    const wire = Buffer.from('*2\r\n$5\r\nhello\r\n$-1\r\n+PONG\r\n');
    const got = [];
    for (const b of wire) got.push(...p.push(Buffer.from([b])));
    expect(got).toEqual([['hello', null], 'PONG']);
  });

  it('counts bulk string length in bytes, not characters', () => {
    const p = new RespParser();
    expect(p.push(Buffer.from('$2\r\né\r\n'))).toEqual(['é']);
  });
});
