// Moving sound to another output device: the graph's AudioContext (Chromium 110+) and the elements played
// around the graph each take the device by setSinkId, where they have it; nothing restarts.

/** Something that can play on a chosen device: an AudioContext or a media element, where supported. */
interface SinkTarget {
  setSinkId?: (sinkId: string) => Promise<void>;
}

/** 'moved' when every target took the device, 'unsupported' when one cannot choose, 'failed' when one refused. */
export type SinkResult = 'moved' | 'unsupported' | 'failed';

/** Whether this window can play on a chosen device: media elements and (where there is Web Audio) the context. */
export function sinkSupported(scope: typeof globalThis = globalThis): boolean {
  const elements =
    typeof scope.HTMLMediaElement === 'function' && 'setSinkId' in scope.HTMLMediaElement.prototype;
  const context = typeof scope.AudioContext !== 'function' || 'setSinkId' in scope.AudioContext.prototype;
  return elements && context;
}

/** Puts every target on `deviceId` ('' = the system default). */
export async function moveSink(targets: Iterable<object>, deviceId: string): Promise<SinkResult> {
  const moves = [...targets].map(async (target): Promise<SinkResult> => {
    const { setSinkId } = target as SinkTarget;
    if (typeof setSinkId !== 'function') return 'unsupported';
    try {
      await setSinkId.call(target, deviceId);
      return 'moved';
    } catch (error) {
      console.warn('audio: the output device cannot be used', error);
      return 'failed';
    }
  });
  const results = await Promise.all(moves);
  if (results.includes('failed')) return 'failed';
  return results.includes('unsupported') ? 'unsupported' : 'moved';
}
