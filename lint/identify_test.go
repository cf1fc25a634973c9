package lint

import "testing"

func TestIdentify(t *testing.T) {
	id := NewIdentifier([]*Language{
		{Code: "en", CommonWords: []string{"the", "and", "you", "your", "we", "is", "to", "for", "thanks"}},
		{Code: "ms", CommonWords: []string{"dan", "yang", "untuk", "anda", "kami", "ini", "akan", "terima", "kasih"}},
		{Code: "fi", CommonWords: []string{"ja", "on", "että", "se", "olen", "me", "kiitos", "tilauksesi", "ei"}},
	}, "en")
	for text, want := range map[string]Identification{
		"Thanks for your patience, we are on it.":                                     {Lang: "en"},
		"Terima kasih, kami akan hantar pesanan anda esok.":                           {Lang: "ms"},
		"Kiitos viestistä, olen pahoillani että tilauksesi myöhästyi.":                {Lang: "fi"},
		"שלום, אנחנו מצטערים על העיכוב.":                                              {Lang: "he"},
		"您好，我们正在处理您的问题。":                                                              {Lang: "zh"},
		"您好，我们正在处理您的问题。Thanks for your patience, we are on it and the fix is coming.": {Lang: "en", Second: "zh"},
		"":          {Lang: "en"},
		"12345 !!!": {Lang: "en"},
	} {
		got := id.Identify(NewDocument("t.md", []byte(text), FormatMarkdown))
		if got != want {
			t.Errorf("%q: %+v, want %+v", text, got, want)
		}
	}
}

func BenchmarkIdentify(b *testing.B) {
	id := NewIdentifier([]*Language{{Code: "en", CommonWords: []string{"the", "and", "you"}},
		{Code: "fi", CommonWords: []string{"ja", "on", "että"}}}, "en")
	doc := NewDocument("t.md", []byte("Hi Anna,\n\nI'm sorry your parcel is late. It ships today and will reach you by Thursday.\nLet me know if anything else comes up.\n"), FormatMarkdown)
	b.ReportAllocs()
	for b.Loop() {
		id.Identify(doc)
	}
}

// languagesOf finds every common word in its table, with its languages,
// and no other word.
func TestLanguagesOf(t *testing.T) {
	var langs []*Language
	for i := range 3 {
		l := &Language{Code: string(rune('a' + i))}
		for j := range 400 {
			l.CommonWords = append(l.CommonWords, string(rune('a'+i))+"w"+string(rune('a'+j%26))+string(rune('a'+j/26)))
		}
		l.CommonWords = append(l.CommonWords, "shared")
		langs = append(langs, l)
	}
	id := NewIdentifier(langs, "a")
	for i, h := range id.hashes {
		if got := id.languagesOf(h); got != id.bits[i] {
			t.Fatalf("word %d: languages %b, want %b", i, got, id.bits[i])
		}
	}
	var sp splitter
	if got := id.languagesOf(sp.hashWord("shared")); got != 0b111 {
		t.Errorf("shared: languages %b, want all three", got)
	}
	for w, want := range map[string]uint32{"bwaa": 0b10, "other": 0, "words": 0, "zzz": 0} {
		if got := id.languagesOf(sp.hashWord(w)); got != want {
			t.Errorf("%s: languages %b, want %b", w, got, want)
		}
	}
}
