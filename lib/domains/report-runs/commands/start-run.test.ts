import { describe, expect, it } from 'vitest';
import { runFingerprint, startRunInput } from './start-run';
import { uniqueFolderNames } from '../queries/run-zip';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('runFingerprint', () => {
  it('is the same run whatever the order of organizations and types', () => {
    expect(runFingerprint('2026-10', [A, B], ['trial-balance', 'balance-sheet'], false)).toBe(
      runFingerprint('2026-10', [B, A], ['balance-sheet', 'trial-balance'], false),
    );
  });

  it('differs by period, organizations and types', () => {
    const base = runFingerprint('2026-10', [A, B], ['trial-balance'], false);
    expect(runFingerprint('2026-09', [A, B], ['trial-balance'], false)).not.toBe(base);
    expect(runFingerprint('2026-10', [A], ['trial-balance'], false)).not.toBe(base);
    expect(runFingerprint('2026-10', [A, B], ['trial-balance', 'general-ledger'], false)).not.toBe(base);
  });

  it("differs when the run closes the period first (an admin's close-first run is its own run)", () => {
    expect(runFingerprint('2026-10', [A, B], ['trial-balance'], true)).not.toBe(
      runFingerprint('2026-10', [A, B], ['trial-balance'], false),
    );
  });
});

describe('startRunInput', () => {
  it.each([
    [{ period: '2026-10' }, true],
    [{ period: '2026-10', organizationIds: [A], types: ['general-ledger'], closePeriod: true }, true],
    [{ period: '2026-13' }, false],
    [{ period: '2026-10', organizationIds: [] }, false],
    [{ period: '2026-10', organizationIds: ['not-a-uuid'] }, false],
    [{ period: '2026-10', types: ['cash-flow'] }, false],
    [{ period: '2026-10', types: [] }, false],
    [{ period: '2026-10', closePeriod: 'yes' }, false],
    [{ period: '2026-10', extra: 1 }, false],
  ])('%j → valid: %s', (input, valid) => {
    expect(startRunInput.safeParse(input).success).toBe(valid);
  });
});

describe('uniqueFolderNames', () => {
  it('gives every organization its own folder, even when a name looks like a numbered duplicate', () => {
    expect(uniqueFolderNames(['Acme', 'Acme', 'Acme (2)'])).toEqual(['Acme', 'Acme (2)', 'Acme (2) (2)']);
    expect(uniqueFolderNames(['Acme (2)', 'Acme', 'Acme'])).toEqual(['Acme (2)', 'Acme', 'Acme (3)']);
    expect(uniqueFolderNames(['ACME', 'acme'])).toEqual(['ACME', 'acme (2)']);
  });

  it('never repeats a folder, whatever the names (case-insensitive)', () => {
    const names = ['A', 'a', 'A (2)', 'a (2)', 'A', 'A (3)', 'A (2) (2)', 'B/C', 'B_C'];
    const folders = uniqueFolderNames(names).map((folder) => folder.toLowerCase());
    expect(new Set(folders).size).toBe(names.length);
  });
});
