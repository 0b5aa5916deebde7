// A page's heap snapshot over CDP, and what it is made of: by kind of node (compiled code apart from the
// data the page's scripts hold) and by constructor.
import type { CDPSession } from 'playwright-core';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** The heap snapshot's text (DevTools opens it as a .heapsnapshot file), taken after a full collection. */
export async function takeSnapshot(cdp: CDPSession): Promise<string> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const take = (event: { chunk: string }): void => void chunks.push(event.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', take);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', take);
  return chunks.join('');
}

/** Calls `visit` with each node's type, constructor (or other) name and self size. */
function eachNode(text: string, visit: (type: string, name: string, size: number) => void): void {
  const heap = JSON.parse(text) as Snapshot;
  const fields = heap.snapshot.meta.node_fields;
  const types = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  for (let i = 0; i < heap.nodes.length; i += fields.length) {
    const type = types[heap.nodes[i + (typeAt ?? 0)] ?? 0] ?? '?';
    visit(type, heap.strings[heap.nodes[i + (nameAt ?? 0)] ?? 0] ?? '?', heap.nodes[i + (sizeAt ?? 0)] ?? 0);
  }
}

export interface HeapParts {
  /** V8's compiled code and what it keeps beside it: bytecode, machine code, feedback, deoptimization data. */
  code: number;
  /** Everything else in the JS heap: the objects, strings and arrays the page's scripts hold. */
  data: number;
}

/** The JS heap's bytes in compiled code and in data (DOM objects, outside the JS heap, are left out). */
export function heapParts(text: string): HeapParts {
  const parts = { code: 0, data: 0 };
  eachNode(text, (type, _name, size) => {
    if (type === 'code') parts.code += size;
    else if (type !== 'native' && type !== 'synthetic') parts.data += size;
  });
  return parts;
}

/** Count and self size of the heap's objects by type and constructor name. */
export function byConstructor(text: string): Map<string, { count: number; size: number }> {
  const found = new Map<string, { count: number; size: number }>();
  eachNode(text, (type, rawName, size) => {
    const name = type === 'string' || type === 'concatenated string' ? '(string)' : rawName.slice(0, 80);
    const key = `${type} ${name}`;
    const entry = found.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += size;
    found.set(key, entry);
  });
  return found;
}
