/**
 * Where a thread's time went in a Chromium trace recorded with the category
 * `disabled-by-default-v8.cpu_profiler`: the sampled functions with the most self time and the
 * most inclusive time, per thread. For finding what a long stretch of work spends its time on.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

export interface ThreadProfile {
  thread: string;
  sampledMs: number;
  self: [string, number][];
  inclusive: [string, number][];
}

const frameName = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${(f.url ?? '').replace(/^.*\//, '')}:${f.lineNumber + 1}`;

/** Per sampled thread, the `top` functions by self and by inclusive milliseconds. */
export function cpuProfiles(traceText: string, top = 25): ThreadProfile[] {
  const events = (JSON.parse(traceText) as { traceEvents: TraceEvent[] }).traceEvents;
  const threadNames = new Map<string, string>();
  for (const e of events) {
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  }
  // Chunks of one profile share its id; nodes arrive over several chunks.
  const profiles = new Map<
    string,
    { thread: string; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }
  >();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const key = `${e.pid}:${e.id}`;
    let p = profiles.get(key);
    if (!p) {
      p = {
        thread: threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`,
        nodes: new Map(),
        samples: [],
        deltas: [],
      };
      profiles.set(key, p);
    }
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(e.args?.data?.timeDeltas ?? []));
  }
  const result: ThreadProfile[] = [];
  for (const p of profiles.values()) {
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let sampledMs = 0;
    for (let i = 0; i < p.samples.length; i++) {
      const ms = (p.deltas[i + 1] ?? 0) / 1000;
      let node = p.nodes.get(p.samples[i]!);
      if (!node || node.callFrame.functionName === '(idle)') continue;
      sampledMs += ms;
      const leaf = frameName(node.callFrame);
      self.set(leaf, (self.get(leaf) ?? 0) + ms);
      const seen = new Set<string>();
      while (node) {
        const name = frameName(node.callFrame);
        if (!seen.has(name)) {
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
        }
        node = node.parent === undefined ? undefined : p.nodes.get(node.parent);
      }
    }
    const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
    result.push({ thread: p.thread, sampledMs, self: sorted(self), inclusive: sorted(inclusive) });
  }
  return result.sort((a, b) => b.sampledMs - a.sampledMs);
}
