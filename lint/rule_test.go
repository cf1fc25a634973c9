package lint

import (
	"strings"
	"testing"
)

// TestFillMatch checks the message fast path against what it stands for:
// every %s is the match with its white space runs as single spaces, or a
// match of white space alone as spaces ("'  ' should be one space").
func TestFillMatch(t *testing.T) {
	slow := func(msg, match string) string {
		if !strings.Contains(msg, "%s") {
			return msg
		}
		quoted := strings.Join(strings.Fields(match), " ")
		if quoted == "" {
			// White space alone, quoted as spaces, one a character.
			quoted = strings.Repeat(" ", len([]rune(strings.ReplaceAll(match, "\r\n", "\n"))))
		}
		return strings.ReplaceAll(msg, "%s", quoted)
	}
	msgs := []string{"Avoid “%s”.", "No placeholder here.", "%s", "“%s” twice: %s", "Use '%[2]s' instead of '%s'.", "100%% %s"}
	matches := []string{"calm down", "calm  down", " calm", "calm ", "calm\ndown", "calm\r\ndown", "calm\tdown",
		"calm\u00a0down", "שלום עולם", "你好", "", "a", "don't", "please\u2003note", "x\vy", "x\fy", "  ", " \n", "\r\n\r\n", "\u00a0\t"}
	for _, m := range msgs {
		for _, x := range matches {
			if got, want := fillMatch(m, []byte(x)), slow(m, x); got != want {
				t.Errorf("fillMatch(%q, %q) = %q, want %q", m, x, got, want)
			}
		}
	}
}

// A match is quoted without the emphasis marks inside it that open or
// close a word; marks inside a word, between spaces or at its edges stay.
func TestFillMatchEmphasis(t *testing.T) {
	for match, want := range map[string]string{
		"Please* note":     "“Please note”",
		"Note:** The":      "“Note: The”",
		"sorry _but_ we":   "“sorry but we”",
		"calm ~~down~~ x":  "“calm down x”",
		"snake_case name":  "“snake_case name”",
		"5 * 3":            "“5 * 3”",
		"**Summary:**":     "“**Summary:**”",
		"*Please* note it": "“*Please note it”",
	} {
		if got := fillMatch("“%s”", []byte(match)); got != want {
			t.Errorf("fillMatch(%q) = %q, want %q", match, got, want)
		}
	}
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"Use it.":                              "Use it.",
		"Consider rewriting.\n\n  Say it.\r\n": "Consider rewriting. Say it.",
		"a\rb  c\n":                            "a b  c",
		"\n\n":                                 "",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}
