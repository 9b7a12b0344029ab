import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from './errors';
import { parseInput } from './validation';

const schema = z.object({ memo: z.string(), lines: z.array(z.object({ description: z.string().optional() })), page: z.number() });

function fieldErrors(input: unknown): { field: string; message: string }[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (isAppError(error) && error.code === 'validation_failed') return error.fieldErrors;
    throw error;
  }
  return [];
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(schema, { memo: 'Rent', lines: [{ description: 'Łódź' }], page: 1 })).toEqual({
      memo: 'Rent',
      lines: [{ description: 'Łódź' }],
      page: 1,
    });
  });

  it('refuses a NUL character in any string, naming each field (PostgreSQL text cannot hold one)', () => {
    expect(fieldErrors({ memo: 'a\u0000b', lines: [{}, { description: '\u0000' }], page: 1 })).toEqual([
      { field: 'memo', message: 'Must not contain a NUL character' },
      { field: 'lines.1.description', message: 'Must not contain a NUL character' },
    ]);
  });

  it('refuses a lone UTF-16 surrogate (valid in JSON, not storable: Prisma failed with a 500; found by the API fuzz, seed 4)', () => {
    expect(fieldErrors({ memo: '\udfff\ud800', lines: [{ description: 'ok 🧾' }, { description: 'x\ud800' }], page: 1 })).toEqual([
      { field: 'memo', message: 'Must be valid Unicode text (a lone surrogate was sent)' },
      { field: 'lines.1.description', message: 'Must be valid Unicode text (a lone surrogate was sent)' },
    ]);
  });

  it('reports schema failures as field errors', () => {
    expect(fieldErrors({ memo: 1, lines: [], page: 1 })).toEqual([{ field: 'memo', message: expect.any(String) as string }]);
  });
});
