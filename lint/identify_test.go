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
