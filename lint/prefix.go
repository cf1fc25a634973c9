package lint

import (
	"encoding/binary"
	"math/bits"
	"regexp/syntax"
	"slices"
)

// An expression tried where one of its start strings stands (see startsIn)
// costs a regexp call each time, a few hundred nanoseconds, and most
// tries find nothing: `\d+(?:st|nd|rd|th)` is tried at every digit of
// "2026-11-23". A prefixNFA runs the expression's program over the text
// from the place, a byte at a time, with no memory but a set of the
// instructions alive, and turns the place away when none is left before
// a match could end: the digits and the dash ended every one. It knows
// ASCII only, and takes every assertion (\b, ^, $) to hold, so it turns
// away only places the expression cannot match at; the regexp decides
// the rest.
type prefixNFA struct {
	words int // uint64s in a set of instructions
	// start is the set alive before the first byte; sets[pc] is the set
	// reached by taking instruction pc's byte. Both are closed under the
	// instructions that read nothing.
	start []uint64
	sets  [][]uint64
	// bytes[pc] is the ASCII bytes instruction pc reads, as two masks; a
	// byte of no instruction's masks ends the tries.
	bytes [][2]uint64
	// matched marks the sets from which a match may end without reading
	// more: start when the expression may match nothing, and sets[pc].
	startMatches bool
	matches      []bool
	// dfa, when the sets reachable from start are at most maxPrefixStates,
	// holds each one's step on each ASCII byte: the next set's number, or
	// prefixDead or prefixMatch. A try then costs a load a byte.
	dfa []int16
}

// The steps of prefixNFA.dfa that lead to no set.
const (
	prefixDead  = -1 // no instruction alive: no match starts here
	prefixMatch = -2 // a match may end: the regexp decides
)

// maxPrefixStates bounds the sets a prefixNFA's dfa holds (and its size,
// 256 bytes a set).
const maxPrefixStates = 128

// maxPrefixInsts bounds the program a prefixNFA takes: its sets are on
// the stack, in maxPrefixInsts/64 words.
const maxPrefixInsts = 256

// maxPrefixBytes is the most bytes a try reads before leaving the place to
// the regexp: most places are turned away within a few.
const maxPrefixBytes = 16

// newPrefixNFA compiles src as regexp does, or returns nil when the
// program is too large.
func newPrefixNFA(src string) *prefixNFA {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil || len(prog.Inst) > maxPrefixInsts {
		return nil
	}
	n := len(prog.Inst)
	p := &prefixNFA{words: (n + 63) / 64, sets: make([][]uint64, n), bytes: make([][2]uint64, n), matches: make([]bool, n)}
	// closure adds to set the instructions that read a byte reachable from
	// pc by reading none, and reports whether a match is.
	var closure func(pc uint32, set []uint64, seen []bool) bool
	closure = func(pc uint32, set []uint64, seen []bool) bool {
		if seen[pc] {
			return false
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			return true
		case syntax.InstFail:
			return false
		case syntax.InstAlt, syntax.InstAltMatch:
			m := closure(in.Out, set, seen)
			return closure(in.Arg, set, seen) || m
		case syntax.InstCapture, syntax.InstNop, syntax.InstEmptyWidth:
			return closure(in.Out, set, seen) // an assertion is taken to hold
		default: // InstRune, InstRune1, InstRuneAny, InstRuneAnyNotNL
			set[pc/64] |= 1 << (pc % 64)
			return false
		}
	}
	after := func(pc uint32) ([]uint64, bool) {
		set := make([]uint64, p.words)
		m := closure(pc, set, make([]bool, n))
		return set, m
	}
	p.start, p.startMatches = after(uint32(prog.Start))
	for pc := range prog.Inst {
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		default:
			continue
		}
		for b := 0; b < 0x80; b++ {
			if in.MatchRune(rune(b)) {
				p.bytes[pc][b/64] |= 1 << (b % 64)
			}
		}
		p.sets[pc], p.matches[pc] = after(in.Out)
	}
	p.dfa = p.determinize()
	return p
}

// step returns the set reached from cur on byte b into next, and whether a
// match may end there; next is empty when none is alive.
func (p *prefixNFA) step(cur, next []uint64, b byte) (matched bool) {
	clear(next)
	for w, word := range cur {
		for word != 0 {
			pc := w*64 + bits.TrailingZeros64(word)
			word &= word - 1
			if p.bytes[pc][b/64]&(1<<(b%64)) == 0 {
				continue
			}
			if p.matches[pc] {
				return true
			}
			for k, x := range p.sets[pc] {
				next[k] |= x
			}
		}
	}
	return false
}

// determinize numbers the sets reachable from start, start first, and
// returns their steps, or nil when there are more than maxPrefixStates.
func (p *prefixNFA) determinize() []int16 {
	key := func(set []uint64) string {
		b := make([]byte, 0, 8*len(set))
		for _, x := range set {
			b = binary.LittleEndian.AppendUint64(b, x)
		}
		return string(b)
	}
	ids := map[string]int16{key(p.start): 0}
	sets := [][]uint64{p.start}
	var dfa []int16
	for i := 0; i < len(sets); i++ {
		row := make([]int16, 0x80)
		for b := range row {
			next := make([]uint64, p.words)
			switch {
			case p.step(sets[i], next, byte(b)):
				row[b] = prefixMatch
			case !slices.ContainsFunc(next, func(x uint64) bool { return x != 0 }):
				row[b] = prefixDead
			default:
				k := key(next)
				id, ok := ids[k]
				if !ok {
					if len(sets) == maxPrefixStates {
						return nil
					}
					id = int16(len(sets))
					ids[k] = id
					sets = append(sets, next)
				}
				row[b] = id
			}
		}
		dfa = append(dfa, row...)
	}
	return dfa
}

// mayMatch reports whether a match of the expression may start at the
// start of text (which ends where the regexp's text would): false only
// when the program dies on text's bytes before any match could end.
func (p *prefixNFA) mayMatch(text []byte) bool {
	if p.startMatches {
		return true
	}
	if p.dfa != nil {
		state := int16(0)
		for i := 0; i < len(text) && i < maxPrefixBytes; i++ {
			b := text[i]
			if b >= 0x80 {
				return true // outside ASCII: the regexp decides
			}
			switch state = p.dfa[int(state)<<7|int(b)]; state {
			case prefixDead:
				return false
			case prefixMatch:
				return true
			}
		}
		return len(text) > maxPrefixBytes
	}
	var curArr, nextArr [maxPrefixInsts / 64]uint64
	cur, next := curArr[:p.words], nextArr[:p.words]
	copy(cur, p.start)
	for i := 0; i < len(text) && i < maxPrefixBytes; i++ {
		b := text[i]
		if b >= 0x80 {
			return true // outside ASCII: the regexp decides
		}
		if p.step(cur, next, b) {
			return true
		}
		if !slices.ContainsFunc(next, func(x uint64) bool { return x != 0 }) {
			return false
		}
		cur, next = next, cur
	}
	// Bytes left past maxPrefixBytes: the regexp decides. At the text's
	// end, with no match ended, none can.
	return len(text) > maxPrefixBytes
}
