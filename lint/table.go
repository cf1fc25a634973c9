package lint

// edgeTable is an open-addressing hash table from edge keys to trie nodes.
// It is plain arrays, so a compiled matcher can be stored and loaded without
// rebuilding a map.
type edgeTable struct {
	keys []uint64 // 0 marks an empty slot
	vals []int32
	n    int
}

func slot(k uint64, mask int) int { return int(k^k>>31) & mask }

// get returns the node an edge leads to.
func (t *edgeTable) get(k uint64) (int32, bool) {
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

// put adds or replaces an edge, growing the table at half load.
func (t *edgeTable) put(k uint64, v int32) {
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
