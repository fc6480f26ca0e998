// Content-addressed storage for checkpoint values, so an append-only log grows
// linearly: LangGraph hands the saver the whole transcript at every step, and
// without this every turn's text would be written once per later step (O(n²)).
//
// A value is a *leaf* (serialized by the checkpoint serializer, stored once per
// distinct serialized form) or a *list* (a top-level plain array: each element
// stored as a leaf, the array as element ids). A list's id is a hash chain over
// its element ids, so the id of every prefix is known without storing it; a list
// that extends an already stored one is written as that list's id plus the new
// element ids.
import { createHash } from 'node:crypto';
import type { SerializerProtocol } from '@langchain/langgraph-checkpoint';

/** A leaf serialized and hashed: the async half of storing, done before anything is written. */
export interface PreparedLeaf {
  kind: 'leaf';
  id: string;
  type: string;
  /** JSON text for type 'json', otherwise the serializer's bytes. */
  data: string | Uint8Array;
}

export type Prepared = PreparedLeaf | { kind: 'list'; items: PreparedLeaf[] };

/** A line of the log that holds content. A JSON leaf embeds its JSON as is (no string escaping). */
export type ContentRecord =
  | { leaf: string; json: unknown }
  | { leaf: string; type: string; base64: string }
  | { list: string; base?: string; items: string[] };

type StoredNode =
  | { kind: 'leaf'; type: string; data: string | Uint8Array }
  | { kind: 'list'; base: string | undefined; items: string[] };

/** Thrown when a value refers to content the log doesn't hold (a damaged or lost line). */
export class MissingContentError extends Error {
  constructor(readonly id: string) {
    super(`stored content ${id} is missing`);
  }
}

// 96 bits of SHA-256: a collision among the few thousand values of one thread is not a practical risk.
function digest(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url').slice(0, 16);
}

function isPlainArray(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

async function prepareLeaf(value: unknown, serde: SerializerProtocol): Promise<PreparedLeaf> {
  const [type, bytes] = await serde.dumpsTyped(value);
  // 'bytes' hands back the caller's own array: copy it so a later mutation can't change what we stored.
  const data = type === 'json' ? new TextDecoder().decode(bytes) : Uint8Array.from(bytes);
  return { kind: 'leaf', id: digest('leaf', type, bytes), type, data };
}

/** Serializes a value (each element of a plain array on its own, so elements can be shared). */
export async function prepare(value: unknown, serde: SerializerProtocol): Promise<Prepared> {
  if (!isPlainArray(value)) return prepareLeaf(value, serde);
  // Array.from, not map: a hole becomes undefined, as the serializer treats it in a whole array.
  return { kind: 'list', items: await Promise.all(Array.from(value, (item) => prepareLeaf(item, serde))) };
}

export class ContentStore {
  private readonly nodes = new Map<string, StoredNode>();

  /** Stores a prepared value, pushing a record for each node not stored yet; returns the value's id. Synchronous, so concurrent callers can't interleave. */
  add(value: Prepared, out: ContentRecord[]): string {
    if (value.kind === 'leaf') return this.addLeaf(value, out);
    const ids = value.items.map((item) => this.addLeaf(item, out));
    const chain = [digest('list')];
    for (const id of ids) chain.push(digest('list', chain[chain.length - 1], id));
    const n = ids.length;
    if (this.nodes.has(chain[n])) return chain[n];
    let k = n - 1; // the longest prefix already stored (0: none, start from empty)
    while (k > 0 && !this.nodes.has(chain[k])) k -= 1;
    const node: StoredNode = { kind: 'list', base: k > 0 ? chain[k] : undefined, items: ids.slice(k) };
    this.nodes.set(chain[n], node);
    out.push(node.base === undefined ? { list: chain[n], items: node.items } : { list: chain[n], base: node.base, items: node.items });
    return chain[n];
  }

  private addLeaf(leaf: PreparedLeaf, out: ContentRecord[]): string {
    if (this.nodes.has(leaf.id)) return leaf.id;
    this.nodes.set(leaf.id, { kind: 'leaf', type: leaf.type, data: leaf.data });
    out.push(
      typeof leaf.data === 'string'
        ? { leaf: leaf.id, json: JSON.parse(leaf.data) }
        : { leaf: leaf.id, type: leaf.type, base64: Buffer.from(leaf.data).toString('base64') },
    );
    return leaf.id;
  }

  /** Takes in a content record read from the log; false if the record isn't one (or is malformed). */
  read(record: Record<string, unknown>): boolean {
    if (typeof record.leaf === 'string') {
      if ('json' in record) {
        this.nodes.set(record.leaf, { kind: 'leaf', type: 'json', data: JSON.stringify(record.json) });
        return true;
      }
      if (typeof record.type !== 'string' || typeof record.base64 !== 'string') return false;
      this.nodes.set(record.leaf, { kind: 'leaf', type: record.type, data: new Uint8Array(Buffer.from(record.base64, 'base64')) });
      return true;
    }
    if (typeof record.list === 'string') {
      const { base, items } = record;
      if (!(base === undefined || typeof base === 'string') || !Array.isArray(items)) return false;
      if (!items.every((item): item is string => typeof item === 'string')) return false;
      this.nodes.set(record.list, { kind: 'list', base, items });
      return true;
    }
    return false;
  }

  /** Rebuilds a fresh copy of a stored value. Throws MissingContentError if part of it was never stored. */
  async load(id: string, serde: SerializerProtocol): Promise<unknown> {
    const node = this.nodes.get(id);
    if (node === undefined) throw new MissingContentError(id);
    if (node.kind === 'leaf') return serde.loadsTyped(node.type, node.data);
    return Promise.all(this.itemsOf(id).map((item) => this.load(item, serde)));
  }

  /** A list's element ids, following its base chain (iteratively: a long debate is a long chain). */
  private itemsOf(id: string): string[] {
    const segments: string[][] = [];
    for (let at: string | undefined = id; at !== undefined; ) {
      const node = this.nodes.get(at);
      if (node === undefined || node.kind !== 'list') throw new MissingContentError(at);
      // A hand-edited log could loop; a real chain is never longer than the store.
      if (segments.length > this.nodes.size) throw new MissingContentError(at);
      segments.push(node.items);
      at = node.base;
    }
    return segments.reverse().flat();
  }
}
