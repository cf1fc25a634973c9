package lint

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// A word is one token of prose. Its hash is of the folded form (lower case,
// one apostrophe), so "Don’t" and "don't" are the same word to the matcher.
type word struct {
	start, end int
	hash       uint64
	// With language options on: the exact keys to try (hash first, then the
	// word with Hebrew prefixes removed) and the stem keys (the hashes of
	// every prefix of two or more letters, of each of those forms).
	keys, stems []uint64
	// joins are the apostrophes between letters inside the word, each with
	// the hash of the word up to and with it ("seller'" in "seller's"): a
	// pattern's lead may end there, as RE2's \b allows.
	joins     []join
	hard      bool // punctuation, not only white space, stands before it
	brk       bool // a sentence, paragraph or prose segment ends before it
	caps      bool // two or more letters, all upper-case
	mixed     bool // holds an apostrophe or a rune beyond ASCII
	accents   bool // holds a combining mark (a decomposed accent): variants compare its composed form
	sentence  int  // index of the sentence it belongs to
	paragraph int  // index of the paragraph it belongs to
}

// join is an apostrophe inside a word: where it stands, and the hash of the
// word up to and with it.
type join struct {
	hash uint64
	at   int
}

// Byte classes of the ASCII fast path.
const (
	cOther    = iota // punctuation that breaks a phrase
	cWord            // letter or digit
	cSpace           // space or tab
	cNewline         // \n or \r
	cStop            // . ! ? — may end a sentence
	cSoft            // * _ ~ - — Markdown emphasis and hyphens, ignored between words
	cApos            // ' — part of a word between two letters
	cNonASCII        // look at the rune
)

// asciiWord holds the ASCII letters and digits: asciiClass cWord, in a
// table that a byte of any value indexes.
var asciiWord = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = asciiClass[c] == cWord
	}
	return t
}()

var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := 0; c < utf8.RuneSelf; c++ {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			t[c] = cWord
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			t[c] = cSpace
		case c == '\n' || c == '\r':
			t[c] = cNewline
		case c == '.' || c == '!' || c == '?':
			t[c] = cStop
		case c == '*' || c == '_' || c == '~' || c == '-':
			t[c] = cSoft
		case c == '\'':
			t[c] = cApos
		default:
			t[c] = cOther
		}
	}
	return t
}()

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// foldRune maps a rune to the form the matcher compares: lower case, one
// apostrophe, ASCII for full-width Latin letters and digits.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r == '’' || r == 'ʼ' || r == '‘' || r == '＇':
		return '\''
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return foldRune(r - 0xFEE0)
	case r >= 0xFF61 && r <= 0xFFDC: // half-width katakana and hangul
		if f := width.LookupRune(r).Folded(); f != 0 {
			return f
		}
		return r
	case r >= hantFirst && r <= hantLast:
		if i := r - hantFirst; hantFolds(i) {
			return hantTable()[i] // traditional Chinese compares as simplified
		}
		return r
	case r >= 0x3400, r >= 0x0590 && r <= 0x05FF: // CJK, Hebrew: no case
		return r
	}
	return unicode.ToLower(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '＇'
}

// isWordRune reports whether r belongs to a word: letters, marks and digits of any script.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiClass[r] == cWord
	case r <= 0x24F: // Latin-1 and Latin Extended-A and -B: letters but for × and ÷
		return r >= 0xC0 && r != 0xD7 && r != 0xF7 || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
	case r >= 0x5D0 && r <= 0x5EA, r >= 0x4E00 && r <= 0x9FFF: // Hebrew letters, CJK ideographs
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011,
		r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20:
		// Dashes, quotes and ellipses; Chinese commas, full stops and
		// brackets; full-width punctuation: none a letter, a digit or a mark
		// (TestRuneFastPaths), and common enough in Chinese text to be
		// told without three searches of Unicode's tables.
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// isSpaceless reports whether r belongs to a script written without spaces
// between words; each of its characters is a word of its own to the matcher.
func isSpaceless(r rune) bool {
	switch {
	case r < 0x0E00: // Latin, Greek, Cyrillic, Hebrew, Arabic, Indic
		return false
	case r < 0x1100:
		return unicode.Is(unicode.Thai, r) || unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Myanmar, r)
	case r < 0x2E80: // Khmer, and punctuation such as ’ and —
		return unicode.Is(unicode.Khmer, r)
	case r >= 0x4E00 && r <= 0x9FFF: // CJK ideographs
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r) ||
		unicode.Is(unicode.Lao, r) || unicode.Is(unicode.Khmer, r) || unicode.Is(unicode.Myanmar, r)
}

// isEmoji reports whether r is a pictographic emoji (not a letter, not plain punctuation).
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F300 && r <= 0x1FAFF, // pictographs, emoticons, transport, supplemental
		r >= 0x2600 && r <= 0x27BF,   // miscellaneous symbols, dingbats
		r >= 0x1F1E6 && r <= 0x1F1FF, // regional indicators (flags)
		r == 0x2B50 || r == 0x2B55 || r == 0x2764 || r == 0x203C || r == 0x2049:
		return true
	}
	return false
}

// sentenceMarks are the marks that end a sentence: . ! ? and, full width,
// the ones isSentenceEnd tells.
const sentenceMarks = ".!?。！？｡"

func isSentenceEnd(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '｡'
}

// wideStopAt reports whether src[i] is the last byte of a full-width
// sentence end (。 ！ ？ ｡, each three bytes).
func wideStopAt(src []byte, i int) bool {
	if i < 2 || src[i] < 0x80 {
		return false
	}
	r, n := utf8.DecodeRune(src[i-2 : i+1])
	return n == 3 && isSentenceEnd(r)
}

// stopStart is where the stop whose last byte is src[k] starts.
func stopStart(src []byte, k int) int {
	if wideStopAt(src, k) {
		return k - 2
	}
	return k
}

// A span is a half-open byte range.
type span struct{ start, end int }

// markRun is a run of ! and ? marks, such as "!!!" or "?!".
type markRun struct {
	start, end int
	marks      int // marks in the run
	bangs      int // exclamation marks among them
}

// scanner yields the words of a document's prose segments in order, and notes
// what metric rules measure between words (exclamation marks, emoji).
type scanner struct {
	src   []byte
	segs  []Segment
	seg   int // index of the current segment
	pos   int
	end   int // end of the current prose segment
	w     word
	words int

	// pending state for the next word
	hard, brk bool // punctuation seen; a phrase cannot continue
	sentEnd   bool // a sentence ended
	newlines  int
	sentence  int
	paragraph int

	collect bool // record marks and emoji
	opts    wordOptions
	keys    []uint64 // buffers behind word.keys, word.stems and word.joins
	stems   []uint64
	joins   []join
	marks   []markRun // runs of ! and ? (with at least one !)
	stops   []int     // every . ! ? of the prose, in order
	emoji   []span
}

// wordOptions turn on what a language needs beyond the exact word.
type wordOptions struct {
	stems  bool // phrases with stems (pahoittel*) or inflected names: record prefix hashes
	hebrew bool // also try words without the prefixes ו ה ב כ ל מ ש
}

func (s *scanner) reset(d *Document, collect bool) {
	s.src = d.Src
	s.segs = d.Segments
	s.seg = -1
	s.pos, s.end = 0, 0
	s.words = 0
	s.hard, s.brk, s.sentEnd = true, true, false
	s.newlines = 0
	s.sentence, s.paragraph = 0, 0
	s.collect = collect
	s.marks = s.marks[:0]
	s.stops = s.stops[:0]
	s.emoji = s.emoji[:0]
}

// nextSegment moves to the next prose segment; false at the end of the document.
func (s *scanner) nextSegment() bool {
	prevEnd := s.end
	for s.seg+1 < len(s.segs) {
		s.seg++
		g := s.segs[s.seg]
		if g.Kind != Prose {
			continue
		}
		// Whatever stood between two prose segments ends any phrase; a line
		// break in it counts towards a paragraph break (a quote, a code block).
		s.hard, s.brk = true, true
		if s.words > 0 && containsNewline(s.src[prevEnd:g.Start]) {
			s.newlines++
		}
		s.pos, s.end = g.Start, g.End
		return true
	}
	return false
}

func containsNewline(b []byte) bool {
	for _, c := range b {
		if c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// next advances to the next word; false when the prose is exhausted.
func (s *scanner) next() bool {
	// The common case first, with one well-predicted branch: a space, then
	// a word that starts in ASCII.
	if i := s.pos; i+1 < s.end && s.src[i] == ' ' && s.src[i+1] < utf8.RuneSelf && asciiClass[s.src[i+1]] == cWord {
		s.pos = i + 1
		s.scanWord(s.pos, rune(s.src[s.pos]), 1)
		return true
	}
	for {
		if s.pos >= s.end {
			if !s.nextSegment() {
				return false
			}
			continue
		}
		c := s.src[s.pos]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case cWord:
				s.scanWord(s.pos, rune(c), 1)
				return true
			case cSpace, cSoft:
				s.pos++
			case cNewline:
				if c == '\r' && s.pos+1 < s.end && s.src[s.pos+1] == '\n' {
					s.pos++
				}
				s.pos++
				s.newlines++
			case cStop:
				s.stop(c, 1)
			case cApos:
				s.pos++
				s.hard = true
			default:
				s.pos++
				s.hard = true
			}
			continue
		}
		r, size := decodeRune(s.src[s.pos:s.end])
		switch {
		case r == utf8.RuneError && size <= 1:
			s.pos++
			s.hard = true
		case isWordRune(r):
			s.scanWord(s.pos, r, size)
			return true
		case isSentenceEnd(r):
			s.stop(fullWidthStop(r), size)
		case unicode.IsSpace(r):
			if r == 0x2028 || r == 0x2029 || r == 0x85 {
				s.newlines++
			}
			s.pos += size
		default:
			if s.collect && isEmoji(r) {
				s.emoji = append(s.emoji, span{s.pos, s.pos + size})
			}
			s.pos += size
			s.hard = true
		}
	}
}

// latinAbbrev reports whether the full stop at src[i] ends "e.g." or
// "i.e.", in any case, which go on with the sentence ("a format, e.g.
// DD/MM/YYYY").
func latinAbbrev(src []byte, i int) bool {
	if i < 3 || i > 3 && asciiWord[src[i-4]] || src[i-2] != '.' {
		return false
	}
	a, b := src[i-3]|0x20, src[i-1]|0x20
	return a == 'e' && b == 'g' || a == 'i' && b == 'e'
}

// continuesSentence reports whether the full stop at src[i] ends no
// sentence: a word goes on right after it ("v1.2", "example.com"), or it
// closes "e.g." or "i.e.".
func continuesSentence(src []byte, i int) bool {
	return i+1 < len(src) && src[i+1] < utf8.RuneSelf && asciiClass[src[i+1]] == cWord || latinAbbrev(src, i)
}

// fullWidthStop maps a full-width sentence end to its ASCII mark.
func fullWidthStop(r rune) byte {
	switch r {
	case '！':
		return '!'
	case '？':
		return '?'
	}
	return '.'
}

// stop handles a sentence-ending mark c ('.', '!' or '?') of width size at s.pos.
func (s *scanner) stop(c byte, size int) {
	start := s.pos
	s.stops = append(s.stops, start+size-1) // a full-width mark's last byte
	s.pos += size
	s.hard = true
	// "v1.2" and "example.com" have a full stop that ends nothing; 。 always ends.
	if c == '.' && size == 1 && continuesSentence(s.src[:s.end], start) {
		return
	}
	s.brk, s.sentEnd = true, true
	if c == '.' || !s.collect {
		return
	}
	bang := 0
	if c == '!' {
		bang = 1
	}
	if n := len(s.marks); n > 0 && s.marks[n-1].end == start {
		m := &s.marks[n-1]
		m.end, m.marks, m.bangs = s.pos, m.marks+1, m.bangs+bang
	} else {
		s.marks = append(s.marks, markRun{start, s.pos, 1, bang})
	}
}

// scanWord reads the word that starts at start with rune first (of width size).
func (s *scanner) scanWord(start int, first rune, size int) {
	para := s.newlines > 1
	if s.words > 0 && (s.sentEnd || para) {
		s.sentence++
		if para {
			s.paragraph++
		}
	}
	// Filled in place: the word is read for every word of the text.
	w := &s.w
	w.start, w.hard, w.brk, w.sentence, w.paragraph = start, s.hard, s.brk || s.sentEnd || para, s.sentence, s.paragraph
	if w.keys != nil || w.stems != nil || w.joins != nil {
		// Only when set: a store of a pointer costs a write barrier while the GC marks.
		w.keys, w.stems, w.joins = nil, nil, nil
	}
	w.caps, w.mixed, w.accents = false, false, false
	s.hard, s.brk, s.sentEnd, s.newlines = false, false, false, 0
	s.words++

	h := uint64(fnvOffset)
	if first < utf8.RuneSelf {
		// The common case first: ASCII letters and digits, then a space or
		// a mark other than '.
		src := s.src[:s.end]
		if i, hh, all := asciiRun(src, start, h); i == len(src) || src[i] < utf8.RuneSelf && src[i] != '\'' {
			w.end, w.hash, s.pos = i, hh, i
			w.caps = i-start >= 2 && all&0x20 == 0 && !inCode(s.src, start, i)
			if s.opts.stems || s.opts.hebrew {
				s.variants(false)
			}
			return
		}
		// More follows: the word is read again below, from its start.
	}
	if first >= hantFirst && first <= hantLast && size == 3 {
		// A Chinese character, a word of its own: hashed as written, as
		// hashFolded would, unless it is a traditional one to fold.
		w.mixed = true
		if i := first - hantFirst; hantFolds(i) {
			h = hashRune(h, hantTable()[i])
		} else {
			src := s.src[start : start+3]
			h = (h ^ uint64(src[0])) * fnvPrime
			h = (h ^ uint64(src[1])) * fnvPrime
			h = (h ^ uint64(src[2])) * fnvPrime
		}
		w.end = start + 3
		w.hash = h
		s.pos = w.end
		return
	}
	if first >= 0x0E00 && isSpaceless(first) {
		w.mixed = true
		h = hashFolded(h, first, s.src[start:start+size])
		w.end = start + size
		w.hash = h
		s.pos = w.end
		return
	}
	upper, lower, digits := 0, 0, 0
	marks := false
	i := start
	r := first
	src := s.src[:s.end] // in a local, so the loops below keep it in registers
	for {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				upper++
				r += 'a' - 'A'
			} else if 'a' <= r && r <= 'z' {
				lower++
			} else if '0' <= r && r <= '9' {
				digits++
			}
			h = (h ^ uint64(r)) * fnvPrime
		} else if isNiqqud(r) {
			// Hebrew vowel points and cantillation: not part of the word's spelling.
			w.mixed = true
		} else {
			w.mixed = true
			if r >= 0x5D0 && r <= 0x5EA {
				// A Hebrew letter: no case, not a mark, hashed as written.
				h = (h ^ uint64(src[i])) * fnvPrime
				h = (h ^ uint64(src[i+1])) * fnvPrime
			} else {
				if unicode.IsUpper(r) {
					upper++
				} else if unicode.IsLower(r) {
					lower++
				} else if unicode.Is(unicode.Mn, r) {
					marks = true
				}
				h = hashFolded(h, r, src[i:i+size])
			}
		}
		i += size
		// The common case: a run of ASCII letters and digits.
		run := i
		var low byte
		i, h, low = asciiRun(src, i, h)
		if low&0x20 != 0 {
			lower++ // or a digit: either way, not a word in capitals
		} else {
			upper += i - run
		}
		if i >= len(src) {
			break
		}
		if c := src[i]; c < utf8.RuneSelf && c != '\'' {
			break // a space or a mark after the run: the common end of a word
		}
		if hebrewLetter(src, i) {
			// Most often in Hebrew: a letter, part of the word, read in line.
			r, size = rune(src[i]&0x1F)<<6|rune(src[i+1]&0x3F), 2
			continue
		}
		r, size = decodeAt(src, i, len(src))
		if isWordRune(r) && !isSpaceless(r) {
			continue
		}
		// An apostrophe between two letters belongs to the word: don't, it’s.
		if isApostrophe(r) && i+size < len(src) {
			r2, size2 := decodeAt(src, i+size, len(src))
			if isWordRune(r2) && !isSpaceless(r2) {
				h = (h ^ uint64('\'')) * fnvPrime
				if w.joins == nil {
					s.joins = s.joins[:0]
				}
				s.joins = append(s.joins, join{h, i})
				w.joins = s.joins
				w.mixed = true
				i += size
				r, size = r2, size2
				continue
			}
		}
		break
	}
	w.end = i
	w.hash = h
	w.accents = marks
	w.caps = upper >= 2 && lower == 0 && digits == 0 && !inCode(s.src, start, i)
	s.pos = i
	if marks && !norm.NFC.IsNormal(s.src[start:i]) {
		// Decomposed accents (e + ◌́): compare the composed form.
		w.hash = hashWordBytes(norm.NFC.Bytes(s.src[start:i]), nil)
		w.joins = nil // their hashes are of the text as written: let no lead end there
	}
	if s.opts.stems || s.opts.hebrew {
		s.variants(marks)
	}
}

// asciiRun reads the run of ASCII letters and digits at src[i:], each
// folded into the hash h, and returns where it ends, the hash and the OR
// of its bytes. Lower-case letters and digits have bit 0x20, capitals do
// not: setting it folds a capital, and low&0x20 == 0 means all capitals.
func asciiRun(src []byte, i int, h uint64) (int, uint64, byte) {
	low := byte(0)
	for i < len(src) && asciiWord[src[i]] {
		c := src[i]
		low |= c
		h = (h ^ uint64(c|0x20)) * fnvPrime
		i++
	}
	return i, h, low
}

// variants fills s.w.keys and s.w.stems for the language options on.
func (s *scanner) variants(marks bool) {
	w := &s.w
	text := s.src[w.start:w.end]
	if marks && !norm.NFC.IsNormal(text) {
		text = norm.NFC.Bytes(text)
	}
	s.keys, s.stems = s.keys[:0], s.stems[:0]
	s.keys = append(s.keys, w.hash)
	var stems *[]uint64
	if s.opts.stems {
		stems = &s.stems
	}
	if stems != nil {
		hashWordBytes(text, stems)
	}
	if s.opts.hebrew {
		// Up to three prefix letters (ו ש ה…, each perhaps with its points),
		// leaving a word of two letters or more.
		off := 0
		for k := 0; k < 3; k++ {
			r, size := decodeRune(text[off:])
			if !isHebrewPrefix(r) {
				break
			}
			next := off + size
			for next < len(text) {
				p, psize := decodeRune(text[next:])
				if !isNiqqud(p) {
					break
				}
				next += psize
			}
			if _, n := decodeRune(text[next:]); n >= len(text)-next {
				break // fewer than two letters left
			}
			off = next
			h := hashWordBytes(text[off:], stems)
			s.keys = append(s.keys, h)
		}
	}
	w.keys, w.stems = s.keys, s.stems
}

// hashWordBytes hashes one word as scanWord does. With stems, it appends the
// hash of every prefix of two letters or more.
func hashWordBytes(word []byte, stems *[]uint64) uint64 {
	h := uint64(fnvOffset)
	n := 0
	for i := 0; i < len(word); {
		if c := word[i]; c < utf8.RuneSelf {
			// ASCII, as foldRune and hashRune would take it, written out:
			// Malay and Finnish words are hashed again here for their stems.
			i++
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			h = (h ^ uint64(c)) * fnvPrime
		} else if hebrewLetter(word, i) {
			// Without its prefix letters, a Hebrew word is hashed again here.
			h = (h ^ uint64(c)) * fnvPrime
			h = (h ^ uint64(word[i+1])) * fnvPrime
			i += 2
		} else {
			r, size := decodeRune(word[i:])
			if isNiqqud(r) {
				i += size
				continue
			}
			if isApostrophe(r) {
				h = (h ^ uint64('\'')) * fnvPrime
			} else {
				h = hashFolded(h, r, word[i:i+size])
			}
			i += size
		}
		n++
		if stems != nil && n >= 2 {
			*stems = append(*stems, h)
		}
	}
	return h
}

// hebrewLetter reports whether b[i:] starts with a Hebrew letter (א to ת,
// D7 90 to D7 AA): no case, no point, hashed as written.
func hebrewLetter(b []byte, i int) bool {
	return b[i] == 0xD7 && i+1 < len(b) && 0x90 <= b[i+1] && b[i+1] <= 0xAA
}

// hashFolded folds r into h as hashRune(h, foldRune(r)) does; enc is r as
// written in the text, hashed as it stands when folding leaves r alone (a
// Hebrew letter, a Chinese character), with no encoding again.
func hashFolded(h uint64, r rune, enc []byte) uint64 {
	f := foldRune(r)
	if f != r || r == utf8.RuneError {
		return hashRune(h, f) // an invalid byte is hashed as U+FFFD's encoding
	}
	for _, b := range enc {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// decodeRune is utf8.DecodeRune with the two-byte sequences of Latin
// accents, Greek, Cyrillic and Hebrew, and the three-byte ones of Chinese,
// read in line.
func decodeRune(b []byte) (rune, int) {
	if len(b) >= 2 && b[1]&0xC0 == 0x80 {
		switch c := b[0]; {
		case 0xC2 <= c && c <= 0xDF:
			return rune(c&0x1F)<<6 | rune(b[1]&0x3F), 2
		case 0xE1 <= c && c <= 0xEC || c == 0xEE || c == 0xEF: // no overlong form, no surrogate
			if len(b) >= 3 && b[2]&0xC0 == 0x80 {
				return rune(c&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F), 3
			}
		}
	}
	return utf8.DecodeRune(b)
}

// isNiqqud reports whether r is a Hebrew point or accent, ignored in matching.
func isNiqqud(r rune) bool {
	return r >= 0x0591 && r <= 0x05C7 && r != 0x05BE && r != 0x05C0 && r != 0x05C3 && r != 0x05C6
}

// isHebrewPrefix reports whether r is one of the letters Hebrew attaches to a word: ו ה ב כ ל מ ש.
func isHebrewPrefix(r rune) bool {
	switch r {
	case 'ו', 'ה', 'ב', 'כ', 'ל', 'מ', 'ש':
		return true
	}
	return false
}

// inCode reports whether the word [start, end) is part of a reference such as
// RF-88213 or A/B: joined to a digit or a letter by - _ / # or :.
func inCode(src []byte, start, end int) bool {
	joined := func(c byte) bool { return c == '-' || c == '_' || c == '/' || c == '#' || c == ':' || c == '.' }
	alnum := func(c byte) bool { return c < utf8.RuneSelf && asciiClass[c] == cWord }
	if end+1 < len(src) && joined(src[end]) && alnum(src[end+1]) {
		return true
	}
	return start >= 2 && joined(src[start-1]) && alnum(src[start-2])
}

func decodeAt(b []byte, i, end int) (rune, int) {
	if c := b[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decodeRune(b[i:end])
}

func hashRune(h uint64, r rune) uint64 {
	if r < utf8.RuneSelf {
		return (h ^ uint64(r)) * fnvPrime
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, b := range buf[:n] {
		h = (h ^ uint64(b)) * fnvPrime
	}
	return h
}

// phraseWords splits a phrase from a rule into word hashes, the way the
// scanner splits prose; punct[i] is true when punctuation stands before word i.
func phraseWords(phrase string) (hashes []uint64, punct []bool) {
	var sp splitter
	h, p := sp.split(phrase)
	return slices.Clone(h), slices.Clone(p)
}

// splitter splits many phrases into words, reusing its buffers: the results
// of split are valid until the next call.
type splitter struct {
	sc     scanner
	doc    Document
	seg    [1]Segment
	hashes []uint64
	punct  []bool
	stems  []uint64 // the hashes of the stem words (pahoittel*), before stemSalt
	// crosses is set by split when a word of the phrase after the first
	// follows the end of a sentence ("done. Thanks"): the matcher, which
	// lets no phrase go on past one, can never find it.
	crosses bool
}

// stemSalt marks the edge of a stem word (pahoittel*): it is looked up with
// the hashes of a text word's prefixes, not with its whole hash.
const stemSalt = 0x5bd1e9955bd1e995

func (sp *splitter) split(phrase string) ([]uint64, []bool) {
	sp.doc.Src = append(sp.doc.Src[:0], phrase...)
	sp.seg[0] = Segment{0, len(phrase), Prose}
	sp.doc.Segments = sp.seg[:]
	sp.sc.reset(&sp.doc, false)
	sp.hashes, sp.punct, sp.stems, sp.crosses = sp.hashes[:0], sp.punct[:0], sp.stems[:0], false
	for sp.sc.next() {
		h := sp.sc.w.hash
		if len(sp.hashes) > 0 && sp.sc.w.brk {
			sp.crosses = true
		}
		if sp.sc.pos < len(phrase) && phrase[sp.sc.pos] == '*' {
			sp.stems = append(sp.stems, h)
			h ^= stemSalt // a stem: any word that starts with it
		}
		sp.hashes = append(sp.hashes, h)
		sp.punct = append(sp.punct, len(sp.hashes) > 1 && sp.sc.w.hard)
	}
	return sp.hashes, sp.punct
}

// HasWords reports whether a phrase has at least one word the matcher can see.
func HasWords(phrase string) bool {
	var sp splitter
	h, _ := sp.split(phrase)
	return len(h) > 0
}

// hashWord returns the matcher's hash of one word as the scanner would compute it.
func hashWord(w string) uint64 {
	var sp splitter
	return sp.hashWord(w)
}

// hashWord is hashWord for callers hashing many words, reusing sp's buffers.
func (sp *splitter) hashWord(w string) uint64 {
	h, _ := sp.split(w)
	if len(h) != 1 {
		return 0
	}
	return h[0]
}
