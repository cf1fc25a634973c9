package lint

import (
	"testing"
	"unicode/utf8"
)

// runeHash is hashWordBytes written plainly, rune by rune: the reference
// for its in-line paths.
func runeHash(word []byte) (h uint64, stems []uint64) {
	h = fnvOffset
	n := 0
	for i := 0; i < len(word); {
		r, size := utf8.DecodeRune(word[i:])
		i += size
		if isNiqqud(r) {
			continue
		}
		if isApostrophe(r) {
			r = '\''
		}
		h = hashRune(h, foldRune(r))
		if n++; n >= 2 {
			stems = append(stems, h)
		}
	}
	return h, stems
}

func TestHashWordBytes(t *testing.T) {
	words := []string{"", "a", "Hello", "DON'T", "don’t", "ʼok", "שָׁלוֹם", "והשלום", "客服", "訂單", "Привет", "ÄÄNI", "ääni",
		"Ｈｅｌｌｏ", "ｶﾀｶﾅ", "\xff\xfe", "a\xc3", "\xc3(", "\xed\xa0\x80", "\uFFFD", "é", "e\u0301", "Ǆ", "İstanbul", "ß", "ſ",
		"\u212a", "\xc0\x80", "\xc1\xbf", "\xdf\xbf", "\xc2\x80"}
	for _, w := range words {
		var stems []uint64
		got := hashWordBytes([]byte(w), &stems)
		want, wantStems := runeHash([]byte(w))
		if got != want || len(stems) != len(wantStems) {
			t.Errorf("%q: hash %x (%d stems), want %x (%d)", w, got, len(stems), want, len(wantStems))
			continue
		}
		for i := range stems {
			if stems[i] != wantStems[i] {
				t.Errorf("%q: stem %d is %x, want %x", w, i, stems[i], wantStems[i])
			}
		}
	}
}

// decodeRune reads every two- and three-byte sequence, valid or not, as
// utf8.DecodeRune does.
func TestDecodeRune(t *testing.T) {
	for a := 0xE0; a <= 0xEF; a++ {
		for b := range 256 {
			for c := range 256 {
				s := []byte{byte(a), byte(b), byte(c)}
				r, n := decodeRune(s)
				if wr, wn := utf8.DecodeRune(s); r != wr || n != wn {
					t.Fatalf("% x: %U %d, want %U %d", s, r, n, wr, wn)
				}
			}
		}
	}
	for a := range 256 {
		for b := range 256 {
			for _, tail := range []string{"", "\x80", "a"} {
				s := []byte{byte(a), byte(b)}
				s = append(s, tail...)
				r, n := decodeRune(s)
				wr, wn := utf8.DecodeRune(s)
				if r != wr || n != wn {
					t.Fatalf("% x: %U %d, want %U %d", s, r, n, wr, wn)
				}
			}
		}
		if r, n := decodeRune([]byte{byte(a)}); r != utf8.RuneError && n != 1 || a < utf8.RuneSelf && r != rune(a) {
			t.Fatalf("%x alone: %U %d", a, r, n)
		}
	}
}

func FuzzHashWordBytes(f *testing.F) {
	f.Add("והשלום")
	f.Add("DON’T\xff")
	f.Fuzz(func(t *testing.T, w string) {
		var stems []uint64
		got := hashWordBytes([]byte(w), &stems)
		want, wantStems := runeHash([]byte(w))
		if got != want || len(stems) != len(wantStems) {
			t.Fatalf("%q: hash %x (%d stems), want %x (%d)", w, got, len(stems), want, len(wantStems))
		}
	})
}
