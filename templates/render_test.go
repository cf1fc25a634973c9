package templates

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// render parses and renders src as the whole file t.md.
func render(t testing.TB, src string, vals Values, opts RenderOptions) (*Rendered, error) {
	t.Helper()
	b, err := ParseBody("t.md", []byte(src), Pos{Offset: 0, Line: 1, Column: 1})
	if err != nil {
		return nil, err
	}
	r, err := b.Render(vals, opts)
	if err == nil {
		checkSpans(t, b, r)
	}
	return r, err
}

// checkSpans checks the source map: spans cover Text exactly, in order, with
// no gaps or overlaps; template text maps to the same bytes in the file; values
// map to their whole {{ … }} tag.
func checkSpans(t testing.TB, b *Body, r *Rendered) {
	t.Helper()
	at := 0
	lo, hi := b.base.Offset, b.base.Offset+len(b.src)
	for i, s := range r.Spans {
		if s.Start != at || s.End <= s.Start || s.End > len(r.Text) {
			t.Fatalf("span %d %+v: want it to start at %d and be non-empty within %d bytes of output", i, s, at, len(r.Text))
		}
		if s.SrcStart < lo || s.SrcEnd > hi || s.SrcEnd <= s.SrcStart {
			t.Fatalf("span %d %+v: source outside the body [%d,%d)", i, s, lo, hi)
		}
		src := b.src[s.SrcStart-lo : s.SrcEnd-lo]
		if s.Value {
			if s.Var == "" || !bytes.HasPrefix(src, []byte("{{")) || !bytes.HasSuffix(src, []byte("}}")) {
				t.Fatalf("value span %d %+v maps to %q, want a {{ }} tag and a variable", i, s, src)
			}
		} else if s.Var != "" || !bytes.Equal(src, r.Text[s.Start:s.End]) {
			t.Fatalf("text span %d %+v: output %q maps to %q", i, s, r.Text[s.Start:s.End], src)
		}
		at = s.End
	}
	if at != len(r.Text) {
		t.Fatalf("spans end at %d, output has %d bytes", at, len(r.Text))
	}
}

func TestRender(t *testing.T) {
	anna := Values{"customer.name": "Anna"}
	allow := RenderOptions{AllowMissing: true}
	tests := []struct {
		name string
		src  string
		vals Values
		opts RenderOptions
		want string
	}{
		{"plain text", "Hello, world.\n", nil, RenderOptions{}, "Hello, world.\n"},
		{"empty body", "", nil, RenderOptions{}, ""},
		{"variable", "Hi {{ customer.name }},", anna, RenderOptions{}, "Hi Anna,"},
		{"no spaces", "Hi {{customer.name}},", anna, RenderOptions{}, "Hi Anna,"},
		{"tag over lines", "Hi {{\n  customer.name\n}},", anna, RenderOptions{}, "Hi Anna,"},
		{"name with _ - and digits", "{{ order.tracking_url }} {{ x-2.a_b }}", Values{"order.tracking_url": "u", "x-2.a_b": "v"}, RenderOptions{}, "u v"},
		{"default when missing", `Hi {{ customer.name | default: "there" }},`, nil, RenderOptions{}, "Hi there,"},
		{"default when empty", `Hi {{ customer.name | default: "there" }},`, Values{"customer.name": ""}, RenderOptions{}, "Hi there,"},
		{"default unused", `Hi {{ customer.name | default: "there" }},`, anna, RenderOptions{}, "Hi Anna,"},
		{"fallback", `Hi {{ customer.name | fallback: 'there' }},`, nil, RenderOptions{}, "Hi there,"},
		{"default no spaces", `Hi {{customer.name|default:"there"}},`, nil, RenderOptions{}, "Hi there,"},
		{"default number", `{{ n | default: 0 }}`, nil, RenderOptions{}, "0"},
		{"default holding braces", `{{ x | default: "}} and %}" }}`, nil, RenderOptions{}, "}} and %}"},
		{"default holding a quote", `{{ x | default: "it's" }}`, nil, RenderOptions{}, "it's"},
		{"capitalize keeps the rest", "{{ n | capitalize }}", Values{"n": "mcDonald"}, RenderOptions{}, "McDonald"},
		{"capitalize non-ASCII", "{{ n | capitalize }}", Values{"n": "émile"}, RenderOptions{}, "Émile"},
		{"capitalize empty", "[{{ n | capitalize }}]", Values{"n": ""}, RenderOptions{}, "[]"},
		{"capitalize Hebrew unchanged", "{{ n | capitalize }}", Values{"n": "דנה"}, RenderOptions{}, "דנה"},
		{"upcase", "{{ n | upcase }}", Values{"n": "a-1042x"}, RenderOptions{}, "A-1042X"},
		{"downcase", "{{ n | downcase }}", Values{"n": "ÄIJÄ"}, RenderOptions{}, "äijä"},
		{"strip", "[{{ n | strip }}]", Values{"n": " \t Anna \n"}, RenderOptions{}, "[Anna]"},
		{"strip then default", `{{ n | strip | default: "there" }}`, Values{"n": "   "}, RenderOptions{}, "there"},
		{"default then upcase", `{{ n | default: "there" | upcase }}`, nil, RenderOptions{}, "THERE"},
		{"upcase then default", `{{ n | upcase | default: "there" }}`, nil, RenderOptions{}, "there"},
		{"chain", `{{ n | strip | downcase | capitalize }}`, Values{"n": " ANNA "}, RenderOptions{}, "Anna"},
		{"allow missing", "Hi {{ customer.name }},", nil, allow, "Hi ,"},
		{"allow missing uses default", `Hi {{ customer.name | default: "there" }},`, nil, allow, "Hi there,"},
		{"empty value is not missing", "Hi {{ customer.name }},", Values{"customer.name": ""}, RenderOptions{}, "Hi ,"},

		{"if true", "{% if a %}yes{% endif %}", Values{"a": "1"}, RenderOptions{}, "yes"},
		{"if missing is false", "{% if a %}yes{% endif %}.", nil, RenderOptions{}, "."},
		{"if empty is false", "{% if a %}yes{% endif %}.", Values{"a": ""}, RenderOptions{}, "."},
		{"if else", "{% if a %}yes{% else %}no{% endif %}", nil, RenderOptions{}, "no"},
		{"elsif", "{% if a %}A{% elsif b %}B{% else %}C{% endif %}", Values{"b": "x"}, RenderOptions{}, "B"},
		{"elsif first true wins", "{% if a %}A{% elsif b %}B{% endif %}", Values{"a": "x", "b": "x"}, RenderOptions{}, "A"},
		{"==", `{% if lang == "fi" %}Hei{% else %}Hi{% endif %}`, Values{"lang": "fi"}, RenderOptions{}, "Hei"},
		{"== false", `{% if lang == "fi" %}Hei{% else %}Hi{% endif %}`, Values{"lang": "en"}, RenderOptions{}, "Hi"},
		{"!=", `{% if lang != "fi" %}Hi{% endif %}`, Values{"lang": "en"}, RenderOptions{}, "Hi"},
		{"literal on the left", `{% if "fi" == lang %}Hei{% endif %}`, Values{"lang": "fi"}, RenderOptions{}, "Hei"},
		{"two variables", `{% if a == b %}same{% endif %}`, Values{"a": "x", "b": "x"}, RenderOptions{}, "same"},
		{"number literal", `{% if n == 1 %}one{% endif %}`, Values{"n": "1"}, RenderOptions{}, "one"},
		{"missing equals empty", `{% if a == "" %}none{% endif %}`, nil, RenderOptions{}, "none"},
		{"missing == empty keyword", `{% if a == empty %}none{% endif %}`, nil, RenderOptions{}, "none"},
		{"missing != x", `{% if a != "x" %}ok{% endif %}`, nil, RenderOptions{}, "ok"},
		{"contains", `{% if tags contains "vip" %}VIP{% endif %}`, Values{"tags": "gold,vip"}, RenderOptions{}, "VIP"},
		{"contains false", `{% if tags contains "vip" %}VIP{% endif %}.`, Values{"tags": "gold"}, RenderOptions{}, "."},
		{"missing contains nothing", `{% if tags contains "" %}yes{% endif %}.`, nil, RenderOptions{}, "."},
		{"and", "{% if a and b %}both{% endif %}.", Values{"a": "1"}, RenderOptions{}, "."},
		{"or", "{% if a or b %}one{% endif %}.", Values{"b": "1"}, RenderOptions{}, "one."},
		// Liquid has no precedence and goes right to left: a or (b and c), not (a or b) and c.
		{"or then and", "{% if a or b and c %}T{% else %}F{% endif %}", Values{"a": "1"}, RenderOptions{}, "T"},
		// a and (b or c), not (a and b) or c.
		{"and then or", "{% if a and b or c %}T{% else %}F{% endif %}", Values{"c": "1"}, RenderOptions{}, "F"},
		{"comparisons joined", `{% if lang == "fi" or lang == "ms" %}local{% endif %}`, Values{"lang": "ms"}, RenderOptions{}, "local"},
		{"unless", "{% unless a %}no a{% endunless %}", nil, RenderOptions{}, "no a"},
		{"unless true", "{% unless a %}no a{% endunless %}.", Values{"a": "1"}, RenderOptions{}, "."},
		{"unless else", "{% unless a %}no a{% else %}a{% endunless %}", Values{"a": "1"}, RenderOptions{}, "a"},
		{"unless elsif", "{% unless a %}no a{% elsif b %}a and b{% endunless %}", Values{"a": "1", "b": "1"}, RenderOptions{}, "a and b"},
		{"nested", "{% if a %}[{% if b %}ab{% else %}a{% endif %}]{% else %}{% unless b %}none{% endunless %}{% endif %}", Values{"a": "1"}, RenderOptions{}, "[a]"},
		{"nested else", "{% if a %}[{% if b %}ab{% else %}a{% endif %}]{% else %}{% unless b %}none{% endunless %}{% endif %}", nil, RenderOptions{}, "none"},
		{"missing in skipped branch", "{% if url %}Track it: {{ url }}{% endif %}Thanks", nil, RenderOptions{}, "Thanks"},
		{"guarded variable", "{% if url %}Track it: {{ url }}{% endif %}", Values{"url": "https://x"}, RenderOptions{}, "Track it: https://x"},

		{"trim both sides", "Hi \n  {{- n -}}  \n!", Values{"n": "Anna"}, RenderOptions{}, "HiAnna!"},
		{"trim left only", "Hi  {{- n }}  !", Values{"n": "Anna"}, RenderOptions{}, "HiAnna  !"},
		{"trim right only", "Hi  {{ n -}}  !", Values{"n": "Anna"}, RenderOptions{}, "Hi  Anna!"},
		{"trim tags", "Hi\n{%- if a -%}\n  there\n{%- endif -%}\n!", Values{"a": "1"}, RenderOptions{}, "Hithere!"},
		{"trim a skipped line", "one\n{% if a -%}\ntwo\n{% endif -%}\nthree", nil, RenderOptions{}, "one\nthree"},
		{"trim a rendered line", "one\n{% if a -%}\ntwo\n{% endif -%}\nthree", Values{"a": "1"}, RenderOptions{}, "one\ntwo\nthree"},
		{"trim stops at text", "a {%- if x %} b {%- endif %}", Values{"x": "1"}, RenderOptions{}, "a b"},
		{"trim does not cross a value", "{{ a }}  {{- b }}", Values{"a": " x ", "b": "y"}, RenderOptions{}, " x y"},
		{"trim CRLF", "Hi\r\n{{- n -}}\r\n!", Values{"n": "Anna"}, RenderOptions{}, "HiAnna!"},
		{"trim keeps no-break space", "a\u00a0{{- n }}", Values{"n": "b"}, RenderOptions{}, "a\u00a0b"},
		{"name ending in - is trim", "{{ n-}} x", Values{"n": "A"}, RenderOptions{}, "Ax"},

		{"CRLF kept", "Hi {{ n }},\r\n\r\n{% if a %}Yes\r\n{% endif %}Bye\r\n", Values{"n": "Anna", "a": "1"}, RenderOptions{}, "Hi Anna,\r\n\r\nYes\r\nBye\r\n"},
		{"lone CR kept", "a\r{{ n }}\rb", Values{"n": "N"}, RenderOptions{}, "a\rN\rb"},

		{"raw", "Write {% raw %}{{ customer.name }}{% endraw %} in the body.", nil, RenderOptions{}, "Write {{ customer.name }} in the body."},
		{"raw with tags and unclosed braces", "{% raw %}{% if x %} {{ y{% endraw %}", nil, RenderOptions{}, "{% if x %} {{ y"},
		{"raw trims outside only", "a {%- raw -%} b {%- endraw -%} c", nil, RenderOptions{}, "a b c"},
		{"raw empty", "a{% raw %}{% endraw %}b", nil, RenderOptions{}, "ab"},
		{"raw endraw spacing", "{% raw %}x{%endraw%}y", nil, RenderOptions{}, "xy"},
		{"raw not ended by endrawx", "{% raw %}{% endrawx %}{% endraw %}", nil, RenderOptions{}, "{% endrawx %}"},
		{"comment", "a{% comment %} {{ x }} {% if %} {% endcomment %}b", nil, RenderOptions{}, "ab"},
		{"inline comment", "a{% # a note for editors %}b", nil, RenderOptions{}, "ab"},

		{"stray closers are text", "a }} b %} c { d", nil, RenderOptions{}, "a }} b %} c { d"},
		{"multi-line reply", "Hi {{ customer.name | default: \"there\" }},\n\nI'm sorry your order {{ order.id }} arrived late.\n{% if order.tracking_url %}You can follow it here: {{ order.tracking_url }}{% endif %}\n",
			Values{"order.id": "A-1042"}, RenderOptions{}, "Hi there,\n\nI'm sorry your order A-1042 arrived late.\n\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := render(t, tc.src, tc.vals, tc.opts)
			if err != nil {
				t.Fatalf("render(%q): %v", tc.src, err)
			}
			if string(r.Text) != tc.want {
				t.Errorf("render(%q) = %q, want %q", tc.src, r.Text, tc.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	const filters = "(known: default, fallback, capitalize, upcase, downcase, strip)"
	const ops = "(known: ==, !=, contains, and, or)"
	tests := []struct {
		src  string
		vals Values
		want string
	}{
		// Unclosed tags.
		{"Hi {{ customer.name", nil, `t.md:1:4: unclosed {{: close the placeholder with }}`},
		{"Hi {{ customer.name }", nil, `t.md:1:4: unclosed {{: close the placeholder with }}`},
		{"Hi {{ customer.name %} there", nil, `t.md:1:4: unclosed {{: close the placeholder with }} (it ends with %})`},
		{"{{ a \n{{ b }}", nil, `t.md:1:1: unclosed {{: close the placeholder with }}`},
		{"{% if x", nil, `t.md:1:1: unclosed {%: close the tag with %}`},
		{"{% if x }}yes{% endif %}", nil, `t.md:1:1: unclosed {%: close the tag with %} (it ends with }})`},
		{"{% if {{ x }} %}yes{% endif %}", nil, `t.md:1:7: {{ inside {% … %}: write the variable without braces, like {% if order.tracking_url %}`},
		// Blocks.
		{"a\n{% else %}", nil, `t.md:2:1: {% else %} without {% if %} or {% unless %}: remove it, or open the block before it`},
		{"{% elsif a %}", nil, `t.md:1:1: {% elsif %} without {% if %}: remove it, or open the block with {% if … %}`},
		{"x\n  {% if order.tracking_url %}\nFollow it{% if a %}{% endif %}", nil, `t.md:2:3: {% if %} is never closed: add {% endif %} where its block ends`},
		{"{% unless a %}", nil, `t.md:1:1: {% unless %} is never closed: add {% endunless %} where its block ends`},
		{"ok\n{% endif %}", nil, `t.md:2:1: {% endif %} without {% if %}: remove it, or add the {% if … %} it closes`},
		{"{% endunless %}", nil, `t.md:1:1: {% endunless %} without {% unless %}: remove it, or add the {% unless … %} it closes`},
		{"{% if a %}\n{% endunless %}", nil, `t.md:2:1: {% endunless %} cannot close {% if %} (opened at line 1, column 1): use {% endif %}`},
		{"{% if a %}{% else %}{% else %}{% endif %}", nil, `t.md:1:21: a second {% else %} in one {% if %} block (opened at line 1, column 1): remove one`},
		{"{% if a %}{% else %}{% elsif b %}{% endif %}", nil, `t.md:1:21: {% elsif %} after {% else %}: move it before the {% else %}`},
		{"{% if a %}{% else b %}{% endif %}", nil, `t.md:1:19: {% else %} takes no condition: did you mean {% elsif b %}?`},
		{"{% if a %}{% endif a %}", nil, `t.md:1:20: unexpected "a": {% endif %} takes nothing more`},
		{"{% raw %}{{ x }}", nil, `t.md:1:1: {% raw %} is never closed: add {% endraw %}`},
		{"{% comment %}", nil, `t.md:1:1: {% comment %} is never closed: add {% endcomment %}`},
		{"{% endraw %}", nil, `t.md:1:1: {% endraw %} without {% raw %}: remove it`},
		// Placeholders and filters.
		{"Hi {{ }}", nil, `t.md:1:4: empty placeholder {{ }}: put a variable name inside, like {{ customer.name }}`},
		{"Hi {{- -}}", nil, `t.md:1:4: empty placeholder {{ }}: put a variable name inside, like {{ customer.name }}`},
		{`{{ "x" }}`, nil, `t.md:1:4: expected a variable name like customer.name, found "x"`},
		{`{{ a..b }}`, nil, `t.md:1:4: bad variable name "a..b": use letters a-z, digits, _ and - joined by dots, like customer.name`},
		{`{{ order.1st }}`, nil, `t.md:1:4: bad variable name "order.1st": use letters a-z, digits, _ and - joined by dots, like customer.name`},
		{`{{ a b }}`, nil, `t.md:1:6: unexpected "b" after a: put filters after a |, like {{ a | capitalize }}`},
		{`{{ a | titlecase }}`, nil, `t.md:1:8: unknown filter "titlecase" ` + filters},
		{`{{ a | }}`, nil, `t.md:1:8: expected a filter name after | ` + filters},
		{`{{ a | upcase: "x" }}`, nil, `t.md:1:14: upcase takes no argument: write | upcase`},
		{`{{ a | default }}`, nil, `t.md:1:8: default needs the text to use instead, like default: "there"`},
		{`{{ a | fallback: b }}`, nil, `t.md:1:18: fallback needs a quoted text, like fallback: "there"`},
		{`{{ a | default: "x", allow_false: true }}`, nil, `t.md:1:20: default takes one text, like default: "there"`},
		{`{{ a | default: "x }}`, nil, `t.md:1:17: unterminated string: close it with " on the same line`},
		{"{{ a | default: 'x\n' }}", nil, `t.md:1:17: unterminated string: close it with ' on the same line`},
		// Conditions.
		{`{% if %}yes{% endif %}`, nil, `t.md:1:7: {% if %} needs a condition, like {% if order.tracking_url %}`},
		{`{% if a = "x" %}{% endif %}`, nil, `t.md:1:9: unknown operator "=" ` + ops},
		{`{% if a > 3 %}{% endif %}`, nil, `t.md:1:9: unknown operator ">" ` + ops},
		{`{% if a && b %}{% endif %}`, nil, `t.md:1:9: unknown operator "&&" ` + ops},
		{`{% if a || b %}{% endif %}`, nil, `t.md:1:9: unknown operator "||" ` + ops},
		{`{% if a == %}{% endif %}`, nil, `t.md:1:12: expected a value after ==`},
		{`{% if a and %}{% endif %}`, nil, `t.md:1:13: expected a value after and`},
		{`{% if a b %}{% endif %}`, nil, `t.md:1:9: unexpected "b" in {% if %}: join conditions with and / or`},
		{`{% if a == "x" == "y" %}{% endif %}`, nil, `t.md:1:16: unexpected "==": compare two values at a time, and join comparisons with and / or`},
		{`{% if a or and %}{% endif %}`, nil, `t.md:1:12: expected a value after or, found "and"`},
		{`{% if "x %}{% endif %}`, nil, `t.md:1:7: unterminated string: close it with " on the same line`},
		// Tags.
		{"Hi\n{% for item in order.items %}{{ item }}{% endfor %}", nil, `t.md:2:1: {% for %} is not supported: replykit templates have no loops, so every reply can be checked`},
		{`{% include "signature" %}`, nil, `t.md:1:1: {% include %} is not supported: replykit templates cannot pull in other files, so every reply can be checked on its own`},
		{`{% assign x = "y" %}`, nil, `t.md:1:1: {% assign %} is not supported: replykit templates have no assignments: values come from --set or --vars, so every reply can be checked`},
		{`{% case x %}`, nil, `t.md:1:1: {% case %} is not supported: use {% if %} … {% elsif %} … {% endif %} instead`},
		{`{% frobnicate %}`, nil, `t.md:1:1: unknown tag {% frobnicate %} (known: if, elsif, else, endif, unless, endunless, raw, endraw, comment, endcomment)`},
		{`{% %}`, nil, `t.md:1:1: empty tag {% %}: write a tag such as {% if order.tracking_url %} (known: if, elsif, else, endif, unless, endunless, raw, endraw, comment, endcomment)`},
		{"{{{ n }}}", nil, `t.md:1:3: expected a variable name like customer.name, found "{"`},
		{`{% "if" %}`, nil, `t.md:1:4: expected a tag name after {%, like {% if order.tracking_url %}, found "if"`},
		// Missing variables: all of them, once each, in order, only where rendered.
		{"Hi {{ customer.name }},", nil, `t.md:1:4: variable customer.name has no value and no default: set it with --set customer.name=…`},
		{"Hi {{ customer.name | upcase }},", nil, `t.md:1:4: variable customer.name has no value and no default: set it with --set customer.name=…`},
		{"Hi {{ customer.name }},\n\nYour order {{ order.id }}, {{ customer.name }}.\n{% if a %}{{ b }}{% else %}{{ c }}{% endif %}", nil,
			"t.md:1:4: variable customer.name has no value and no default: set it with --set customer.name=…\n" +
				"t.md:3:12: variable order.id has no value and no default: set it with --set order.id=…\n" +
				"t.md:4:28: variable c has no value and no default: set it with --set c=…"},
	}
	for _, tc := range tests {
		t.Run(tc.src, func(t *testing.T) {
			r, err := render(t, tc.src, tc.vals, RenderOptions{})
			if err == nil {
				t.Fatalf("render(%q) = %q, want error %s", tc.src, r.Text, tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("render(%q):\n got %s\nwant %s", tc.src, err, tc.want)
			}
			var be *BodyError
			if !errors.As(err, &be) {
				t.Errorf("error %v is not a *BodyError", err)
			}
		})
	}
}

func TestMissingErrorNamesTheVariable(t *testing.T) {
	b, err := ParseBody("greeting.md", []byte("Hi {{ customer.name }} {{ order.id }}"), Pos{Offset: 10, Line: 3, Column: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.Render(nil, RenderOptions{})
	var be *BodyError
	if !errors.As(err, &be) || be.Var != "customer.name" || be.File != "greeting.md" || be.Pos != (Pos{Offset: 13, Line: 3, Column: 4}) {
		t.Fatalf("got %#v", be)
	}
	if got := strings.Count(err.Error(), "\n"); got != 1 {
		t.Errorf("want two lines, got %q", err)
	}
	if !strings.HasPrefix(err.Error(), "greeting.md:3:4: variable customer.name has no value") {
		t.Errorf("got %q", err)
	}
}

func TestValuesAreLiteral(t *testing.T) {
	src := "Hi {{ customer.name }}, {% raw %}{{ customer.name }}{% endraw %}"
	evil := "{{ secret }} {% if a %}A{% endif %} {% for x in y %} {%- raw -%}"
	r, err := render(t, src, Values{"customer.name": evil, "secret": "LEAK", "a": "1"}, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Hi " + evil + ", {{ customer.name }}"
	if string(r.Text) != want {
		t.Fatalf("got %q, want %q", r.Text, want)
	}
	if len(r.Spans) != 4 || !r.Spans[1].Value || r.Spans[1].Var != "customer.name" || r.Spans[3].Value {
		t.Errorf("spans: %+v", r.Spans)
	}
}

func TestSpans(t *testing.T) {
	src := "Hi {{ n | default: \"there\" }},\n{% if a -%}\n  {{ a }}\n{%- endif %}!{% raw %}{{x}}{% endraw %}"
	b, err := ParseBody("t.md", []byte(src), Pos{Offset: 100, Line: 8, Column: 1})
	if err != nil {
		t.Fatal(err)
	}
	r, err := b.Render(Values{"a": "yes"}, RenderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	at := func(sub string) int { return 100 + strings.Index(src, sub) }
	comma, tag, bang, raw := at(","), at("{{ a }}"), at("!"), at("{{x}}")
	want := []Span{
		{0, 3, 100, 103, false, ""},                    // "Hi "
		{3, 8, 103, comma, true, "n"},                  // the default, mapped to its whole tag
		{8, 10, comma, comma + 2, false, ""},           // ",\n"; "\n  " after -%} is trimmed
		{10, 13, tag, tag + len("{{ a }}"), true, "a"}, // the value
		{13, 14, bang, bang + 1, false, ""},            // "!"; "\n" before {%- is trimmed
		{14, 19, raw, raw + len("{{x}}"), false, ""},   // raw content
	}
	if string(r.Text) != "Hi there,\nyes!{{x}}" {
		t.Fatalf("text %q", r.Text)
	}
	if fmt.Sprint(r.Spans) != fmt.Sprint(want) {
		t.Errorf("spans\n got %v\nwant %v", r.Spans, want)
	}
	checkSpans(t, b, r)
}

// TestPositions checks that positions are in the file: the body starts after
// front matter, lines end at \n, \r\n or a lone \r, and columns count
// characters, whatever the script.
func TestPositions(t *testing.T) {
	front := "---\r\nid: x\r\n---\r\n"
	body := "שלום {{ customer.name }},\r\n" + // line 4: Hebrew, 5 characters before {{
		"订单🎉 {{ order.id | upcase }}\r" + // line 5 ends with a lone \r
		"next\n" + // line 6
		"😀 {% if order.url %}{{ order.url }}{% endif %}\r\n" + // line 7
		"  {{ missing }} {{ missing }}\n" // line 8
	file := []byte(front + body)
	base := Pos{Offset: len(front), Line: 4, Column: 1}
	b, err := ParseBody("x.md", file[base.Offset:], base)
	if err != nil {
		t.Fatal(err)
	}
	off := func(s string) int { return bytes.Index(file, []byte(s)) }
	want := []VarUse{
		{"customer.name", Pos{off("customer.name"), 4, 9}, false},
		{"order.id", Pos{off("order.id"), 5, 8}, false},
		{"order.url", Pos{off("order.url"), 7, 9}, true},
		{"missing", Pos{off("missing"), 8, 6}, false},
	}
	if got := b.Vars(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Vars\n got %v\nwant %v", got, want)
	}
	for _, v := range b.Vars() {
		if got := naivePos(file, v.Pos.Offset); got != v.Pos {
			t.Errorf("%s: %v, counted naively %v", v.Name, v.Pos, got)
		}
	}
	_, err = b.Render(Values{"customer.name": "Anna"}, RenderOptions{})
	want2 := "x.md:5:5: variable order.id has no value and no default: set it with --set order.id=…\n" +
		"x.md:8:3: variable missing has no value and no default: set it with --set missing=…"
	if err == nil || err.Error() != want2 {
		t.Errorf("got %v\nwant %s", err, want2)
	}

	// A parse error in the middle of a line, with the body starting mid-line.
	_, err = ParseBody("y.md", []byte("é {{ a }}\r\nfoo 中文 {% while %}"), Pos{Offset: 30, Line: 2, Column: 5})
	if err == nil || err.Error() != "y.md:3:8: unknown tag {% while %} (known: if, elsif, else, endif, unless, endunless, raw, endraw, comment, endcomment)" {
		t.Errorf("got %v", err)
	}
	_, err = ParseBody("y.md", []byte("é {{ }}"), Pos{Offset: 30, Line: 2, Column: 5})
	var be *BodyError
	if !errors.As(err, &be) || be.Pos != (Pos{Offset: 33, Line: 2, Column: 7}) {
		t.Errorf("got %#v", be)
	}
	// A missing {% endif %} is reported where the {% if %} opens, even far back.
	_, err = ParseBody("z.md", []byte("a\r\n\r\n🎉 {% if a %}\r\n{{ a }}\r\n"+strings.Repeat("x\n", 50)), Pos{Line: 1, Column: 1})
	if err == nil || !strings.HasPrefix(err.Error(), "z.md:3:3: {% if %} is never closed") {
		t.Errorf("got %v", err)
	}
}

// naivePos counts the position of off in a whole file the slow, obvious way.
func naivePos(file []byte, off int) Pos {
	p := Pos{Offset: off, Line: 1, Column: 1}
	s := string(file[:off])
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		p.Line += strings.Count(s, "\n")
		s = s[i+1:]
	}
	p.Column += utf8.RuneCountInString(s)
	return p
}

func TestVars(t *testing.T) {
	src := `Hi {{ customer.name | default: "there" }}, {{ order.id }}
{% if order.tracking_url %}Track: {{ order.tracking_url }}{% endif %}
{% if agent.name and agent.team %}{{ agent.name }}, {{ agent.team }}{% endif %}
{% if a or b %}{{ a }}{% endif %}
{% if lang == "fi" %}{{ lang }}{% elsif x != "" %}{{ x }}{% else %}{{ y }}{% endif %}
{% unless z == "" %}{{ z }}{% endunless %}
{% unless w %}{{ w }}{% else %}{{ w }}{% endunless %}
{{ order.id | default: "?" }} {{ customer.name }}`
	b, err := ParseBody("t.md", []byte(src), Pos{Line: 1, Column: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range b.Vars() {
		got = append(got, fmt.Sprintf("%s=%v", v.Name, v.HasDefault))
	}
	want := "customer.name=false order.id=false order.tracking_url=true agent.name=true agent.team=true a=false b=true lang=true x=true y=false z=true w=false"
	if strings.Join(got, " ") != want {
		t.Errorf("Vars:\n got %s\nwant %s", strings.Join(got, " "), want)
	}
	// Vars returns a copy.
	b.Vars()[0].Name = "changed"
	if b.Vars()[0].Name != "customer.name" {
		t.Error("Vars shares its slice")
	}
}

func TestRenderManyTimes(t *testing.T) {
	b, err := ParseBody("t.md", []byte("Hi {{ n | default: \"there\" }}!"), Pos{Line: 1, Column: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"Anna", "", "Ben"} {
		r, err := b.Render(Values{"n": n}, RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := "Hi " + n + "!"
		if n == "" {
			want = "Hi there!"
		}
		if string(r.Text) != want {
			t.Errorf("got %q, want %q", r.Text, want)
		}
	}
}

// spanInputs are bodies for the span invariants; rendered with several value sets.
var spanInputs = []string{
	"",
	"plain",
	"{{ a }}",
	"{{ a }}{{ b }}{{ c }}",
	"x{{- a -}}y{{- b -}}z",
	"{% if a %}{% endif %}",
	"{% if a -%}  {%- endif %}",
	"  {%- if a -%}  x  {%- else -%}  y  {%- endif -%}  ",
	"{% unless a %}A{% elsif b %}B{% else %}C{% endunless %}",
	"{% raw %}{% endraw %}{% raw %} {% endraw %}",
	"a{% comment %}x{% endcomment %}b{% # n %}c",
	"ש{{ a | default: \"\" }}中{{ b | default: \"文\" | upcase }}😀\r\n",
	"{% if a == b or c contains \"x\" and d != '' %}{{ a }}{% elsif e %}{{ e | strip }}{% endif %}",
	"{{ a | strip }} {{ b | capitalize }} {{ c | downcase }} {{ d | upcase }}",
}

func TestSpanInvariants(t *testing.T) {
	valueSets := []Values{
		nil,
		{"a": "1", "b": "", "c": "x", "d": " D ", "e": " e "},
		{"a": "{{ a }}", "b": "{% if %}", "c": "中文", "d": "😀", "e": ""},
	}
	for _, src := range spanInputs {
		for _, vals := range valueSets {
			for _, opts := range []RenderOptions{{}, {AllowMissing: true}} {
				render(t, src, vals, opts) // checks spans when it renders
			}
		}
	}
}

// The fuzzed body sits in a file after fuzzPrefix, at fuzzBase.
const fuzzPrefix = "abcd\n\nx"

var fuzzBase = Pos{Offset: 7, Line: 3, Column: 2}

func FuzzParseRender(f *testing.F) {
	for _, s := range spanInputs {
		f.Add(s)
	}
	for _, s := range []string{
		"Hi {{ customer.name | default: \"there\" }},\n\nI'm sorry your order {{ order.id }} arrived late.\n{% if order.tracking_url %}You can follow it here: {{ order.tracking_url }}{% endif %}\n",
		"{% if a %}{% if b %}{% else %}{% endif %}",
		"{{ a | default: 'x', 'y' }}",
		"{% raw %}{{",
		"{{ a | fallback: \"}}\" -}}\r\n{%- unless b -%}\r{% endunless %}",
		"{% if {{ a }} %}",
	} {
		f.Add(s)
	}
	valueSets := []Values{
		nil,
		{"a": "1", "b": "", "c": "{{ a }}", "customer.name": "Anna", "order.id": "A-1"},
	}
	f.Fuzz(func(t *testing.T, src string) {
		base := fuzzBase
		b, err := ParseBody("f.md", []byte(src), base)
		if err != nil {
			checkError(t, err, src, base)
			return
		}
		last := -1
		all := Values{}
		for _, v := range b.Vars() {
			if v.Pos.Offset <= last || v.Pos.Offset >= base.Offset+len(src) || !strings.HasPrefix(src[v.Pos.Offset-base.Offset:], v.Name) {
				t.Fatalf("var %+v: out of order or not at its name", v)
			}
			last = v.Pos.Offset
			if got := naivePos([]byte(fuzzPrefix+src), v.Pos.Offset); got != v.Pos {
				t.Fatalf("var %+v, counted naively %+v", v, got)
			}
			all[v.Name] = "{{ " + v.Name + " }}"
		}
		for _, vals := range append(valueSets[:len(valueSets):len(valueSets)], all) {
			for _, opts := range []RenderOptions{{}, {AllowMissing: true}} {
				r, err := b.Render(vals, opts)
				if err != nil {
					if opts.AllowMissing {
						t.Fatalf("AllowMissing render failed: %v", err)
					}
					checkError(t, err, src, base)
					continue
				}
				checkSpans(t, b, r)
			}
		}
		// With every variable set, a strict render never fails.
		if _, err := b.Render(all, RenderOptions{}); err != nil {
			t.Fatalf("every variable set, still: %v", err)
		}
	})
}

// checkError checks that every error is a BodyError inside the body, at the right position.
func checkError(t *testing.T, err error, src string, base Pos) {
	t.Helper()
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	for _, e := range errs {
		be, ok := e.(*BodyError)
		if !ok {
			t.Fatalf("error %T %v is not a *BodyError", e, e)
		}
		if be.Pos.Offset < base.Offset || be.Pos.Offset > base.Offset+len(src) || be.Pos.Line < base.Line || be.Pos.Column < 1 || !strings.HasPrefix(be.Error(), "f.md:") {
			t.Fatalf("error %v at %+v outside the body", be, be.Pos)
		}
		if got := naivePos([]byte(fuzzPrefix+src), be.Pos.Offset); got != be.Pos {
			t.Fatalf("error %v at %+v, counted naively %+v", be, be.Pos, got)
		}
	}
}

func BenchmarkParseBody(b *testing.B) {
	src := []byte(strings.Repeat("Hi {{ customer.name | default: \"there\" }}, your order {{ order.id }} is late. {% if order.url %}Track: {{ order.url }}{% endif %}\n", 1000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := ParseBody("b.md", src, Pos{Line: 1, Column: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	src := []byte(strings.Repeat("Hi {{ customer.name | default: \"there\" }}, your order {{ order.id }} is late. {% if order.url %}Track: {{ order.url }}{% endif %}\n", 1000))
	body, err := ParseBody("b.md", src, Pos{Line: 1, Column: 1})
	if err != nil {
		b.Fatal(err)
	}
	vals := Values{"customer.name": "Anna", "order.id": "A-1042", "order.url": "https://example.com/t/1"}
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := body.Render(vals, RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseOneLine is one long line full of tags: position counting must stay linear.
func BenchmarkParseOneLine(b *testing.B) {
	src := []byte(strings.Repeat("ü {{ a }} {% if b %}c{% endif %} ", 20000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := ParseBody("b.md", src, Pos{Line: 1, Column: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
