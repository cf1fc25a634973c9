package output

import (
	"strconv"
	"unicode/utf8"
)

// jsonWriter appends indented JSON laid out as json.MarshalIndent lays it
// out (two spaces a level, after a prefix), without reflection and without
// formatting twice: a large file's findings are written here one by one, and
// Marshal followed by the indenting pass cost more than linting them.
// The tests hold its output to json.MarshalIndent's for the same values.
type jsonWriter struct {
	buf        []byte
	prefix     string
	escapeHTML bool   // encode <, > and & as \u003c…, as json.Marshal does
	open       []bool // per open object or array: has it a member yet
}

// reset starts a new value in buf, keeping its memory.
func (w *jsonWriter) reset(prefix string) {
	w.buf, w.prefix, w.open = w.buf[:0], prefix, w.open[:0]
}

func (w *jsonWriter) newline() {
	w.buf = append(w.buf, '\n')
	w.buf = append(w.buf, w.prefix...)
	for range w.open {
		w.buf = append(w.buf, ' ', ' ')
	}
}

// next begins a member of the innermost object or array.
func (w *jsonWriter) next() {
	if n := len(w.open) - 1; n >= 0 {
		if w.open[n] {
			w.buf = append(w.buf, ',')
		}
		w.open[n] = true
	}
	w.newline()
}

func (w *jsonWriter) begin(c byte) {
	w.buf = append(w.buf, c)
	w.open = append(w.open, false)
}

func (w *jsonWriter) end(c byte) {
	n := len(w.open) - 1
	had := w.open[n]
	w.open = w.open[:n]
	if had {
		w.newline()
	}
	w.buf = append(w.buf, c)
}

func (w *jsonWriter) object()    { w.begin('{') }
func (w *jsonWriter) endObject() { w.end('}') }
func (w *jsonWriter) array()     { w.begin('[') }
func (w *jsonWriter) endArray()  { w.end(']') }

// item begins an element of the innermost array.
func (w *jsonWriter) item() { w.next() }

// obj writes an object whose members members writes; objField writes it
// as the value of a member.
func (w *jsonWriter) obj(members func()) {
	w.object()
	members()
	w.endObject()
}

func (w *jsonWriter) objField(name string, members func()) {
	w.key(name)
	w.obj(members)
}

// list writes the member name: an array of n objects, the members of
// each written by members(i), or null for a nil slice, as Marshal writes
// one.
func (w *jsonWriter) list(name string, n int, isNil bool, members func(i int)) {
	w.key(name)
	if isNil {
		w.null()
		return
	}
	w.array()
	for i := range n {
		w.item()
		w.obj(func() { members(i) })
	}
	w.endArray()
}

// key begins the member name of the innermost object; its value follows.
func (w *jsonWriter) key(name string) {
	w.next()
	w.buf = w.appendString(w.buf, name)
	w.buf = append(w.buf, ':', ' ')
}

func (w *jsonWriter) str(s string) { w.buf = w.appendString(w.buf, s) }
func (w *jsonWriter) int(n int)    { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }
func (w *jsonWriter) null()        { w.buf = append(w.buf, "null"...) }

// strField and intField write a member; strOmit leaves out an empty string,
// as omitempty does.
func (w *jsonWriter) strField(name, s string) { w.key(name); w.str(s) }
func (w *jsonWriter) intField(name string, n int) {
	w.key(name)
	w.int(n)
}
func (w *jsonWriter) strOmit(name, s string) {
	if s != "" {
		w.strField(name, s)
	}
}

const hexDigits = "0123456789abcdef"

// appendString appends s as a JSON string, escaped as encoding/json escapes
// it: quotes, backslashes and control characters; <, > and & too when
// escapeHTML is set; U+2028 and U+2029, which end lines in JavaScript; and
// each byte that is not UTF-8 as U+FFFD.
func (w *jsonWriter) appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!w.escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
