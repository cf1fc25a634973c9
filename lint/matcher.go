package lint

import "fmt"

// The matcher is a trie over word hashes: every phrase of every rule of a
// language, walked once per document. A measured token-hash design beat
// Aho-Corasick libraries and regex alternations by a wide margin (SPEC §9).
type matcher struct {
	edges map[uint64]int32 // edgeKey(node, word hash) → child node
	nodes []mnode
	sp    splitter // reused while phrases are added
}

type mnode struct {
	punctOK bool    // a phrase has punctuation before this word, so punctuation may stand there
	out     []int32 // entries of the phrases that end at this node
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
)

// entry ties a phrase in the trie to its rule.
type entry struct {
	rule  int32 // index into RuleSet.rules; for signals, index into the signal list
	role  entryRole
	value int32 // replace: index of the pair; signal: weight
}

func newMatcher() *matcher {
	return &matcher{edges: make(map[uint64]int32), nodes: make([]mnode, 1, 64)}
}

func edgeKey(node int32, h uint64) uint64 {
	return h ^ (uint64(node)+1)*0x9E3779B97F4A7C15
}

// add puts a phrase into the trie, ending in entry e.
func (m *matcher) add(phrase string, e int32) error {
	hashes, punct := m.sp.split(phrase)
	if len(hashes) == 0 {
		return fmt.Errorf("phrase %q has no words in it, so it can never match", phrase)
	}
	node := int32(0)
	for i, h := range hashes {
		k := edgeKey(node, h)
		child, ok := m.edges[k]
		if !ok {
			child = int32(len(m.nodes))
			m.nodes = append(m.nodes, mnode{})
			m.edges[k] = child
		}
		if punct[i] {
			m.nodes[child].punctOK = true
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

// state is a partial phrase match: the trie node reached and where it began.
type state struct {
	node  int32
	start int
}

// hit is a phrase found in the text.
type hit struct {
	entry      int32
	start, end int
	sentence   int32
	paragraph  int32
	seg        int32 // index of the prose segment it ends in
}

// step advances the partial matches over word w and appends the phrases that end there.
func (m *matcher) step(w *word, seg int, active, next []state, hits []hit) ([]state, []hit) {
	next = next[:0]
	if !w.brk {
		for _, a := range active {
			if c, ok := m.edges[edgeKey(a.node, w.hash)]; ok && (!w.hard || m.nodes[c].punctOK) {
				next = append(next, state{c, a.start})
			}
		}
	}
	if c, ok := m.edges[edgeKey(0, w.hash)]; ok {
		next = append(next, state{c, w.start})
	}
	for _, a := range next {
		for _, e := range m.nodes[a.node].out {
			hits = append(hits, hit{entry: e, start: a.start, end: w.end,
				sentence: int32(w.sentence), paragraph: int32(w.paragraph), seg: int32(seg)})
		}
	}
	return next, hits
}
