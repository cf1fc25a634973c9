package lint

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// sgtSeg is one expected segment: its kind and its exact text.
type sgtSeg struct {
	kind SegmentKind
	text string
}

type sgtCase struct {
	name   string
	format Format
	in     string
	want   []sgtSeg
}

var sgtCases = []sgtCase{
	// Basics.
	{"empty input has no segments", FormatMarkdown, "", nil},
	{"plain prose is one segment", FormatMarkdown, "Thanks for reaching out!\nWe are on it.\n",
		[]sgtSeg{{Prose, "Thanks for reaching out!\nWe are on it.\n"}}},
	{"a BOM is markup", FormatMarkdown, "\xEF\xBB\xBFHello",
		[]sgtSeg{{Markup, "\xEF\xBB\xBF"}, {Prose, "Hello"}}},

	// Quotes.
	{"quote lines include their line ending; up to 3 spaces before >", FormatMarkdown,
		"Hi,\n> my order\n>is late\n   > indented\nOK\n",
		[]sgtSeg{{Prose, "Hi,\n"}, {Quote, "> my order\n>is late\n   > indented\n"}, {Prose, "OK\n"}}},
	{"four spaces before > is not a quote", FormatText, "    > not a quote\n",
		[]sgtSeg{{Prose, "    > not a quote\n"}}},
	{"attribution line directly before a quote is quote", FormatMarkdown,
		"Thanks!\n\nOn Mon, 3 Jun 2024, Anna <anna@example.com> wrote:  \n> Where is my refund?\n",
		[]sgtSeg{{Prose, "Thanks!\n\n"}, {Quote, "On Mon, 3 Jun 2024, Anna <anna@example.com> wrote:  \n> Where is my refund?\n"}}},
	{"attribution may be followed by a blank line (Apple Mail)", FormatText,
		"Am Mo., 3. Juni 2024 um 10:00 Uhr schrieb Anna <anna@example.de>:\n\n> Hallo\n",
		[]sgtSeg{{Quote, "Am Mo., 3. Juni 2024 um 10:00 Uhr schrieb Anna <anna@example.de>:\n"}, {Prose, "\n"}, {Quote, "> Hallo\n"}}},
	{"a line ending in wrote: without a quote after it is prose", FormatMarkdown,
		"Here is what you wrote:\nnothing quoted\n",
		[]sgtSeg{{Prose, "Here is what you wrote:\nnothing quoted\n"}}},
	{"prose between quote blocks stays prose", FormatMarkdown, "> a\nmy reply\n> b\n",
		[]sgtSeg{{Quote, "> a\n"}, {Prose, "my reply\n"}, {Quote, "> b\n"}}},
	{"CRLF line endings", FormatMarkdown, "Hi [NAME],\r\n> quoted\r\nThanks\r\n-- \r\nBob\r\n",
		[]sgtSeg{{Prose, "Hi "}, {Placeholder, "[NAME]"}, {Prose, ",\r\n"}, {Quote, "> quoted\r\n"},
			{Prose, "Thanks\r\n"}, {Signature, "-- \r\nBob\r\n"}}},
	{"lone CR ends a line", FormatMarkdown, "Hi\r> quoted\rBye",
		[]sgtSeg{{Prose, "Hi\r"}, {Quote, "> quoted\r"}, {Prose, "Bye"}}},

	// Signature and front matter.
	{"signature separator without the space", FormatMarkdown, "Best,\nAnna\n--\nAnna Smith | Support\n",
		[]sgtSeg{{Prose, "Best,\nAnna\n"}, {Signature, "--\nAnna Smith | Support\n"}}},
	{"only exactly -- or -- (space) starts a signature; --- is a thematic break", FormatMarkdown, "--- \n-- x\n --\n",
		[]sgtSeg{{Markup, "--- \n"}, {Prose, "-- x\n --\n"}}},
	{"front matter and signature", FormatMarkdown,
		"---\nsubject: Refund\nto: anna\n---\nHi Anna,\n\nThanks.\n-- \nBob\nSupport\n",
		[]sgtSeg{{FrontMatter, "---\nsubject: Refund\nto: anna\n---\n"}, {Prose, "Hi Anna,\n\nThanks.\n"},
			{Signature, "-- \nBob\nSupport\n"}}},
	{"front matter may close with ... and follow a BOM", FormatMarkdown, "\xEF\xBB\xBF---\r\na: 1\r\n...\r\nHi",
		[]sgtSeg{{Markup, "\xEF\xBB\xBF"}, {FrontMatter, "---\r\na: 1\r\n...\r\n"}, {Prose, "Hi"}}},
	{"unclosed front matter is not front matter", FormatMarkdown, "---\ntitle: x\nno close [NAME]",
		[]sgtSeg{{Markup, "---\n"}, {Prose, "title: x\nno close "}, {Placeholder, "[NAME]"}}},
	{"front matter only on the first line; later, --- is a rule or a heading's underline", FormatMarkdown, "Hi\n---\na\n---\n",
		[]sgtSeg{{Prose, "Hi\n"}, {Markup, "---\n"}, {Prose, "a\n"}, {Markup, "---\n"}}},
	{"two spaces or more ending a line are a hard break: markup", FormatMarkdown, "Hi Anna,  \nThanks.   \n\nBye. \nNo  \n  ",
		[]sgtSeg{{Prose, "Hi Anna,"}, {Markup, "  "}, {Prose, "\nThanks."}, {Markup, "   "}, {Prose, "\n\nBye. \nNo"}, {Markup, "  "}, {Prose, "\n  "}}},
	{"thematic breaks: three or more of one of - * _, spaced or not", FormatMarkdown, "a\n\n* * *\n   ___\n- - -  \nx\n**\n*-*\n\n    ---\nb",
		[]sgtSeg{{Prose, "a\n\n"}, {Markup, "* * *\n   ___\n- - -  \n"}, {Prose, "x\n**\n*-*\n\n    ---\nb"}}},

	// Code.
	{"fenced code, closing fence same char and at least as long", FormatMarkdown,
		"```\ncode {{x}}\n```\nafter\n~~~~\n~~~\nstill code\n~~~~~\nend",
		[]sgtSeg{{Code, "```\ncode {{x}}\n```\n"}, {Prose, "after\n"}, {Code, "~~~~\n~~~\nstill code\n~~~~~\n"}, {Prose, "end"}}},
	{"an unterminated fence runs to the end", FormatMarkdown, "Try:\n```js\nnever closed [NAME]\n> x\n",
		[]sgtSeg{{Prose, "Try:\n"}, {Code, "```js\nnever closed [NAME]\n> x\n"}}},
	{"fences work in plain text too", FormatText, "```\nx\n```\n",
		[]sgtSeg{{Code, "```\nx\n```\n"}}},
	{"backtick fence info string cannot hold a backtick", FormatMarkdown, "```foo`\nbar\n",
		[]sgtSeg{{Prose, "```foo`\nbar\n"}}},
	{"indented code needs a blank line (or the start) before it", FormatMarkdown,
		"Run:\n    not code (no blank line)\n\n    code\n\tmore code\nback\n",
		[]sgtSeg{{Prose, "Run:\n    not code (no blank line)\n\n"}, {Code, "    code\n\tmore code\n"}, {Prose, "back\n"}}},
	{"indented code at the very start", FormatMarkdown, "    $ make\nok",
		[]sgtSeg{{Code, "    $ make\n"}, {Prose, "ok"}}},
	{"indented text under a list item is not code", FormatMarkdown, "1. Step one\n\n    still step one\n",
		[]sgtSeg{{Markup, "1. "}, {Prose, "Step one\n\n    still step one\n"}}},
	{"no indented code in plain text", FormatText, "Hi\n\n    indented\n",
		[]sgtSeg{{Prose, "Hi\n\n    indented\n"}}},
	{"code spans are backtick runs of equal length", FormatMarkdown, "Type `npm i` or ``a ` b`` then `unclosed\n",
		[]sgtSeg{{Prose, "Type "}, {Code, "`npm i`"}, {Prose, " or "}, {Code, "``a ` b``"}, {Prose, " then `unclosed\n"}}},
	{"no code spans in plain text", FormatText, "Type `npm i`",
		[]sgtSeg{{Prose, "Type `npm i`"}}},
	{"escaped brackets and backticks are text", FormatMarkdown, "\\[Name\\] and \\`x\\` \\<b>",
		[]sgtSeg{{Prose, "\\[Name\\] and \\`x\\` \\<b>"}}},

	// Values to fill in, written in capitals or as blanks.
	{"capital placeholders", FormatMarkdown, "Hi FIRSTNAME, your ORDER NUMBER ships; INSERT TRACKING LINK. CUSTOMER_NAME ok",
		[]sgtSeg{{Prose, "Hi "}, {Placeholder, "FIRSTNAME"}, {Prose, ", your "}, {Placeholder, "ORDER NUMBER"},
			{Prose, " ships; "}, {Placeholder, "INSERT TRACKING LINK"}, {Prose, ". "}, {Placeholder, "CUSTOMER_NAME"}, {Prose, " ok"}}},
	// Words shouted are not placeholders: a contraction (HERE'S is not
	// HERE), nor any part of a run of five words or more in capitals.
	{"capitals shouted", FormatMarkdown, "PLEASE READ HERE'S WHAT’S NEW. GOOD LUCK WITH YOUR ORDER NOW. YOUR NAME",
		[]sgtSeg{{Prose, "PLEASE READ HERE'S WHAT’S NEW. GOOD LUCK WITH YOUR ORDER NOW. "}, {Placeholder, "YOUR NAME"}}},
	{"capitals that are not placeholders", FormatMarkdown, "THANK YOU, the FAQ and NASA; my ID is fine; NAMES",
		[]sgtSeg{{Prose, "THANK YOU, the FAQ and NASA; my ID is fine; NAMES"}}},
	{"blanks", FormatMarkdown, "Dear ___,\ncovered until ______ and __bold__ or ___strong___\n\n___\n",
		[]sgtSeg{{Prose, "Dear "}, {Placeholder, "___"}, {Prose, ",\ncovered until "}, {Placeholder, "______"},
			{Prose, " and __bold__ or ___strong___\n\n"}, {Markup, "___\n"}}},

	// Markdown links.
	{"inline, reference and shortcut links: text is prose", FormatMarkdown,
		"[our guide](https://x.com/guide) and [ref link][1] and [shortcut]\n\n[1]: https://x.com\n[shortcut]: https://y.com\n",
		[]sgtSeg{{Markup, "["}, {Prose, "our guide"}, {Markup, "]("}, {URL, "https://x.com/guide"}, {Markup, ")"},
			{Prose, " and "}, {Markup, "["}, {Prose, "ref link"}, {Markup, "][1]"}, {Prose, " and "},
			{Markup, "["}, {Prose, "shortcut"}, {Markup, "]"}, {Prose, "\n\n"},
			{Markup, "[1]: https://x.com\n[shortcut]: https://y.com\n"}}},
	{"link text is scanned too; titles are markup", FormatMarkdown, "[Hi {{name}}](/docs \"Docs\")",
		[]sgtSeg{{Markup, "["}, {Prose, "Hi "}, {Placeholder, "{{name}}"}, {Markup, "]("}, {URL, "/docs"}, {Markup, " \"Docs\")"}}},
	{"images are markup entirely", FormatMarkdown, "See ![screen shot](shot.png \"Shot\") above",
		[]sgtSeg{{Prose, "See "}, {Markup, "![screen shot](shot.png \"Shot\")"}, {Prose, " above"}}},
	{"plain text has no link syntax, only the URL", FormatText, "[guide](https://x.com/guide)",
		[]sgtSeg{{Prose, "[guide]("}, {URL, "https://x.com/guide"}, {Prose, ")"}}},
	{"task-list boxes are not placeholders", FormatMarkdown, "- [ ] todo\n- [x] done\n",
		[]sgtSeg{{Markup, "- [ ] "}, {Prose, "todo\n"}, {Markup, "- [x] "}, {Prose, "done\n"}}},
	{"list markers are markup: the item's text is the prose", FormatMarkdown, "Steps:\n\n1. ...\n2)  Go\n  - item\n* x\n+\n-x\n1.5 kg\n",
		[]sgtSeg{{Prose, "Steps:\n\n"}, {Markup, "1. "}, {Prose, "...\n"}, {Markup, "2)  "}, {Prose, "Go\n  "}, {Markup, "- "}, {Prose, "item\n"},
			{Markup, "* "}, {Prose, "x\n"}, {Markup, "+"}, {Prose, "\n-x\n1.5 kg\n"}}},
	{"heading markers are markup", FormatMarkdown, "# Title\n## Sub ##\n#hashtag\n",
		[]sgtSeg{{Markup, "#"}, {Prose, " Title\n"}, {Markup, "##"}, {Prose, " Sub ##\n#hashtag\n"}}},
	{"no headings in plain text", FormatText, "# Title\n", []sgtSeg{{Prose, "# Title\n"}}},

	// Placeholders.
	{"bracket placeholders", FormatMarkdown,
		"Dear [Customer Name], order [order number] ships [insert date] to [Street 1/2 #3]. Ref [1], [^2], [a]: x",
		[]sgtSeg{{Prose, "Dear "}, {Placeholder, "[Customer Name]"}, {Prose, ", order "}, {Placeholder, "[order number]"},
			{Prose, " ships "}, {Placeholder, "[insert date]"}, {Prose, " to "}, {Placeholder, "[Street 1/2 #3]"},
			{Prose, ". Ref [1], [^2], [a]: x"}}},
	{"template placeholders", FormatText,
		"{{ customer.name }} {{{raw}}} {% if vip %} ${name} %{ticket.name.first} #{id} {customer_name} {top/bottom/right/left} $SITEURL$",
		[]sgtSeg{{Placeholder, "{{ customer.name }}"}, {Prose, " "}, {Placeholder, "{{{raw}}}"}, {Prose, " "},
			{Placeholder, "{% if vip %}"}, {Prose, " "}, {Placeholder, "${name}"}, {Prose, " "},
			{Placeholder, "%{ticket.name.first}"}, {Prose, " "}, {Placeholder, "#{id}"}, {Prose, " "},
			{Placeholder, "{customer_name}"}, {Prose, " "}, {Placeholder, "{top/bottom/right/left}"}, {Prose, " "},
			{Placeholder, "$SITEURL$"}}},
	{"angle placeholders are not tags unless the first word is an element", FormatMarkdown,
		"<ORDER ID> <reporter> <insert issue> <Order-Nr> <b>x</b>",
		[]sgtSeg{{Placeholder, "<ORDER ID>"}, {Prose, " "}, {Placeholder, "<reporter>"}, {Prose, " "},
			{Placeholder, "<insert issue>"}, {Prose, " "}, {Placeholder, "<Order-Nr>"}, {Prose, " "},
			{Markup, "<b>"}, {Prose, "x"}, {Markup, "</b>"}}},
	{"template placeholders may span lines", FormatMarkdown, "{{#if vip}}\nThanks {{name}}\n{{/if}} {% if\n x %}",
		[]sgtSeg{{Placeholder, "{{#if vip}}"}, {Prose, "\nThanks "}, {Placeholder, "{{name}}"}, {Prose, "\n"},
			{Placeholder, "{{/if}}"}, {Prose, " "}, {Placeholder, "{% if\n x %}"}}},
	{"things that are not placeholders", FormatText, "a {} b { } c $5 $A$ 2 < 3 > 1 <3 [] [ x]",
		[]sgtSeg{{Prose, "a {} b { } c $5 $A$ 2 < 3 > 1 <3 [] [ x]"}}},
	{"masks: three or more X bounded by non-letters", FormatText,
		"Card XXXX-XXXX-XXXX-1234, code xxx, date XX/XX/XXXX; not XXL, Texxxas, XX, or XxX.",
		[]sgtSeg{{Prose, "Card "}, {Placeholder, "XXXX-XXXX-XXXX"}, {Prose, "-1234, code "}, {Placeholder, "xxx"},
			{Prose, ", date "}, {Placeholder, "XX/XX/XXXX"}, {Prose, "; not XXL, Texxxas, XX, or XxX."}}},
	{"a mask-like local part is an e-mail", FormatText, "xxx@example.com",
		[]sgtSeg{{Email, "xxx@example.com"}}},
	{"placeholders are not looked for in code or quotes", FormatMarkdown, "`{{x}}`\n> [NAME]\n",
		[]sgtSeg{{Code, "`{{x}}`"}, {Prose, "\n"}, {Quote, "> [NAME]\n"}}},

	// URLs and e-mails.
	{"URLs leave trailing punctuation out", FormatText,
		"Go to https://example.com/p?q=1&r=2#frag, (see http://x.org/wiki/Foo_(bar)) or www.example.org. ftp://files.x.org! mailto:help@x.com?",
		[]sgtSeg{{Prose, "Go to "}, {URL, "https://example.com/p?q=1&r=2#frag"}, {Prose, ", (see "},
			{URL, "http://x.org/wiki/Foo_(bar)"}, {Prose, ") or "}, {URL, "www.example.org"}, {Prose, ". "},
			{URL, "ftp://files.x.org"}, {Prose, "! "}, {URL, "mailto:help@x.com"}, {Prose, "?"}}},
	{"a URL stops before a template placeholder", FormatText, "https://x.com/orders/{{order_id}}/view",
		[]sgtSeg{{URL, "https://x.com/orders/"}, {Placeholder, "{{order_id}}"}, {Prose, "/view"}}},
	{"not URLs", FormatText, "http:// whttp://x.com www. https://", []sgtSeg{{Prose, "http:// whttp://x.com www. https://"}}},
	{"autolinks include their angle brackets", FormatMarkdown,
		"<https://example.com/a b> is not, <https://example.com/x> is, and <help@example.com>",
		[]sgtSeg{{Prose, "<"}, {URL, "https://example.com/a"}, {Prose, " b> is not, "}, {URL, "<https://example.com/x>"},
			{Prose, " is, and "}, {Email, "<help@example.com>"}}},
	{"e-mail addresses", FormatText, "Write to anna.b+1@mail.example.co.uk. Not: a@b, @example.com, x@y.c",
		[]sgtSeg{{Prose, "Write to "}, {Email, "anna.b+1@mail.example.co.uk"}, {Prose, ". Not: a@b, @example.com, x@y.c"}}},

	// HTML.
	{"known HTML tags are markup", FormatMarkdown,
		"<p>Hello <b>there</b>,<br/>see <a href=\"https://x.com\" title='a > b'>here</a>.</p>",
		[]sgtSeg{{Markup, "<p>"}, {Prose, "Hello "}, {Markup, "<b>"}, {Prose, "there"}, {Markup, "</b>"}, {Prose, ","},
			{Markup, "<br/>"}, {Prose, "see "}, {Markup, "<a href=\"https://x.com\" title='a > b'>"}, {Prose, "here"},
			{Markup, "</a>"}, {Prose, "."}, {Markup, "</p>"}}},
	{"tag names are case-insensitive", FormatText, "<DIV Class=x>a</Div>",
		[]sgtSeg{{Markup, "<DIV Class=x>"}, {Prose, "a"}, {Markup, "</Div>"}}},
	{"a tag may span lines", FormatMarkdown, "<a\n  href=\"x\">link</a> and more\n> quote\n",
		[]sgtSeg{{Markup, "<a\n  href=\"x\">"}, {Prose, "link"}, {Markup, "</a>"}, {Prose, " and more\n"}, {Quote, "> quote\n"}}},
	{"comments, unterminated ones run to the end", FormatMarkdown,
		"Hi <!-- internal: refund approved -->there\n<!-- unterminated\n> not a quote\n",
		[]sgtSeg{{Prose, "Hi "}, {Markup, "<!-- internal: refund approved -->"}, {Prose, "there\n"},
			{Markup, "<!-- unterminated\n> not a quote\n"}}},
	{"entities", FormatText, "Tom &amp; Jerry&#39;s &#x27;x&#X27; &nbsp; & not; &;",
		[]sgtSeg{{Prose, "Tom "}, {Markup, "&amp;"}, {Prose, " Jerry"}, {Markup, "&#39;"}, {Prose, "s "},
			{Markup, "&#x27;"}, {Prose, "x"}, {Markup, "&#X27;"}, {Prose, " "}, {Markup, "&nbsp;"}, {Prose, " & not; &;"}}},
	{"pre, code, script and style contents are code", FormatMarkdown,
		"<pre>\n> not quote\n[NAME]\n</pre>\n<code>{{x}}</code> <script>if (a<b) {}</script><style>p{}</style>",
		[]sgtSeg{{Markup, "<pre>"}, {Code, "\n> not quote\n[NAME]\n"}, {Markup, "</pre>"}, {Prose, "\n"},
			{Markup, "<code>"}, {Code, "{{x}}"}, {Markup, "</code>"}, {Prose, " "}, {Markup, "<script>"},
			{Code, "if (a<b) {}"}, {Markup, "</script><style>"}, {Code, "p{}"}, {Markup, "</style>"}}},
	{"a <code> that never closes is just a tag", FormatMarkdown, "Use the <code> tag for [NAME]",
		[]sgtSeg{{Prose, "Use the "}, {Markup, "<code>"}, {Prose, " tag for "}, {Placeholder, "[NAME]"}}},
	{"blockquote contents are quote, nesting counted", FormatHTML,
		"<blockquote type=cite>I want <blockquote>a</blockquote> refund</blockquote>Sure!",
		[]sgtSeg{{Markup, "<blockquote type=cite>"}, {Quote, "I want <blockquote>a</blockquote> refund"},
			{Markup, "</blockquote>"}, {Prose, "Sure!"}}},
	{"an unclosed blockquote is just a tag", FormatHTML, "<blockquote>x",
		[]sgtSeg{{Markup, "<blockquote>"}, {Prose, "x"}}},
	{"HTML has no > quotes or fences", FormatHTML,
		"<html><body><p>Dear <ORDER ID></p>\n> not a quote\n```\nnot a fence\n```\n</body></html>",
		[]sgtSeg{{Markup, "<html><body><p>"}, {Prose, "Dear "}, {Placeholder, "<ORDER ID>"}, {Markup, "</p>"},
			{Prose, "\n> not a quote\n```\nnot a fence\n```\n"}, {Markup, "</body></html>"}}},
	{"doctype and Outlook tags", FormatHTML, "<!DOCTYPE html><p>Hi<o:p></o:p></p>",
		[]sgtSeg{{Markup, "<!DOCTYPE html><p>"}, {Prose, "Hi"}, {Markup, "<o:p></o:p></p>"}}},

	// E-mail files.
	{"e-mail headers up to the first blank line, folded lines included", FormatEmail,
		"From: Anna <anna@example.com>\r\nSubject: Re: order\r\n  continued\r\n\r\nHi [NAME],\r\n> quoted\r\n",
		[]sgtSeg{{Header, "From: Anna <anna@example.com>\r\nSubject: Re: order\r\n  continued\r\n\r\n"}, {Prose, "Hi "},
			{Placeholder, "[NAME]"}, {Prose, ",\r\n"}, {Quote, "> quoted\r\n"}}},
	{"an .eml without headers is all body", FormatEmail, "Hello there\n",
		[]sgtSeg{{Prose, "Hello there\n"}}},
	{"an .eml body may hold HTML", FormatEmail, "Subject: x\n\n<p>Hi `x`</p>\n",
		[]sgtSeg{{Header, "Subject: x\n\n"}, {Markup, "<p>"}, {Prose, "Hi "}, {Code, "`x`"}, {Markup, "</p>"}, {Prose, "\n"}}},

	// Other scripts.
	{"Hebrew with a placeholder and a URL", FormatMarkdown, "שלום [שם הלקוח], ראה https://example.co.il/עזרה. תודה",
		[]sgtSeg{{Prose, "שלום "}, {Placeholder, "[שם הלקוח]"}, {Prose, ", ראה "}, {URL, "https://example.co.il/עזרה"},
			{Prose, ". תודה"}}},
	{"Hebrew angle placeholder", FormatText, "שלום <שם הלקוח>!",
		[]sgtSeg{{Prose, "שלום "}, {Placeholder, "<שם הלקוח>"}, {Prose, "!"}}},
	{"Chinese: URLs, e-mails and masks stop at Han characters", FormatMarkdown,
		"您好{客户姓名}，请访问https://example.cn/help获取帮助。请联系support@example.cn或www.example.cn。XXX号码",
		[]sgtSeg{{Prose, "您好"}, {Placeholder, "{客户姓名}"}, {Prose, "，请访问"}, {URL, "https://example.cn/help"},
			{Prose, "获取帮助。请联系"}, {Email, "support@example.cn"}, {Prose, "或"}, {URL, "www.example.cn"},
			{Prose, "。"}, {Placeholder, "XXX"}, {Prose, "号码"}}},
	{"emoji next to placeholders", FormatMarkdown, "Thanks 🙏 {{name}}! 😀XXX",
		[]sgtSeg{{Prose, "Thanks 🙏 "}, {Placeholder, "{{name}}"}, {Prose, "! 😀"}, {Placeholder, "XXX"}}},

	// Unterminated constructs stay prose (except comments and fences).
	{"unterminated inline constructs", FormatMarkdown, "{{ never closed\nand [name and <order id and `x and [t](u and ${x",
		[]sgtSeg{{Prose, "{{ never closed\nand [name and <order id and `x and [t](u and ${x"}}},
	{"placeholders longer than 60 bytes are text", FormatMarkdown, "[" + strings.Repeat("a", 61) + "]",
		[]sgtSeg{{Prose, "[" + strings.Repeat("a", 61) + "]"}}},
	{"invalid UTF-8 and NUL bytes are prose", FormatMarkdown, "a\xff\x00b [\xffX] <\xfe>",
		[]sgtSeg{{Prose, "a\xff\x00b [\xffX] <\xfe>"}}},
}

func TestSegmentTable(t *testing.T) {
	for _, tc := range sgtCases {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDocument("", []byte(tc.in), tc.format)
			sgtCheckInvariants(t, d)
			got := sgtRender(d)
			if !sgtEqual(got, tc.want) {
				t.Errorf("format %v, input %q\n got: %s\nwant: %s", tc.format, tc.in, sgtString(got), sgtString(tc.want))
			}
		})
	}
}

func TestDocumentFrontMatter(t *testing.T) {
	src := "---\nsubject: Refund\n---\nHi"
	d := NewDocument("reply.md", []byte(src), FormatMarkdown)
	s, e, ok := d.FrontMatter()
	if !ok || src[s:e] != "subject: Refund\n" {
		t.Fatalf("FrontMatter() = %d, %d, %v", s, e, ok)
	}
	if _, _, ok := NewDocument("", []byte("Hi\n"), FormatMarkdown).FrontMatter(); ok {
		t.Fatal("FrontMatter() reported front matter in a document without any")
	}
	if s, e, ok := NewDocument("", []byte("---\n---\n"), FormatMarkdown).FrontMatter(); !ok || s != e {
		t.Fatalf("empty front matter: %d, %d, %v", s, e, ok)
	}
}

func TestDocumentProse(t *testing.T) {
	src := []byte("Hi [NAME],\n> q\nThanks `x` a lot\n")
	d := NewDocument("", src, FormatMarkdown)
	var got []string
	d.Prose(func(s, e int) { got = append(got, string(src[s:e])) })
	want := []string{"Hi ", ",\n", "Thanks ", " a lot\n"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Prose = %q, want %q", got, want)
	}
	n := 0
	if a := testing.AllocsPerRun(100, func() { d.Prose(func(s, e int) { n += e - s }) }); a != 0 {
		t.Fatalf("Prose allocates %v times", a)
	}
}

func TestDocumentFormatFor(t *testing.T) {
	for path, want := range map[string]Format{
		"": FormatMarkdown, "-": FormatMarkdown, "a.md": FormatMarkdown, "a.MARKDOWN": FormatMarkdown,
		"a.mdx": FormatMarkdown, "a.txt": FormatText, "A.TXT": FormatText, "a.html": FormatHTML,
		"a.HTM": FormatHTML, "a.eml": FormatEmail, "dir.eml/a": FormatMarkdown, "a.docx": FormatMarkdown,
	} {
		if got := FormatFor(path); got != want {
			t.Errorf("FormatFor(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestSegmentKindString(t *testing.T) {
	want := "prose quote code markup url email placeholder front-matter header signature"
	var got []string
	for k := Prose; k <= Signature; k++ {
		got = append(got, k.String())
	}
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q", got)
	}
	if SegmentKind(99).String() != "SegmentKind(99)" {
		t.Fatal(SegmentKind(99).String())
	}
}

// sgtFragments are the pieces random documents are made of: every trigger of
// the segmenter, half-finished, plus odd bytes and line endings.
var sgtFragments = []string{
	"```", "~~~", "`", "``", "<!--", "-->", "<b>", "</b>", "<a href=\"", "\">", "<pre>", "</pre>", "<code>",
	"</code>", "<blockquote>", "</blockquote>", "<script>", "</script>", "{{", "}}", "{%", "%}", "{", "}", "${",
	"%{", "#{", "[", "]", "(", ")", "](", "![", "[x]", "[NAME]", "[1]: ", "<", ">", "<ORDER ID>", "&amp;", "&#",
	"&", ";", "http://", "https://x.com/a_(b)", "www.", "mailto:", "@", "a@b.co", "XXX", "x", "-", "$", "$AB$",
	"\r", "\n", "\r\n", "\x00", "\xff", "\xe2\x82", "> ", "-- \n", "--", "---\n", "...\n", "    ", "\t", "# ",
	"1. ", "- ", "wrote:\n", "שלום", "你好", "😀", "\xEF\xBB\xBF", "Subject: x\n", " ", "word", "\\", "o:p",
	"<!DOCTYPE", "<?", "\"", "'", "/", ":", ".",
}

func sgtRandomDoc(r *rand.Rand) []byte {
	var b bytes.Buffer
	for n := r.Intn(40); n > 0; n-- {
		b.WriteString(sgtFragments[r.Intn(len(sgtFragments))])
	}
	return b.Bytes()
}

func TestSegmentInvariantsRandom(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		src := sgtRandomDoc(r)
		for f := FormatMarkdown; f <= FormatEmail; f++ {
			sgtCheckInvariants(t, NewDocument("", src, f))
		}
		if t.Failed() {
			t.Fatalf("input %q", src)
		}
	}
}

// sgtHuge are inputs built to trip quadratic scanning: long lines of
// constructs that open and never close.
func sgtHuge(n int) map[string][]byte {
	m := map[string][]byte{}
	for _, frag := range []string{
		"<a ", "<a x=\"", "<b", "<pre>", "<blockquote>", "<!--x", "[", "[a](", "[a](b \"", "![a](", "[a]", "`",
		"` ``", "```", "{{", "{", "${", "<ORDER", "x@", "@", "a@", "http://", "www.x", "XXX", "&#", "&amp",
		"\r", "\n", "a\r", "> \n", "wrote:\n", "\n\n    x\n", "<code>", "{%", "((", "[a](((",
	} {
		m[frag] = bytes.Repeat([]byte(frag), n/len(frag)+1)
	}
	m["one line"] = append(append([]byte("x "), bytes.Repeat([]byte("y"), n)...), '\n')
	return m
}

func TestSegmentInvariantsHuge(t *testing.T) {
	for name, src := range sgtHuge(1 << 18) {
		for f := FormatMarkdown; f <= FormatEmail; f++ {
			sgtCheckInvariants(t, NewDocument("", src, f))
		}
		if t.Failed() {
			t.Fatalf("input %q", name)
		}
	}
}

// BenchmarkSegmentAdversarial segments inputs built to make a careless
// scanner quadratic, at 64 KiB and 256 KiB: ns/op should grow about four
// times, not sixteen. Timing belongs in benchmarks, not in tests that can fail
// on a busy machine.
func BenchmarkSegmentAdversarial(b *testing.B) {
	for _, size := range []int{1 << 16, 1 << 18} {
		inputs := sgtHuge(size)
		for name, src := range inputs {
			b.Run(fmt.Sprintf("%q/%dKiB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					NewDocument("", src, FormatMarkdown)
				}
			})
		}
	}
}

func FuzzSegment(f *testing.F) {
	for _, tc := range sgtCases {
		f.Add([]byte(tc.in), uint8(tc.format))
	}
	f.Fuzz(func(t *testing.T, src []byte, format uint8) {
		d := NewDocument("", src, Format(format%4))
		sgtCheckInvariants(t, d)
		// The skip over plain text passes only bytes inline would pass.
		slow := &Document{Src: src, Format: d.Format}
		sgSegmentSkipping(slow, false)
		if !slices.Equal(d.Segments, slow.Segments) {
			t.Fatalf("%q: skipping gives %v, looking at every byte %v", src, d.Segments, slow.Segments)
		}
	})
}

// BenchmarkSegment segments a few hundred KB of typical reply text.
func BenchmarkSegment(b *testing.B) {
	src := sgtBenchDoc(300 << 10)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		NewDocument("reply.md", src, FormatMarkdown)
	}
}

func sgtBenchDoc(size int) []byte {
	parts := []string{
		"Hi [Customer Name],\n\n",
		"Thank you for getting in touch with us about your order. I am sorry to hear that the delivery was late, and I completely understand how frustrating that must have been for you.\n",
		"I have checked your account and can see that the parcel left our warehouse on Monday. You can follow it at https://track.example.com/parcel?id=12345 or on our [tracking page](https://example.com/track).\n\n",
		"On Mon, 3 Jun 2024, Anna <anna@example.com> wrote:\n> Where is my parcel? I ordered it two weeks ago and still nothing.\n> Please help.\n\n",
		"To reset your password, run `replykit reset --user {{user.id}}` or open the settings page and choose *Security*.\n\n",
		"```\n$ curl -X POST https://api.example.com/v1/reset\n```\n\n",
		"If you have any other questions, just reply to this e-mail or write to support@example.com and we will be happy to help. Your reference is XXXX-XXXX.\n\n",
		"Kind regards,\nThe Support Team\n\n",
	}
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		b.WriteString(parts[i%len(parts)])
	}
	b.WriteString("-- \nExample Support\n")
	return b.Bytes()
}

func sgtCheckInvariants(t *testing.T, d *Document) {
	t.Helper()
	pos := 0
	for i, g := range d.Segments {
		switch {
		case g.Start != pos:
			t.Errorf("segment %d starts at %d, want %d (%v)", i, g.Start, pos, d.Segments)
			return
		case g.End <= g.Start:
			t.Errorf("segment %d is empty or reversed: %+v", i, g)
			return
		case i > 0 && d.Segments[i-1].Kind == g.Kind:
			t.Errorf("segments %d and %d are both %v", i-1, i, g.Kind)
			return
		case g.Kind > Signature:
			t.Errorf("segment %d has kind %v", i, g.Kind)
			return
		}
		pos = g.End
	}
	if pos != len(d.Src) {
		t.Errorf("segments end at %d, document at %d", pos, len(d.Src))
	}
	if s, e, ok := d.FrontMatter(); ok && (s < 0 || s > e || e > len(d.Src)) {
		t.Errorf("front matter span %d..%d", s, e)
	}
}

func sgtRender(d *Document) []sgtSeg {
	var out []sgtSeg
	for _, g := range d.Segments {
		out = append(out, sgtSeg{g.Kind, string(d.Src[g.Start:g.End])})
	}
	return out
}

func sgtEqual(a, b []sgtSeg) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sgtString(segs []sgtSeg) string {
	var b strings.Builder
	for _, g := range segs {
		b.WriteString("\n  " + g.kind.String() + " " + strings.ReplaceAll(strings.ReplaceAll(
			strings.ReplaceAll(g.text, "\r", `\r`), "\n", `\n`), "\t", `\t`))
	}
	return b.String()
}

// The fast paths of isWordRune, isSpaceless and foldRune agree with the
// Unicode tables they stand in for.
func TestRuneFastPaths(t *testing.T) {
	for r := rune(0x80); r <= 0xFFFF; r++ {
		if got, want := isWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r); got != want {
			t.Fatalf("isWordRune(%U) = %v, want %v", r, got, want)
		}
		if r >= 0x0590 && r <= 0x05FF { // Hebrew has no case
			if f := foldRune(r); f != unicode.ToLower(r) {
				t.Fatalf("foldRune(%U) = %U, want %U", r, f, unicode.ToLower(r))
			}
		}
	}
	for r := rune(0x5D0); r <= 0x5EA; r++ { // scanWord asks no case of Hebrew letters
		if unicode.IsUpper(r) || unicode.IsLower(r) || unicode.Is(unicode.Mn, r) {
			t.Fatalf("%U has a case or is a mark", r)
		}
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not Han, but isSpaceless says so", r)
		}
	}
	// Traditional characters fold to simplified as hantToHans pairs them,
	// through the bit set that turns the others away; the rest stay.
	hans := map[rune]rune{}
	for _, p := range hantToHans {
		hans[p[0]] = p[1]
	}
	for r := rune(hantFirst); r <= hantLast; r++ {
		want, ok := hans[r]
		if !ok {
			want = r
		}
		if got := foldRune(r); got != want {
			t.Fatalf("foldRune(%U %q) = %q, want %q", r, r, got, want)
		}
	}
}

// The skip over plain text stops where inline looks: at a byte of its
// table, but for a letter after a letter or digit.
func TestSegmenterPairs(t *testing.T) {
	for _, tc := range []struct {
		tbl   *[256]bool
		pairs *sgPairs
	}{{&sgTblPlain, sgPairsPlain}, {&sgTblMarkdown, sgPairsMarkdown}} {
		for prev := 0; prev < 256; prev++ {
			for c := 0; c < 256; c++ {
				want := tc.tbl[c] && !(sgIsLetter(byte(c)) && sgIsAlnum(byte(prev)))
				if got := tc.pairs.at([]byte{byte(prev), byte(c)}, 1); got != want {
					t.Fatalf("%q then %q: looked at %v, want %v", byte(prev), byte(c), got, want)
				}
			}
		}
	}
}

// The skip also passes a letter at a word's start that what follows it
// cannot make a URL, a mask or a placeholder in capitals; inline would look
// at it and move on.
func TestSegmenterNext(t *testing.T) {
	upper := func(b byte) bool { return 'A' <= b && b <= 'Z' }
	for c := 0; c < 256; c++ {
		for next := 0; next < 256; next++ {
			c, next := byte(c), byte(next)
			want := true
			if sgIsLetter(c) {
				want = sgURLSecond[c] != 0 && next|0x20 == sgURLSecond[c] || (c == 'x' || c == 'X') && next == c ||
					c == 'X' && (upper(next) || sgIsDigit(next) || next == '_') || upper(c) && upper(next)
			}
			if got := sgNext.at([]byte{c, next}, 1); got != want {
				t.Fatalf("%q then %q: looked at %v, want %v", c, next, got, want)
			}
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"The team will email you: http://x.io, FIRSTNAME, X1_ID and xxxx. Have a nice day", "http://x.io FIRSTNAME X1_ID xxxx"},
	} {
		d := NewDocument("t.txt", []byte(tc.in), FormatText)
		var got []string
		for _, g := range d.Segments {
			if g.Kind != Prose {
				got = append(got, tc.in[g.Start:g.End])
			}
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: not prose %q, want %q", tc.in, got, tc.want)
		}
	}
}
