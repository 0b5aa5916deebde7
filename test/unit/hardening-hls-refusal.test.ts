// Covers which hls.js errors reach the engine: fatal ones, and a refused (expired) media URL at once even when
// hls.js would load it again by itself, which with a single rendition it does for about 30 s.
import { describe, expect, it } from 'vitest';
import { reportedError } from '../../renderer/src/player/hls-policy';

describe('hls.js errors the engine is told of', () => {
  it.each([401, 403, 410])('a refusal (%i) at once, fatal or not, with its status', (code) => {
    const response = { code };
    expect(reportedError({ fatal: false, details: 'fragLoadError', response })).toEqual({ httpStatus: code });
    expect(reportedError({ fatal: true, details: 'fragLoadError', response })).toEqual({ httpStatus: code });
  });

  it('a passing failure only once hls.js gives up on it', () => {
    const response = { code: 503 };
    expect(reportedError({ fatal: false, details: 'fragLoadError', response })).toBeNull();
    expect(reportedError({ fatal: true, details: 'fragLoadError', response })).toEqual({ httpStatus: 503 });
    expect(reportedError({ fatal: false, details: 'fragLoadTimeOut' })).toBeNull();
  });

  it('a fatal error without a status by its name', () => {
    expect(reportedError({ fatal: true, details: 'bufferAppendError' })).toBe('bufferAppendError');
  });
});
