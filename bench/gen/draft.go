package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Shares that make the corpus look like a support team's outbox: most
// sentences are clean, a few carry a phrase the shipped rules flag.
const (
	problemShare     = 0.06 // of sentences
	placeholderShare = 0.02 // of greetings left as [Customer Name] and the like
	signatureShare   = 0.3  // of drafts in a library with a signature after "-- "
)

// drafter writes reply drafts from a seeded PRNG: the same seed gives the
// same drafts on every machine (math/rand/v2's PCG is specified bit for bit).
type drafter struct {
	r *rand.Rand
}

// newDrafter seeds a PRNG for one output; stream keeps the outputs of one run
// (library, single file, style) independent of which others are asked for.
func newDrafter(seed, stream uint64) *drafter {
	return &drafter{r: rand.New(rand.NewPCG(seed, stream))}
}

func (d *drafter) pick(list []string) string { return list[d.r.IntN(len(list))] }

func (d *drafter) chance(p float64) bool { return d.r.Float64() < p }

// paragraphs draws the number of paragraphs between greeting and closing:
// 2 to 5, mostly three or four.
func (d *drafter) paragraphs() int {
	switch x := d.r.IntN(20); {
	case x < 3:
		return 2
	case x < 10:
		return 3
	case x < 16:
		return 4
	default:
		return 5
	}
}

// fill replaces the slots of a sentence.
func (d *drafter) fill(l *language, s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		if strings.HasPrefix(s[i:], "{{") { // a template tag left on purpose
			j := strings.Index(s[i:], "}}")
			b.WriteString(s[:i+j+2])
			s = s[i+j+2:]
			continue
		}
		j := strings.Index(s[i:], "}")
		b.WriteString(s[:i])
		switch name := s[i+1 : i+j]; name {
		case "order":
			fmt.Fprintf(&b, "A-%d", 1000+d.r.IntN(90000))
		case "amount":
			b.WriteString(l.amount(5+d.r.IntN(240), 5*d.r.IntN(20)))
		default:
			vals, ok := l.slots[name]
			if !ok {
				panic("bench/gen: language " + l.code + " has no slot " + name)
			}
			b.WriteString(d.pick(vals))
		}
		s = s[i+j+1:]
	}
}

// sentence picks from list, or now and then a problem sentence instead.
func (d *drafter) sentence(l *language, list []string) string {
	if d.chance(problemShare) {
		list = l.problems
	}
	return d.fill(l, d.pick(list))
}

// draft writes one reply: a greeting with the customer's name, 2 to 5
// paragraphs, a closing and the agent's name, and with signature set, now
// and then a signature after a "-- " line. Every line ends in "\n".
func (d *drafter) draft(w *bytes.Buffer, l *language, signature bool) {
	d.draftN(w, l, d.paragraphs(), signature)
}

func (d *drafter) draftN(w *bytes.Buffer, l *language, paragraphs int, signature bool) {
	name := d.pick(l.names)
	if d.chance(placeholderShare) {
		name = d.pick(l.placeholders)
	}
	fmt.Fprintf(w, d.pick(l.greetings), name)
	w.WriteString("\n\n")
	for p := 0; p < paragraphs; p++ {
		var sentences []string
		switch {
		case p == 0:
			sentences = append(sentences, d.sentence(l, l.openers))
			if paragraphs <= 2 || d.chance(0.7) {
				sentences = append(sentences, d.sentence(l, l.body))
			}
		case p == paragraphs-1:
			if paragraphs <= 2 || d.chance(0.3) {
				sentences = append(sentences, d.sentence(l, l.body))
			}
			sentences = append(sentences, d.sentence(l, l.next))
		default:
			for n := 2 + d.r.IntN(2); n > 0; n-- {
				sentences = append(sentences, d.sentence(l, l.body))
			}
		}
		w.WriteString(strings.Join(sentences, l.sep))
		w.WriteString("\n\n")
	}
	agent := d.pick(l.agents)
	w.WriteString(d.pick(l.closings))
	w.WriteString("\n")
	w.WriteString(agent)
	w.WriteString("\n")
	if signature && d.chance(signatureShare) {
		w.WriteString("\n-- \n")
		w.WriteString(agent)
		w.WriteString("\n")
		w.WriteString(d.pick(l.teams))
		w.WriteString("\n")
	}
}

// paragraph writes a one-paragraph draft: greeting, one paragraph, closing.
func (d *drafter) paragraph(w *bytes.Buffer, l *language) {
	name := d.pick(l.names)
	fmt.Fprintf(w, d.pick(l.greetings), name)
	w.WriteString("\n\n")
	sentences := []string{d.fill(l, d.pick(l.openers)), d.fill(l, d.pick(l.body)), d.fill(l, d.pick(l.body)), d.fill(l, d.pick(l.next))}
	w.WriteString(strings.Join(sentences, l.sep))
	w.WriteString("\n\n")
	w.WriteString(d.pick(l.closings))
	w.WriteString("\n")
	w.WriteString(d.pick(l.agents))
	w.WriteString("\n")
}
