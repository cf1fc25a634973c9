package lint

import (
	"math/rand/v2"
	"reflect"
	"regexp"
	"regexp/syntax"
	"strings"
	"testing"
)

// The alternatives kept for a text find what the whole expression finds in
// it: over random alternations and texts, with words that come and go in
// case, apostrophes, optional parts and repeats.
func TestAltFilterFindsWhatTheWholeFinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	words := []string{"it", "not", "just", "about", "more", "than", "isn't", "point", "less", "this", "ſo", "KEY", "don’t"}
	pick := func() string { return words[rng.IntN(len(words))] }
	branch := func() string {
		var b strings.Builder
		for k := range 1 + rng.IntN(4) {
			if k > 0 {
				b.WriteString(" ")
			}
			switch rng.IntN(7) {
			case 0:
				b.WriteString("[^.!?]+")
			case 1:
				b.WriteString("(?:" + pick() + ")?")
			case 2:
				b.WriteString("(?:" + pick() + "|" + pick() + ")")
			case 3:
				b.WriteString("(?:" + pick() + " )+")
			case 4:
				b.WriteString("[A-Z][a-z]+")
			default:
				w := pick()
				if rng.IntN(3) == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(regexp.QuoteMeta(w))
			}
		}
		return b.String()
	}
	filtered := 0
	for range 300 {
		var alts []string
		for range altMinBranches + rng.IntN(8) {
			alts = append(alts, "(?:"+branch()+")")
		}
		expr := strings.Join(alts, "|")
		for _, matchCase := range []bool{false, true} {
			f := newAltFilter(expr, true, true, matchCase)
			if f == nil {
				continue
			}
			src := loosenSource(expr, true, true)
			if matchCase {
				src = strings.TrimPrefix(src, "(?i)")
			}
			whole := regexp.MustCompile(src)
			for range 20 {
				var text []string
				for range 1 + rng.IntN(12) {
					w := pick()
					switch rng.IntN(4) {
					case 0:
						w = strings.ToUpper(w)
					case 1:
						w += "."
					}
					text = append(text, w)
				}
				s := []byte(strings.Join(text, " "))
				want := whole.FindAllIndex(s, -1)
				var got [][]int
				if re := f.regexpFor(s, whole); re != nil {
					got = re.FindAllIndex(s, -1)
					if re != whole {
						filtered++
					}
				} else {
					filtered++
				}
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s on %q: %v, want %v", expr, s, got, want)
				}
			}
		}
	}
	if filtered == 0 {
		t.Fatal("no text was filtered: the test tells nothing")
	}
}

func TestRequiredWords(t *testing.T) {
	for expr, want := range map[string][]string{
		`[Ii]t'?s not just [^;,—:]+[;,—:] it'?s [^.!?]+`: {"not", "just", "it"}, // [Ii] is a class, its t too short to tell
		`(?:Our|Your) [a-z]+ isn'?t`:                     {"isn"},
		`(?:more )+than(?:ever)?`:                        {"more", "than"},
		`x{0,2}yy(?:zz){2}`:                              {"yy", "zz"},
		`[^.!?]+\? No\. [^.!?]+`:                         {"no"},
	} {
		re, err := syntaxParse(expr)
		if err != nil {
			t.Fatal(err)
		}
		if got := requiredWords(re, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q, want %q", expr, got, want)
		}
	}
}

func syntaxParse(expr string) (*syntax.Regexp, error) { return syntax.Parse(expr, syntax.Perl) }
