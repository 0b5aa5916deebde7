// A fake of the part of Web Audio the sound's graph uses (jsdom has none): nodes record what they are
// connected to, and parameters record their automation, so tests read the graph's wiring and its ramps.

export type Automation =
  | { kind: 'set'; value: number; at: number }
  | { kind: 'ramp'; value: number; at: number }
  | { kind: 'target'; value: number; at: number; timeConstant: number }
  | { kind: 'curve'; value: number; at: number; seconds: number }
  | { kind: 'cancel'; at: number };

export class FakeParam {
  value: number;
  readonly automation: Automation[] = [];
  private readonly initial: number;
  constructor(value: number) {
    this.value = value;
    this.initial = value;
  }
  /**
   * The value at `time` by Web Audio's rules for the sets and linear ramps kept on the timeline (a cancel
   * drops the events at or after its time that were scheduled before it); other events are not followed.
   */
  valueAt(time: number): number {
    let events: Array<{ kind: 'set' | 'ramp'; value: number; at: number }> = [];
    for (const a of this.automation) {
      if (a.kind === 'cancel') events = events.filter((e) => e.at < a.at);
      else if (a.kind === 'set' || a.kind === 'ramp') events.push({ kind: a.kind, value: a.value, at: a.at });
    }
    events.sort((a, b) => a.at - b.at);
    let [value, from] = [this.initial, 0];
    for (const event of events) {
      if (event.at <= time) {
        [value, from] = [event.value, event.at];
        continue;
      }
      if (event.kind === 'ramp') return value + ((event.value - value) * (time - from)) / (event.at - from);
      break;
    }
    return value;
  }
  setValueAtTime(value: number, at: number): this {
    this.automation.push({ kind: 'set', value, at });
    this.value = value;
    return this;
  }
  linearRampToValueAtTime(value: number, at: number): this {
    this.automation.push({ kind: 'ramp', value, at });
    return this;
  }
  setTargetAtTime(value: number, at: number, timeConstant: number): this {
    this.automation.push({ kind: 'target', value, at, timeConstant });
    return this;
  }
  /** Recorded by the value the curve ends at. */
  setValueCurveAtTime(values: ArrayLike<number>, at: number, seconds: number): this {
    this.automation.push({ kind: 'curve', value: values[values.length - 1] ?? this.value, at, seconds });
    return this;
  }
  cancelScheduledValues(at: number): this {
    this.automation.push({ kind: 'cancel', at });
    return this;
  }
}

export class FakeNode {
  channelCount = 2;
  channelCountMode: ChannelCountMode = 'max';
  channelInterpretation: ChannelInterpretation = 'speakers';
  readonly outputs = new Set<FakeNode>();
  /** The inputs of each node this one feeds (a node of several inputs tells its sources apart by them). */
  readonly inputsFed = new Map<FakeNode, Set<number>>();
  constructor(
    readonly kind: string,
    readonly context: FakeAudioContext,
  ) {}
  connect(to: FakeNode, _output = 0, input = 0): FakeNode {
    this.outputs.add(to);
    this.inputsFed.set(to, (this.inputsFed.get(to) ?? new Set()).add(input));
    return to;
  }
  /** As Web Audio's: without a node, every link goes; with one, every link to it. */
  disconnect(to?: FakeNode): void {
    if (to === undefined) {
      this.outputs.clear();
      this.inputsFed.clear();
    } else {
      this.outputs.delete(to);
      this.inputsFed.delete(to);
    }
  }
}

export class FakeGain extends FakeNode {
  readonly gain = new FakeParam(1);
}

export class FakeDelay extends FakeNode {
  readonly delayTime = new FakeParam(0);
  constructor(
    context: FakeAudioContext,
    readonly maxDelayTime: number,
  ) {
    super('delay', context);
  }
}

export class FakeCompressor extends FakeNode {
  readonly threshold = new FakeParam(-24);
  readonly knee = new FakeParam(30);
  readonly ratio = new FakeParam(12);
  readonly attack = new FakeParam(0.003);
  readonly release = new FakeParam(0.25);
}

export class FakeBiquad extends FakeNode {
  type: BiquadFilterType = 'lowpass';
  readonly frequency = new FakeParam(350);
  readonly Q = new FakeParam(1);
  readonly gain = new FakeParam(0);
}

export class FakeSource extends FakeNode {
  constructor(
    context: FakeAudioContext,
    readonly element: HTMLMediaElement,
  ) {
    super('source', context);
  }
}

export class FakeSplitter extends FakeNode {
  constructor(
    context: FakeAudioContext,
    readonly outputCount: number,
  ) {
    super('splitter', context);
  }
}

/** An analyser whose window holds what `signal` gives for each frame rendered so far (silence by default). */
export class FakeAnalyser extends FakeNode {
  fftSize = 2048;
  signal: (frame: number) => number = () => 0;
  getFloatTimeDomainData(window: Float32Array): void {
    const end = Math.round(this.context.currentTime * this.context.sampleRate);
    const length = Math.min(window.length, this.fftSize);
    for (let i = 0; i < length; i++) window[i] = this.signal(end - length + i);
  }
}

export class FakeAudioContext {
  currentTime = 0;
  readonly sampleRate = 48_000;
  state: 'running' | 'suspended' = 'running';
  resumed = 0;
  readonly destination = new FakeNode('destination', this);
  readonly sources: FakeSource[] = [];
  readonly gains: FakeGain[] = [];
  readonly compressors: FakeCompressor[] = [];
  readonly biquads: FakeBiquad[] = [];
  readonly analysers: FakeAnalyser[] = [];
  createGain(): FakeGain {
    const node = new FakeGain('gain', this);
    this.gains.push(node);
    return node;
  }
  createDynamicsCompressor(): FakeCompressor {
    const node = new FakeCompressor('compressor', this);
    this.compressors.push(node);
    return node;
  }
  createBiquadFilter(): FakeBiquad {
    const node = new FakeBiquad('biquad', this);
    this.biquads.push(node);
    return node;
  }
  createChannelSplitter(outputs = 6): FakeSplitter {
    return new FakeSplitter(this, outputs);
  }
  createAnalyser(): FakeAnalyser {
    const node = new FakeAnalyser('analyser', this);
    this.analysers.push(node);
    return node;
  }
  createMediaElementSource(element: HTMLMediaElement): FakeSource {
    if (this.sources.some((s) => s.element === element)) {
      throw new Error('InvalidStateError: the element is already connected to a source node');
    }
    const node = new FakeSource(this, element);
    this.sources.push(node);
    return node;
  }
  resume(): Promise<void> {
    this.resumed += 1;
    this.state = 'running';
    return Promise.resolve();
  }
  /** Each path's delay (renderer's channel.ts), at `maxDelayTime` seconds at most. */
  createDelay(maxDelayTime = 1): FakeDelay {
    return new FakeDelay(this, maxDelayTime);
  }
}

/** Whether `from`'s sound reaches input `input` of `node` (through other nodes, not through `node` itself). */
export function feedsInput(from: FakeNode, node: FakeNode, input: number): boolean {
  const seen = new Set<FakeNode>();
  const walk = (at: FakeNode): boolean => {
    if (at === node || seen.has(at)) return false;
    seen.add(at);
    if (at.inputsFed.get(node)?.has(input) === true) return true;
    return [...at.outputs].some(walk);
  };
  return walk(from);
}

/** Whether `to` can be reached from `from` by following connections. */
export function reaches(from: FakeNode, to: FakeNode): boolean {
  const seen = new Set<FakeNode>();
  const walk = (node: FakeNode): boolean => {
    if (node === to) return true;
    if (seen.has(node)) return false;
    seen.add(node);
    return [...node.outputs].some(walk);
  };
  return walk(from);
}
