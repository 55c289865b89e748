/**
 * N-gram keys → where each was first seen (a text's number and a character offset in it), as
 * an entry number. Keys are compared on their low 32 bits, so unequal n-grams may share an
 * entry, as they may share a key: callers confirm against the text.
 */
export interface NgramKeyTable {
  /** The entry of `key`, or −1. */
  find(key: number): number;
  /** Adds `key` → (`text`, `start`) unless `key` has an entry; returns that entry, or −1. */
  insertIfAbsent(key: number, text: number, start: number): number;
  textOf(entry: number): number;
  startOf(entry: number): number;
}

const initialSlots = 1 << 12;
// Grown at three quarters full, which keeps most probes within one cache line.
const maxLoad = 0.75;

/**
 * An open-addressing hash table (linear probing) over typed arrays, sized for `expectedKeys` up
 * front, which spares the rehashing and copying of growing, and grown by doubling past it. A `Map`
 * of millions of n-gram keys boxes each key as a heap number and spreads its entries over the
 * heap; here a slot is two 32-bit words side by side (key, entry + 1; 0 marks an empty slot),
 * so a probe reads one cache line, and the table is small enough to spare cache and TLB misses,
 * where the time of building a large index goes. Entries are appended to a second array.
 */
export function createNgramKeyTable(expectedKeys = 0): NgramKeyTable {
  let slotCount = initialSlots;
  while (slotCount * maxLoad < expectedKeys) slotCount *= 2;
  let slots = new Uint32Array(slotCount * 2);
  let mask = slotCount - 1;
  // Entry e is occurrences[2e] (the text) and occurrences[2e + 1] (the start).
  let occurrences = new Uint32Array(Math.max(initialSlots, expectedKeys) * 2);
  let size = 0;

  // The slot holding `key`, else the empty slot where it belongs. Keys come from mix32, so
  // their low bits are uniform and index the table as they are.
  const probe = (table: Uint32Array, tableMask: number, key: number): number => {
    let slot = key & tableMask;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== key) slot = (slot + 1) & tableMask;
    return slot;
  };

  const grow = () => {
    const larger = new Uint32Array(slots.length * 2);
    const largerMask = mask * 2 + 1;
    for (let at = 0; at < slots.length; at += 2) {
      if (slots[at + 1] === 0) continue;
      const key = slots[at] as number;
      const slot = probe(larger, largerMask, key);
      larger[2 * slot] = key;
      larger[2 * slot + 1] = slots[at + 1] as number;
    }
    slots = larger;
    mask = largerMask;
  };

  return {
    find(key) {
      return (slots[2 * probe(slots, mask, key >>> 0) + 1] as number) - 1;
    },
    insertIfAbsent(key, text, start) {
      const key32 = key >>> 0;
      const slot = probe(slots, mask, key32);
      const stored = slots[2 * slot + 1] as number;
      if (stored !== 0) return stored - 1;
      if (2 * size === occurrences.length) {
        const longer = new Uint32Array(occurrences.length * 2);
        longer.set(occurrences);
        occurrences = longer;
      }
      occurrences[2 * size] = text;
      occurrences[2 * size + 1] = start;
      slots[2 * slot] = key32;
      slots[2 * slot + 1] = ++size;
      if (size > (mask + 1) * maxLoad) grow();
      return -1;
    },
    textOf: (entry) => occurrences[2 * entry] as number,
    startOf: (entry) => occurrences[2 * entry + 1] as number,
  };
}
