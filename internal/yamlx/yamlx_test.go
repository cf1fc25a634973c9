package yamlx

import "testing"

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{{"apology.generc", "apology.generic", 1}, {"", "abc", 3}, {"same", "same", 0}, {"kitten", "sitting", 3}, {"noword", "nonword", 1}} {
		if got := EditDistance(c.a, c.b); got != c.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
