import { describe, expect, it } from 'vitest';
import { secretTokenMatches } from '../../../../lib/runtime/lambda/telegram/secretTokenMatches.js';

describe('Function: secretTokenMatches', () => {
  it('accepts the exact token only', () => {
    expect(secretTokenMatches('abc_DEF-123', 'abc_DEF-123')).toBe(true);
    expect(secretTokenMatches('abc_DEF-124', 'abc_DEF-123')).toBe(false);
    expect(secretTokenMatches('abc_DEF-1234', 'abc_DEF-123')).toBe(false);
    expect(secretTokenMatches('', 'abc_DEF-123')).toBe(false);
  });

  it('refuses everything when no token is configured or none is given', () => {
    expect(secretTokenMatches(undefined, 'abc')).toBe(false);
    expect(secretTokenMatches('abc', undefined)).toBe(false);
    expect(secretTokenMatches('', '')).toBe(false);
  });
});
