package lint

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// The matcher is a graph over word hashes holding every phrase of every rule
// of a language, walked once per document. It is built as a trie, then
// minimised into a DAG whose equal suffixes are shared, which keeps patterns
// that expand into thousands of phrases small. A measured token-hash design
// beat Aho-Corasick libraries and regex alternations by a wide margin (SPEC §9).
type matcher struct {
	edges edgeTable // edgeKey(node, word hash) → child node
	nodes []mnode   // until minimised
	// Once minimised, the entries of the phrases that end at node i are
	// outData[outStart[i]:outStart[i+1]].
	outStart, outData []int32
	sp                splitter // reused while phrases are added
	sealed            bool     // minimised: nodes may be shared, so nothing can be added
	stems             bool     // some phrase has a stem word (pahoittel*)
	// roots, when not nil, is a bit filter of the words that start a
	// phrase: most words of a text start none, and are turned away by one
	// load instead of a look-up. A pack's image stores it with the table.
	roots *rootFilter
	// follow holds, by node of a minimised matcher, a bit for each word an
	// edge leaves it by (see followBit): most words a partial match meets
	// go on no phrase of it, and are turned away by one load instead of a
	// look-up in the edge table.
	follow []uint64
	// stemWords is a bit filter of the stem words of the phrases
	// (pahoittel*), nil when there are none: a text word's prefixes are
	// looked up only where one may be a stem.
	stemWords *rootFilter
	// unflagged is every ref flag until the matcher is minimised: before,
	// its edges lead to bare node numbers, and every kind of edge is looked up.
	unflagged int32
	// once, by entry, marks the phrases a rule needs only to know are
	// there: k+1 for a phrase of rule k needed once a sentence, -(k+1) for
	// one needed once a document, 0 for every other (see presence).
	once []int32
	// base is added to the entries the matcher holds: a matcher compiled
	// on its own (see Extra) numbers them from 0, and each set it is added
	// to puts them after its own.
	base int32
	// checkOnly makes add only check each phrase (see Validate): nothing is
	// added, and the matcher matches nothing.
	checkOnly bool
}

// The edges of a minimised matcher lead to node refs: the node's number and
// flags that say what can come of it, read with the ref a partial match
// holds, so a step looks up only the kinds of edge a node has, keeps no
// partial match at a node without edges, and reads no outputs of a node
// without any. Most partial matches stand where only plain edges leave.
const (
	refOut   = 1 << 28    // phrases end at the node
	refPlain = 1 << 29    // edges over white space only (see punctSalt) leave it
	refPunct = 1 << 30    // edges that punctuation may stand before leave it
	refNode  = refOut - 1 // the node's number
	refFlags = refOut | refPlain | refPunct
)

// rootFilter is a bit set over a hash of the words that start a phrase.
type rootFilter [256]uint64

// rootBit returns the word and bit of h in a rootFilter.
func rootBit(h uint64) (int, uint64) {
	i := h * 0x9E3779B97F4A7C15 >> 50
	return int(i >> 6), 1 << (i & 63)
}

// maxRootFilter is the most first words a rootFilter is built for: past
// it, too many words would pass it to be worth its load.
const maxRootFilter = 2048

type mnode struct {
	out  []int32 // entries of the phrases that end at this node
	kids []kid   // while building: the edges out of this node
}

// punctSalt marks an edge that punctuation may stand before: the phrase has
// punctuation there ("sorry, but"). Such an edge is also taken over white
// space; a plain edge only over white space. Keeping the two apart in the key
// means phrases that share a word never lend each other their punctuation.
const punctSalt = 0x2545f4914f6cdd1d

type kid struct {
	hash  uint64
	child int32
	punct bool // an edge punctuation may stand before
}

// entryRole says what a phrase means to its rule.
type entryRole uint8

const (
	roleMatch     entryRole = iota // a phrase the rule reports (phrase, replace)
	roleException                  // cancels an overlapping match of the same rule
	roleRequired                   // one of the phrases a require rule looks for
	roleAfter                      // a require rule's trigger
	roleTrigger                    // a pattern rule's trigger word
	roleSignal                     // a complaint signal in a customer's message
	roleLead                       // a phrase every match of a pattern rule starts with
)

// entry ties a phrase in the trie to its rule.
type entry struct {
	rule  int32 // index into RuleSet.rules; for signals, index into the signal list
	role  entryRole
	value int32 // replace: index of the pair; signal: weight
}

func newMatcher() *matcher {
	return &matcher{nodes: make([]mnode, 1, 64), unflagged: refFlags}
}

func edgeKey(node int32, h uint64) uint64 {
	return h ^ (uint64(node)+1)*0x9E3779B97F4A7C15
}

// add puts a phrase into the trie, ending in entry e.
func (m *matcher) add(phrase string, e int32) error { return m.addWith(phrase, e, nil) }

// addWith puts a phrase into the trie, ending in entry e, with its last
// word's hash changed by last when it is not nil.
func (m *matcher) addWith(phrase string, e int32, last func(uint64) uint64) error {
	if m.sealed {
		panic("lint: phrase added to a minimised matcher")
	}
	hashes, punct := m.sp.split(phrase)
	if len(hashes) == 0 {
		return fmt.Errorf("phrase %q has no words in it, so it can never match", phrase)
	}
	if m.sp.crosses {
		return fmt.Errorf("phrase %q runs past the end of a sentence, and phrases are matched within one: make it two phrases, or a pattern", phrase)
	}
	if m.checkOnly {
		return nil
	}
	if strings.Contains(phrase, "*") {
		m.stems = true
	}
	for _, h := range m.sp.stems {
		if m.stemWords == nil {
			m.stemWords = new(rootFilter)
		}
		i, b := rootBit(h)
		m.stemWords[i] |= b
	}
	node := int32(0)
	for i, h := range hashes {
		if last != nil && i == len(hashes)-1 {
			h = last(h)
		}
		if punct[i] {
			h ^= punctSalt
		}
		k := edgeKey(node, h)
		child, ok := m.edges.get(k)
		if !ok {
			child = int32(len(m.nodes))
			m.nodes = append(m.nodes, mnode{})
			m.edges.put(k, child)
			m.nodes[node].kids = append(m.nodes[node].kids, kid{h, child, punct[i]})
		}
		node = child
	}
	for _, x := range m.nodes[node].out {
		if x == e {
			return nil
		}
	}
	m.nodes[node].out = append(m.nodes[node].out, e)
	return nil
}

// is reports whether one of the word's exact keys is in keys.
func (w *word) is(keys []uint64) bool {
	if w.keys == nil {
		return slices.Contains(keys, w.hash)
	}
	for _, k := range w.keys {
		if slices.Contains(keys, k) {
			return true
		}
	}
	return false
}

// state is a partial phrase match: the trie node reached and where it began.
type state struct {
	node  int32
	start int
}

// hit is a phrase found in the text.
type hit struct {
	start, end int
	entry      int32
	sentence   int32
	paragraph  int32
	seg        int32 // index of the prose segment it ends in
}

// walker holds one matcher's partial matches while a text is walked, and
// a spare buffer for the next ones.
type walker struct{ active, spare []state }

// reset forgets the partial matches.
func (wk *walker) reset() { wk.active = wk.active[:0] }

// step advances the walker's partial matches over word w and appends the
// phrases that end there. seen is as ended takes it; nil keeps every hit.
func (m *matcher) step(w *word, seg int, wk *walker, hits []hit, seen []int32) []hit {
	wk.active, wk.spare, hits = m.advance(w, seg, wk.active, wk.spare, hits, seen)
	return hits
}

// advance is step with the partial matches in the caller's hands: it
// returns those after w, in spare's array, and active's array to be the
// next spare. The pass keeps them in locals, so the walk over the words
// neither loads them through a pointer nor stores them, which would cost a
// write barrier each while the garbage collector marks.
func (m *matcher) advance(w *word, seg int, active, spare []state, hits []hit, seen []int32) (next, freed []state, _ []hit) {
	next = spare[:0]
	if w.keys == nil {
		// One exact key: the common case. What arrive does is written out
		// at each edge found, so that the walk makes no call but for hits.
		if !w.brk {
			bit := followBit(w.hash)
			for _, a := range active {
				if !m.mayFollow(a.node, bit) {
					continue // no edge leaves the node by this word
				}
				f := a.node | m.unflagged
				if !w.hard && f&refPlain != 0 {
					if c, ok := m.edges.get(edgeKey(a.node&refNode, w.hash)); ok {
						to := c | m.unflagged
						if to&refOut != 0 {
							hits = m.ended(c, a.start, w.end, w, seg, hits, seen)
						}
						if to&(refPlain|refPunct) != 0 {
							next = append(next, state{c, a.start})
						}
					}
				}
				if f&refPunct != 0 {
					if c, ok := m.edges.get(edgeKey(a.node&refNode, w.hash^punctSalt)); ok {
						to := c | m.unflagged
						if to&refOut != 0 {
							hits = m.ended(c, a.start, w.end, w, seg, hits, seen)
						}
						if to&(refPlain|refPunct) != 0 {
							next = append(next, state{c, a.start})
						}
					}
				}
			}
		}
		if m.roots == nil || m.roots.has(w.hash) {
			if c, ok := m.edges.get(edgeKey(0, w.hash)); ok {
				to := c | m.unflagged
				if to&refOut != 0 {
					hits = m.ended(c, w.start, w.end, w, seg, hits, seen)
				}
				if to&(refPlain|refPunct) != 0 {
					next = append(next, state{c, w.start})
				}
			}
		}
	} else {
		// Continuing a phrase, white space takes either kind of edge and
		// punctuation only the punctuation edge; a phrase starts on a plain one.
		look := func(node int32, start int, key uint64, continuing bool) {
			if continuing && !m.mayFollow(node, followBit(key)) {
				return
			}
			f := node | m.unflagged
			if !continuing || !w.hard && f&refPlain != 0 {
				if c, ok := m.edges.get(edgeKey(node&refNode, key)); ok {
					next, hits = m.arrive(c, start, w, seg, next, hits, seen)
				}
			}
			if continuing && f&refPunct != 0 {
				if c, ok := m.edges.get(edgeKey(node&refNode, key^punctSalt)); ok {
					next, hits = m.arrive(c, start, w, seg, next, hits, seen)
				}
			}
		}
		try := func(node int32, start int, continuing bool) {
			// At the root, the filter turns away most keys and stems (a
			// word of eight letters has seven) before a look-up.
			roots := m.roots
			if continuing {
				roots = nil
			}
			for _, k := range w.keys {
				if roots == nil || roots.has(k) {
					look(node, start, k, continuing)
				}
			}
			if m.stemWords == nil {
				return
			}
			for _, k := range w.stems {
				if !m.stemWords.has(k) {
					continue // the prefix is no phrase's stem
				}
				if k ^= stemSalt; roots == nil || roots.has(k) {
					look(node, start, k, continuing)
				}
			}
		}
		if !w.brk {
			for _, a := range active {
				try(a.node, a.start, true)
			}
		}
		try(0, w.start, false)
	}
	if w.joins != nil {
		hits = m.stepJoins(w, seg, active, hits, seen)
	}
	return next, active, hits
}

// arrive notes that a partial match begun at start has reached node c at
// word w: the phrases that end at c become hits, and the match is kept
// while edges leave c.
func (m *matcher) arrive(c int32, start int, w *word, seg int, next []state, hits []hit, seen []int32) ([]state, []hit) {
	f := c | m.unflagged
	if f&refOut != 0 {
		hits = m.ended(c, start, w.end, w, seg, hits, seen)
	}
	if f&(refPlain|refPunct) != 0 {
		next = append(next, state{c, start}) // edges leave it: the phrase may go on
	}
	return next, hits
}

// ended appends a hit for each phrase that ends at node c, begun at start
// and ending at end, in word w. It is kept out of line: advance's walk,
// which most often has no hit to add, stays small.
//
// A phrase that its rule needs only to know is there (see once) is let
// through once a sentence or once a document: seen holds, by rule, the
// sentence (plus one) of the last such hit let through, or -1.
//
//go:noinline
func (m *matcher) ended(c int32, start, end int, w *word, seg int, hits []hit, seen []int32) []hit {
	for _, e := range m.out(c & refNode) {
		e += m.base
		if m.once != nil && seen != nil {
			if k := m.once[e]; k != 0 {
				mark := int32(w.sentence) + 1
				if k < 0 {
					k, mark = -k, -1
				}
				if seen[k-1] == mark {
					continue
				}
				seen[k-1] = mark
			}
		}
		// Stored in place, as wordTape.record stores a word (see there).
		hits = append(hits, hit{})
		h := &hits[len(hits)-1]
		h.entry, h.start, h.end = e, start, end
		h.sentence, h.paragraph, h.seg = int32(w.sentence), int32(w.paragraph), int32(seg)
	}
	return hits
}

// joinSalt marks the last edge of a lead that may end at an apostrophe
// inside a word ("contact the seller" in "contact the seller's desk"). Only
// leads have such edges, and nothing goes on from them: the word does.
const joinSalt = 0x2f8a3b5c7d1e9f43

// stepJoins appends the leads that end at one of w's apostrophes, from the
// partial matches before w (active) or from w's start.
func (m *matcher) stepJoins(w *word, seg int, active []state, hits []hit, seen []int32) []hit {
	emit := func(node int32, start, end int) {
		if (node|m.unflagged)&refOut != 0 {
			hits = m.ended(node, start, end, w, seg, hits, seen)
		}
	}
	for _, j := range w.joins {
		key := j.hash ^ joinSalt
		if !w.brk {
			for _, a := range active {
				f := a.node | m.unflagged
				if !w.hard && f&refPlain != 0 {
					if c, ok := m.edges.get(edgeKey(a.node&refNode, key)); ok {
						emit(c, a.start, j.at)
					}
				}
				if f&refPunct != 0 {
					if c, ok := m.edges.get(edgeKey(a.node&refNode, key^punctSalt)); ok {
						emit(c, a.start, j.at)
					}
				}
			}
		}
		if c, ok := m.edges.get(edgeKey(0, key)); ok {
			emit(c, w.start, j.at)
		}
	}
	return hits
}

// addJoined puts a lead into the trie as it ends at an apostrophe inside
// its last word: the edge of that word is taken by the hash of the word
// with the apostrophe (see stepJoins).
func (m *matcher) addJoined(phrase string, e int32) error {
	return m.addWith(phrase, e, func(h uint64) uint64 { return (h^uint64('\''))*fnvPrime ^ joinSalt })
}

// out returns the entries of the phrases that end at a node.
func (m *matcher) out(node int32) []int32 {
	if m.outStart == nil {
		return m.nodes[node].out // not minimised
	}
	return m.outData[m.outStart[node]:m.outStart[node+1]]
}

// minimize merges nodes with the same outputs and the same edges to the same
// nodes, bottom-up (a trie's children always come after their parent), then
// renumbers what the root reaches and rebuilds the edge table.
func (m *matcher) minimize() {
	canon := make([]int32, len(m.nodes))
	seen := make(map[string]int32, len(m.nodes))
	var sig []byte
	for i := len(m.nodes) - 1; i >= 0; i-- {
		n := &m.nodes[i]
		for k := range n.kids {
			n.kids[k].child = canon[n.kids[k].child]
		}
		slices.SortFunc(n.kids, func(a, b kid) int { return cmpUint64(a.hash, b.hash) })
		slices.Sort(n.out)
		n.out = slices.Compact(n.out)
		sig = sig[:0]
		for _, e := range n.out {
			sig = binary.LittleEndian.AppendUint32(sig, uint32(e))
		}
		sig = append(sig, 0xff, 0xff, 0xff, 0xff)
		for _, k := range n.kids {
			sig = binary.LittleEndian.AppendUint64(sig, k.hash)
			sig = binary.LittleEndian.AppendUint32(sig, uint32(k.child))
		}
		if j, ok := seen[string(sig)]; ok && i != 0 {
			canon[i] = j
			continue
		}
		seen[string(sig)] = int32(i)
		canon[i] = int32(i)
	}
	// Renumber the nodes the root reaches, root first.
	id := make([]int32, len(m.nodes))
	for i := range id {
		id[i] = -1
	}
	order := []int32{0}
	id[0] = 0
	for q := 0; q < len(order); q++ {
		for _, k := range m.nodes[order[q]].kids {
			if id[k.child] < 0 {
				id[k.child] = int32(len(order))
				order = append(order, k.child)
			}
		}
	}
	if len(order) > refNode {
		panic(fmt.Sprintf("lint: a matcher of %d nodes, over the %d a ref can name", len(order), refNode))
	}
	// The ref an edge leads to: the node's new number and its flags.
	ref := func(old int32) int32 {
		n, r := &m.nodes[old], id[old]
		if len(n.out) > 0 {
			r |= refOut
		}
		for _, k := range n.kids {
			if k.punct {
				r |= refPunct
			} else {
				r |= refPlain
			}
		}
		return r
	}
	m.outStart = make([]int32, 0, len(order)+1)
	m.outData = nil
	m.follow = make([]uint64, len(order))
	var edges edgeTable
	for newID, old := range order {
		n := m.nodes[old]
		m.outStart = append(m.outStart, int32(len(m.outData)))
		m.outData = append(m.outData, n.out...)
		for _, k := range n.kids {
			edges.put(edgeKey(int32(newID), k.hash), ref(k.child))
			h := k.hash
			if k.punct {
				h ^= punctSalt // looked up by the word's own key
			}
			m.follow[newID] |= followBit(h)
		}
	}
	m.outStart = append(m.outStart, int32(len(m.outData)))
	m.roots = nil
	if kids := m.nodes[0].kids; len(kids) <= maxRootFilter {
		m.roots = new(rootFilter)
		for _, k := range kids {
			i, b := rootBit(k.hash)
			m.roots[i] |= b
		}
	}
	m.nodes, m.edges, m.sealed, m.unflagged = nil, edges, true, 0
}

// followBit returns the bit of a word's key in a node's follow set.
func followBit(key uint64) uint64 { return 1 << (key >> 58) }

// mayFollow reports whether an edge may leave the node of ref by the word
// of followBit bit: always, in a matcher not yet minimised.
func (m *matcher) mayFollow(ref int32, bit uint64) bool {
	return m.follow == nil || m.follow[ref&refNode]&bit != 0
}

// has reports whether a phrase may start with the word of hash h.
func (f *rootFilter) has(h uint64) bool {
	i, b := rootBit(h)
	return f[i]&b != 0
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
