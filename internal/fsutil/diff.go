package fsutil

import (
	"bytes"
	"fmt"
	"strings"
)

// diffContext is how many unchanged lines surround each change in a hunk.
const diffContext = 3

// UnifiedDiff returns the changes from a to b as a unified diff with three
// lines of context, headed "--- a/oldName" and "+++ b/newName", or "" when
// a and b are equal. Lines keep their endings, so a CRLF line that becomes
// LF shows as changed; a last line without a newline is followed by
// "\ No newline at end of file", as diff -u and git print it.
//
// The edit script is a shortest one (Myers' O(ND) algorithm in linear
// space), which is quick for drafts of a few thousand lines.
func UnifiedDiff(oldName, newName string, a, b []byte) string {
	if bytes.Equal(a, b) {
		return ""
	}
	al, bl := splitLines(a), splitLines(b)
	ops := diffLines(al, bl)

	var sb strings.Builder
	fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", oldName, newName)
	for i := 0; i < len(ops); {
		// A hunk runs from the first change to the last change that is at
		// most 2*diffContext unchanged lines from the one before.
		for i < len(ops) && ops[i].kind == opEqual {
			i++
		}
		if i == len(ops) {
			break
		}
		start, end := i, i // ops[start:end] are changes and short gaps
		for j := i; j < len(ops); {
			if ops[j].kind != opEqual {
				j++
				end = j
				continue
			}
			k := j
			for k < len(ops) && ops[k].kind == opEqual {
				k++
			}
			if k == len(ops) || k-j > 2*diffContext {
				break
			}
			j = k
		}
		lo := max(start-diffContext, 0)
		hi := min(end+diffContext, len(ops))
		writeHunk(&sb, ops[lo:hi], al, bl)
		i = hi
	}
	return sb.String()
}

type opKind uint8

const (
	opEqual opKind = iota
	opDelete
	opInsert
)

// diffOp is one line of the edit script: a line kept (a[ai] == b[bi]),
// deleted from a (a[ai]) or inserted from b (b[bi]). Both indexes are kept
// for every kind, so a hunk knows where it starts on either side.
type diffOp struct {
	kind   opKind
	ai, bi int
}

func writeHunk(sb *strings.Builder, ops []diffOp, a, b []string) {
	aStart, bStart := ops[0].ai, ops[0].bi
	aLen, bLen := 0, 0
	for _, op := range ops {
		if op.kind != opInsert {
			aLen++
		}
		if op.kind != opDelete {
			bLen++
		}
	}
	fmt.Fprintf(sb, "@@ -%s +%s @@\n", hunkRange(aStart, aLen), hunkRange(bStart, bLen))
	for _, op := range ops {
		switch op.kind {
		case opEqual:
			writeLine(sb, ' ', a[op.ai])
		case opDelete:
			writeLine(sb, '-', a[op.ai])
		case opInsert:
			writeLine(sb, '+', b[op.bi])
		}
	}
}

// hunkRange formats one side of a hunk header as diff -u does: the first
// line (1-based) and the count, the count left out when it is 1, and an
// empty range given as the line before it.
func hunkRange(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeLine(sb *strings.Builder, prefix byte, line string) {
	sb.WriteByte(prefix)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteString("\n\\ No newline at end of file\n")
	}
}

// splitLines cuts text after every "\n"; only the last line may lack one.
func splitLines(text []byte) []string {
	s := string(text)
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		lines = append(lines, s[:i])
		s = s[i:]
	}
	return lines
}

// diffLines returns a shortest edit script turning a into b, with deletions
// before insertions wherever both happen at one place.
func diffLines(a, b []string) []diffOp {
	// Compare small integers instead of strings.
	ids := make(map[string]int, len(a)+len(b))
	intern := func(lines []string) []int {
		out := make([]int, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = len(ids)
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	m := myers{a: intern(a), b: intern(b)}
	m.del = make([]bool, len(a))
	m.ins = make([]bool, len(b))
	m.compare(0, len(a), 0, len(b))

	ops := make([]diffOp, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && m.del[i]:
			ops = append(ops, diffOp{opDelete, i, j})
			i++
		case j < len(b) && m.ins[j]:
			ops = append(ops, diffOp{opInsert, i, j})
			j++
		default:
			ops = append(ops, diffOp{opEqual, i, j})
			i, j = i+1, j+1
		}
	}
	return ops
}

// myers marks the lines of a to delete and of b to insert, splitting the
// problem at the middle of a shortest edit path (Myers 1986, section 4b) so
// that memory stays linear in the input.
type myers struct {
	a, b     []int
	del, ins []bool
	vf, vb   []int // forward and backward furthest-reaching x per diagonal, reused
}

func (m *myers) compare(aLo, aHi, bLo, bHi int) {
	for aLo < aHi && bLo < bHi && m.a[aLo] == m.b[bLo] {
		aLo, bLo = aLo+1, bLo+1
	}
	for aLo < aHi && bLo < bHi && m.a[aHi-1] == m.b[bHi-1] {
		aHi, bHi = aHi-1, bHi-1
	}
	switch {
	case aLo == aHi:
		for j := bLo; j < bHi; j++ {
			m.ins[j] = true
		}
	case bLo == bHi:
		for i := aLo; i < aHi; i++ {
			m.del[i] = true
		}
	default:
		x, y := m.split(aLo, aHi, bLo, bHi)
		m.compare(aLo, x, bLo, y)
		m.compare(x, aHi, y, bHi)
	}
}

// split returns a point (x, y) on a shortest edit path from (aLo, bLo) to
// (aHi, bHi), strictly between them, found where a path searched forward from
// the start meets one searched backward from the end. The ranges are not
// empty and their first and last lines differ.
func (m *myers) split(aLo, aHi, bLo, bHi int) (x, y int) {
	a, b := m.a[aLo:aHi], m.b[bLo:bHi]
	n, k := len(a), len(b)
	maxD := (n + k + 1) / 2
	off := maxD + 1 // diagonal d is at index off+d; one spare on each side
	size := 2*maxD + 3
	if cap(m.vf) < size {
		m.vf, m.vb = make([]int, size), make([]int, size)
	}
	vf, vb := m.vf[:size], m.vb[:size]
	// vf[off+d]: furthest x on diagonal d = x-y from the start; vb[off+d]:
	// furthest distance back from the end on diagonal d = (n-x)-(k-y).
	vf[off+1], vb[off+1] = 0, 0
	delta := n - k
	odd := delta%2 != 0
	for d := 0; d <= maxD; d++ {
		for dg := -d; dg <= d; dg += 2 {
			var fx int
			if dg == -d || (dg != d && vf[off+dg-1] < vf[off+dg+1]) {
				fx = vf[off+dg+1] // down: insert
			} else {
				fx = vf[off+dg-1] + 1 // right: delete
			}
			fy := fx - dg
			for fx < n && fy < k && a[fx] == b[fy] {
				fx, fy = fx+1, fy+1
			}
			vf[off+dg] = fx
			// The backward diagonal that meets this one is delta-dg; it has
			// been searched d-1 steps deep.
			if bd := delta - dg; odd && bd >= -(d-1) && bd <= d-1 && fx+vb[off+bd] >= n {
				return aLo + fx, bLo + fy
			}
		}
		for dg := -d; dg <= d; dg += 2 {
			var bx int
			if dg == -d || (dg != d && vb[off+dg-1] < vb[off+dg+1]) {
				bx = vb[off+dg+1]
			} else {
				bx = vb[off+dg-1] + 1
			}
			by := bx - dg
			for bx < n && by < k && a[n-bx-1] == b[k-by-1] {
				bx, by = bx+1, by+1
			}
			vb[off+dg] = bx
			if fd := delta - dg; !odd && fd >= -d && fd <= d && vf[off+fd]+bx >= n {
				return aLo + n - bx, bLo + k - by
			}
		}
	}
	// Not reached: a path with n+k edits always exists, so the searches meet
	// by d = maxD. Were it reached, deleting a's first line is still correct.
	return aLo + 1, bLo
}
