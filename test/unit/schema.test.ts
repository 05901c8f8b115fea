import { describe, expect, it } from 'vitest';
import { closest, formatIssues, parseSize, s, type Issue, type Schema } from '../../core/schema.js';

function check<T>(schema: Schema<T>, value: unknown): { value: T; issues: Issue[] } {
  const issues: Issue[] = [];
  return { value: schema.check(value, 'opt', issues), issues };
}
const messages = <T>(schema: Schema<T>, value: unknown) => check(schema, value).issues.map((i) => `${i.path} ${i.message}`);

describe('schema builders', () => {
  it('string: type, pattern with its hint, maxLength', () => {
    const schema = s.string({ pattern: /^[a-z]+$/, patternHint: 'lowercase letters', maxLength: 4 });
    expect(messages(schema, 'abc')).toEqual([]);
    expect(messages(schema, 5)).toEqual(['opt must be a string, got number 5']);
    expect(messages(schema, 'AB')).toEqual(['opt "AB" is not lowercase letters']);
    expect(messages(schema, 'abcde')).toEqual(['opt must be at most 4 characters']);
  });

  it('number: type, integer, bounds', () => {
    const schema = s.number({ min: 1, max: 10, integer: true });
    expect(messages(schema, 3)).toEqual([]);
    expect(messages(schema, '3')).toEqual(['opt must be a number, got "3"']);
    expect(messages(schema, NaN)).toEqual(['opt must be a number, got number NaN']);
    expect(messages(schema, 1.5)).toEqual(['opt must be a whole number, got 1.5']);
    expect(messages(schema, 0)).toEqual(['opt must be at least 1, got 0']);
    expect(messages(schema, 11)).toEqual(['opt must be at most 10, got 11']);
  });

  it('boolean, oneOf', () => {
    expect(messages(s.boolean(), 'yes')).toEqual(['opt must be true or false, got "yes"']);
    expect(messages(s.boolean(), false)).toEqual([]);
    expect(messages(s.oneOf(['ext4', 'ext3']), 'xfs')).toEqual(['opt must be one of "ext4", "ext3", got "xfs"']);
    expect(messages(s.oneOf(['ext4', 'ext3']), 'ext3')).toEqual([]);
  });

  it('array: type, item paths, maxItems', () => {
    const schema = s.array(s.string(), { maxItems: 2 });
    expect(messages(schema, 'a')).toEqual(['opt must be an array, got "a"']);
    expect(messages(schema, ['a', 1])).toEqual(['opt[1] must be a string, got number 1']);
    expect(messages(schema, ['a', 'b', 'c'])).toEqual(['opt must have at most 2 items']);
  });

  it('record: values checked, keys by pattern', () => {
    const schema = s.record(s.string(), { keyPattern: /^[A-Z_]+$/ });
    expect(check(schema, { A: 'x' }).value).toEqual({ A: 'x' });
    expect(messages(schema, { a: 'x', B: 2 })).toEqual(['opt.a key "a" is not allowed', 'opt.B must be a string, got number 2']);
    expect(messages(schema, [])).toEqual(['opt must be an object, got an array']);
  });

  it('record: a __proto__ key stays an ordinary key', () => {
    const { value } = check(s.record(s.string()), JSON.parse('{"__proto__": "x", "A": "y"}'));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'A']);
  });

  it('object: collects every issue with its path, not only the first', () => {
    const schema = s.object({ a: s.string(), b: s.object({ c: s.number() }) });
    expect(messages(schema, { a: 1, b: { c: 'x' } })).toEqual(['opt.a must be a string, got number 1', 'opt.b.c must be a number, got "x"']);
    expect(messages(schema, null)).toEqual(['opt must be an object, got null']);
  });

  it('object: unknown keys are refused with a did-you-mean, or the list of known keys', () => {
    const schema = s.object({ memory: s.optional(s.string()), kernel: s.optional(s.string()) });
    expect(messages(schema, { memroy: '1G' })).toEqual(['opt.memroy is not a known option (did you mean "memory"?)']);
    expect(messages(schema, { zzz: 1 })).toEqual(['opt.zzz is not a known option (known: memory, kernel)']);
    expect(messages(s.object({}), { a: 1 })).toEqual(['opt.a is not a known option (it takes no options)']);
  });

  it('object: inherited names such as constructor or __proto__ are unknown keys too', () => {
    const schema = s.object({ a: s.optional(s.string()) });
    const value = JSON.parse('{"constructor": 1, "toString": 2, "__proto__": {"a": 3}}');
    expect(messages(schema, value)).toEqual([
      'opt.constructor is not a known option (known: a)',
      'opt.toString is not a known option (known: a)',
      'opt.__proto__ is not a known option (known: a)',
    ]);
  });

  it('object keys that are not identifiers are quoted in paths', () => {
    expect(messages(s.object({}), { 'a b': 1 })).toEqual(['opt["a b"] is not a known option (it takes no options)']);
  });
});

describe('defaults and optional', () => {
  it('default fills missing and undefined values, and checks given ones', () => {
    const schema = s.object({ size: s.default(s.size(), '10G'), tags: s.default(s.array(s.string()), []) });
    expect(check(schema, {}).value).toEqual({ size: '10G', tags: [] });
    expect(check(schema, { size: undefined }).value).toEqual({ size: '10G', tags: [] });
    expect(messages(schema, { size: 'big' })[0]).toMatch(/^opt\.size "big" is not a size/);
  });

  it('a default array or object is a fresh copy each time', () => {
    const schema = s.default(s.array(s.string()), ['a']);
    const first = check(schema, undefined).value;
    first.push('b');
    expect(check(schema, undefined).value).toEqual(['a']);
  });

  it('optional accepts missing, checks present, and leaves the key out', () => {
    const schema = s.object({ init: s.optional(s.string()) });
    expect(check(schema, {}).value).toEqual({});
    expect('init' in check(schema, {}).value).toBe(false);
    expect(messages(schema, { init: 3 })).toEqual(['opt.init must be a string, got number 3']);
    expect(check(schema, {}).issues).toEqual([]);
  });

  it('a key without default or optional is required', () => {
    expect(messages(s.object({ a: s.string() }), {})).toEqual(['opt.a is required']);
    expect(messages(s.string(), undefined)).toEqual(['opt must be a string, got nothing']);
  });
});

describe('sizes', () => {
  const schema = s.size({ min: '32M', max: '2T' });

  it('parses K, M, G, T in powers of two', () => {
    expect(parseSize('512')).toBe(512);
    expect(parseSize('1K')).toBe(1024);
    expect(parseSize('64M')).toBe(64 * 2 ** 20);
    expect(parseSize('10G')).toBe(10 * 2 ** 30);
    expect(parseSize('2T')).toBe(2 * 2 ** 40);
    expect(() => parseSize('x')).toThrow(/not a size/);
  });

  it.each(['0', '0G', '10X', '-1G', '1.5G', '10g', ' 10G', '10 G', '', 'lots'])('refuses %j as not a size', (text) => {
    expect(messages(schema, text)).toEqual([`opt "${text}" is not a size like 512M or 10G (units K, M, G, T)`]);
  });

  it('enforces the bounds inclusively', () => {
    expect(messages(schema, '32M')).toEqual([]);
    expect(messages(schema, '2T')).toEqual([]);
    expect(messages(schema, '1M')).toEqual(['opt "1M" is too small: at least 32M']);
    expect(messages(schema, '99999T')).toEqual(['opt "99999T" is too large: at most 2T']);
    expect(messages(schema, '2049G')).toEqual(['opt "2049G" is too large: at most 2T']);
  });

  it('refuses numbers: a size needs its unit written', () => {
    expect(messages(schema, 1024)).toEqual(['opt must be a string, got number 1024']);
  });
});

describe('JSON Schema output', () => {
  it('describes types, patterns, bounds, enums, defaults, required and additionalProperties', () => {
    const schema = s.object({
      name: s.string({ pattern: /^[a-z]+$/, maxLength: 8, description: 'A name.' }),
      count: s.default(s.number({ min: 1, max: 9, integer: true }), 2),
      mode: s.optional(s.oneOf(['a', 'b'])),
      size: s.default(s.size(), '1G'),
      list: s.default(s.array(s.boolean()), []),
      env: s.optional(s.record(s.string())),
    });
    expect(schema.json).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$', maxLength: 8, description: 'A name.' },
        count: { type: 'integer', minimum: 1, maximum: 9, default: 2 },
        mode: { enum: ['a', 'b'] },
        size: { type: 'string', pattern: '^[1-9][0-9]{0,12}[KMGT]?$', default: '1G' },
        list: { type: 'array', items: { type: 'boolean' }, default: [] },
        env: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['name'],
      additionalProperties: false,
    });
  });

  it('every object schema is serialisable JSON', () => {
    const json = s.object({ a: s.default(s.string(), 'x') }).json;
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('messages', () => {
  it('formatIssues joins path and message, (root) for the top', () => {
    expect(formatIssues([{ path: '', message: 'must be an object' }, { path: 'a.b', message: 'is bad' }])).toBe('(root) must be an object; a.b is bad');
  });

  it('closest suggests near typos only', () => {
    expect(closest('bsae', ['base', 'deluge'])).toBe('base');
    expect(closest('MEM', ['mem', 'kernel'])).toBe('mem');
    expect(closest('zzzzzz', ['base', 'deluge'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });
});
