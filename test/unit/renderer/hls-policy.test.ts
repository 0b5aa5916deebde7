import Hls, { type LoadPolicy, type RetryConfig } from 'hls.js';
import { describe, expect, it } from 'vitest';
import { withoutRetryOnRefusal } from '../../../renderer/src/player/hls-policy';

const decide = (policy: LoadPolicy, code: number | undefined, retry: boolean): boolean => {
  const config = policy.default.errorRetry as RetryConfig;
  const response = code === undefined ? undefined : { url: 'https://cf-hls-media.sndcdn.com/media/1', code };
  return config.shouldRetry?.(config, 0, false, response, retry) ?? retry;
};

describe('hls.js retry policy', () => {
  const policy = withoutRetryOnRefusal(Hls.DefaultConfig.fragLoadPolicy);

  it.each([401, 403, 410])('never retries a refused request (%i): only a fresh grant mends it', (code) => {
    expect(decide(Hls.DefaultConfig.fragLoadPolicy, code, true)).toBe(true);
    expect(decide(policy, code, true)).toBe(false);
  });

  it('keeps hls.js’s own decision for other failures', () => {
    expect(decide(policy, 500, true)).toBe(true);
    expect(decide(policy, 503, false)).toBe(false);
    expect(decide(policy, undefined, true)).toBe(true);
  });

  it('keeps the retry counts, delays and timeouts', () => {
    const original = Hls.DefaultConfig.fragLoadPolicy.default;
    expect(policy.default.errorRetry?.maxNumRetry).toBe(original.errorRetry?.maxNumRetry);
    expect(policy.default.timeoutRetry).toEqual(original.timeoutRetry);
    expect(policy.default.maxLoadTimeMs).toBe(original.maxLoadTimeMs);
  });

  it('leaves a policy without error retries alone', () => {
    const none: LoadPolicy = { default: { ...Hls.DefaultConfig.fragLoadPolicy.default, errorRetry: null } };
    expect(withoutRetryOnRefusal(none)).toBe(none);
  });
});
