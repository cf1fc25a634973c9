package lint

import "encoding/binary"

// edgeTable is an open-addressing hash table from edge keys to trie nodes.
// It is plain arrays, so a compiled matcher can be stored and loaded without
// rebuilding a map. A loaded table is looked up in the image itself: loading
// copies none of it, and a short draft touches few of its pages.
type edgeTable struct {
	keys []uint64 // 0 marks an empty slot
	vals []int32
	n    int

	stored string // a loaded table: slotSize bytes a slot, the key then the value, little-endian
}

// slotSize is the size of a slot in a stored table.
const slotSize = 12

func slot(k uint64, mask int) int { return int(k^k>>31) & mask }

// get returns the node an edge leads to.
func (t *edgeTable) get(k uint64) (int32, bool) {
	if t.stored != "" {
		return t.getStored(k)
	}
	if len(t.keys) == 0 {
		return 0, false
	}
	k |= 1 // keep 0 free for empty slots
	mask := len(t.keys) - 1
	for i := slot(k, mask); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

func (t *edgeTable) getStored(k uint64) (int32, bool) {
	k |= 1
	mask := len(t.stored)/slotSize - 1
	for i := slot(k, mask); ; i = (i + 1) & mask {
		s := t.stored[i*slotSize : i*slotSize+slotSize]
		switch uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56 {
		case k:
			return int32(uint32(s[8]) | uint32(s[9])<<8 | uint32(s[10])<<16 | uint32(s[11])<<24), true
		case 0:
			return 0, false
		}
	}
}

// store returns the table in its stored form.
func (t *edgeTable) store() string {
	if t.stored != "" {
		return t.stored
	}
	b := make([]byte, 0, len(t.keys)*slotSize)
	for i, k := range t.keys {
		b = binary.LittleEndian.AppendUint64(b, k)
		b = binary.LittleEndian.AppendUint32(b, uint32(t.vals[i]))
	}
	return string(b)
}

// validStored reports whether s can be a stored table: a power of two of
// slots, with an empty one, so every lookup ends.
func validStored(s string) bool {
	n := len(s) / slotSize
	if n == 0 || len(s)%slotSize != 0 || n&(n-1) != 0 {
		return false
	}
	for i := 0; i < len(s); i += slotSize {
		if s[i:i+8] == "\x00\x00\x00\x00\x00\x00\x00\x00" {
			return true
		}
	}
	return false
}

// put adds or replaces an edge, growing the table at half load.
func (t *edgeTable) put(k uint64, v int32) {
	if t.stored != "" {
		panic("lint: edge added to a loaded table")
	}
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	k |= 1
	mask := len(t.keys) - 1
	for i := slot(k, mask); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			t.vals[i] = v
			return
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		}
	}
}

func (t *edgeTable) grow() {
	old := *t
	size := max(64, 2*len(old.keys))
	t.keys, t.vals, t.n = make([]uint64, size), make([]int32, size), 0
	for i, k := range old.keys {
		if k != 0 {
			t.put(k, old.vals[i])
		}
	}
}

// wordSets maps word hashes to bit sets (the languages a common word is in,
// the gate sets a word belongs to): an open-addressing table at most half
// full, so most words take one probe. Hash 0 is not a word: it is never
// added, and marks an empty slot.
type wordSets []wordSet

type wordSet struct{ h, bits uint64 }

// newWordSets returns a table for n words.
func newWordSets(n int) wordSets {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return make(wordSets, size)
}

// add puts word h in the table with its bits; h is not in it yet.
func (t wordSets) add(h, bits uint64) {
	if h == 0 {
		return // not a word
	}
	mask := len(t) - 1
	j := slot(h, mask)
	for t[j].h != 0 {
		j = (j + 1) & mask
	}
	t[j] = wordSet{h, bits}
}

// or adds bits to word h's, putting h in the table if it is not there yet.
func (t wordSets) or(h, bits uint64) {
	if h == 0 {
		return // not a word
	}
	mask := len(t) - 1
	j := slot(h, mask)
	for t[j].h != h && t[j].h != 0 {
		j = (j + 1) & mask
	}
	t[j].h = h
	t[j].bits |= bits
}

// get returns the bits of word h, 0 when it is not in the table.
func (t wordSets) get(h uint64) uint64 {
	if h == 0 {
		return 0
	}
	mask := len(t) - 1
	for j := slot(h, mask); ; j = (j + 1) & mask {
		switch t[j].h {
		case h:
			return t[j].bits
		case 0:
			return 0
		}
	}
}
