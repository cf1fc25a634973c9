package lint

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"slices"
)

// imageVersion changes whenever the stored form of a RuleSet changes.
const imageVersion = 6

// ruleSetImage is a compiled RuleSet as stored: plain arrays, so loading one
// costs a decode, not a compile. The built-in packs ship as images.
type ruleSetImage struct {
	Version   int
	Source    string // what the set was compiled from, as the caller names it (a hash of the YAML)
	Lang      Language
	Rules     []*Rule
	Keys      []uint64 // the edge table, slot by slot
	Vals      []int32
	Edges     int
	OutStart  []int32 // per trie node and one more: entries ending at node i are OutData[OutStart[i]:OutStart[i+1]]
	OutData   []int32
	EntryRule []int32
	EntryRole []uint8
	EntryVal  []int32
	Patterns  []patternImage
	NeedMarks bool
	Stems     bool   // some phrase has a stem word
	Docs      []byte // the rules' rationales, sources and examples: a gob of []ruleDocs, decoded on demand
}

// ruleDocs is what a rule says about itself, which linting never reads.
type ruleDocs struct {
	Why, Source string
	Examples    Examples
}

type patternImage struct {
	Present  bool
	Expr     string
	Expanded bool
	Sentence bool
	Anchored bool
	Sets     [][]string
	Gates    [][][]uint64 // an anchored pattern's gate, by branch
	Needs    []byte
	Behind   []lookBack
	Rest     string
}

func registerChecks() {
	// Registering the same type under the same name again is harmless.
	gob.Register(&Phrase{})
	gob.Register(&Replace{})
	gob.Register(&Pattern{})
	gob.Register(&Require{})
	gob.Register(&Count{})
	gob.Register(&Metric{})
}

// Store returns the compiled set, rules and matcher included, labelled with
// source: what it was compiled from, so a loader can tell when it is stale.
func (rs *RuleSet) Store(source string) ([]byte, error) {
	registerChecks()
	if len(rs.ms) != 1 || slices.Contains(rs.rules, nil) {
		return nil, fmt.Errorf("only a set made by Compile can be stored, not one made by With or Configure")
	}
	m := rs.ms[0]
	rs.loadDocs()
	bare := make([]*Rule, len(rs.rules))
	docs := make([]ruleDocs, len(rs.rules))
	for i, r := range rs.rules {
		c := *r
		docs[i] = ruleDocs{Why: c.Why, Source: c.Source, Examples: c.Examples}
		c.Why, c.Source, c.Examples = "", "", Examples{}
		bare[i] = &c
	}
	var docBuf bytes.Buffer
	if err := gob.NewEncoder(&docBuf).Encode(docs); err != nil {
		return nil, err
	}
	im := ruleSetImage{Version: imageVersion, Source: source, Lang: *rs.Lang, Rules: bare, Docs: docBuf.Bytes(),
		Keys: m.edges.keys, Vals: m.edges.vals, Edges: m.edges.n, NeedMarks: rs.needMarks, Stems: m.stems}
	im.OutStart = make([]int32, 0, len(m.nodes)+1)
	for _, n := range m.nodes {
		im.OutStart = append(im.OutStart, int32(len(im.OutData)))
		im.OutData = append(im.OutData, n.out...)
	}
	im.OutStart = append(im.OutStart, int32(len(im.OutData)))
	for _, e := range rs.entries {
		im.EntryRule = append(im.EntryRule, e.rule)
		im.EntryRole = append(im.EntryRole, uint8(e.role))
		im.EntryVal = append(im.EntryVal, e.value)
	}
	for _, cp := range rs.patterns {
		if cp == nil {
			im.Patterns = append(im.Patterns, patternImage{})
			continue
		}
		im.Patterns = append(im.Patterns, patternImage{Present: true, Expr: cp.expr, Expanded: cp.expanded, Sentence: cp.sentence, Anchored: cp.anchored, Sets: cp.sets, Gates: gatesOf(cp), Needs: cp.needs, Behind: cp.behind, Rest: cp.rest})
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&im); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadRuleSet restores a set written by Store, with the source it was labelled with.
func LoadRuleSet(data []byte) (*RuleSet, string, error) {
	rs, source, err := loadRuleSet(data)
	if err != nil {
		return nil, "", fmt.Errorf("stored rule set: %w", err)
	}
	return rs, source, nil
}

func loadRuleSet(data []byte) (*RuleSet, string, error) {
	registerChecks()
	var im ruleSetImage
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&im); err != nil {
		return nil, "", err
	}
	if im.Version != imageVersion {
		return nil, "", fmt.Errorf("version %d, want %d", im.Version, imageVersion)
	}
	n := len(im.OutStart) - 1
	if n < 0 || len(im.Keys) != len(im.Vals) || len(im.EntryRule) != len(im.EntryRole) ||
		len(im.EntryRule) != len(im.EntryVal) || len(im.Patterns) != len(im.Rules) {
		return nil, "", errDamaged
	}
	lang := im.Lang
	m := &matcher{edges: edgeTable{keys: im.Keys, vals: im.Vals, n: im.Edges}, nodes: make([]mnode, n), sealed: true}
	rs := &RuleSet{Lang: &lang, rules: im.Rules, needMarks: im.NeedMarks, ms: []*matcher{m}}
	for i := range m.nodes {
		a, b := im.OutStart[i], im.OutStart[i+1]
		if a > b || int(b) > len(im.OutData) {
			return nil, "", errDamaged
		}
		m.nodes[i] = mnode{out: im.OutData[a:b:b]}
	}
	rs.entries = make([]entry, len(im.EntryRule))
	for i := range rs.entries {
		rs.entries[i] = entry{rule: im.EntryRule[i], role: entryRole(im.EntryRole[i]), value: im.EntryVal[i]}
		if int(rs.entries[i].rule) >= len(rs.rules) {
			return nil, "", errDamaged
		}
	}
	rs.patterns = make([]*compiledPattern, len(rs.rules))
	rs.allow = make([]map[uint64]bool, len(rs.rules))
	for i, p := range im.Patterns {
		if p.Present {
			rs.patterns[i] = &compiledPattern{expr: p.Expr, expanded: p.Expanded, sentence: p.Sentence, anchored: p.Anchored, sets: p.Sets, needs: p.Needs, behind: p.Behind, rest: p.Rest}
			for _, g := range p.Gates {
				rs.patterns[i].branches = append(rs.patterns[i].branches, branch{gate: g})
			}
			if pt, ok := rs.rules[i].Check.(*Pattern); ok {
				rs.patterns[i].matchCase = pt.MatchCase
			}
		}
		if m, ok := rs.rules[i].Check.(*Metric); ok && m.Measure == MeasureCapsWords {
			rs.allow[i] = hashSet(m.Allow)
		}
	}
	rs.greetings, rs.titles, rs.notNames = phraseSeqs(lang.Greetings), phraseSeqs(lang.Titles), phraseSeqs(lang.NotNames)
	m.stems = im.Stems
	rs.docs = im.Docs
	rs.setOptions()
	return rs, im.Source, nil
}

// loadDocs fills in the rules' rationales and examples, once, when the set
// came from an image.
func (rs *RuleSet) loadDocs() {
	rs.docsOnce.Do(func() {
		if from := rs.docsFrom; from != nil {
			from.loadDocs()
			for i, r := range rs.rules {
				if i < len(from.rules) && r != nil && r != from.rules[i] && r.ID == from.rules[i].ID && r.Why == "" {
					b := from.rules[i] // r is a configured copy made before the docs were loaded
					r.Why, r.Source, r.Examples = b.Why, b.Source, b.Examples
				}
			}
		}
		if rs.docs == nil {
			return
		}
		var docs []ruleDocs
		if err := gob.NewDecoder(bytes.NewReader(rs.docs)).Decode(&docs); err != nil || len(docs) != len(rs.rules) {
			panic("lint: the stored rule docs are damaged")
		}
		for i, r := range rs.rules {
			r.Why, r.Source, r.Examples = docs[i].Why, docs[i].Source, docs[i].Examples
		}
		rs.docs = nil
	})
}

var errDamaged = errors.New("damaged")

func gatesOf(cp *compiledPattern) [][][]uint64 {
	var out [][][]uint64
	for _, b := range cp.branches {
		out = append(out, b.gate)
	}
	return out
}
