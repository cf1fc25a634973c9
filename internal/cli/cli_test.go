package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runTTY runs replykit as if stdout were a terminal and returns what it printed.
func runTTY(t *testing.T, noColorEnv bool, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	draft := "Hi Anna,\n\nPlease calm down, the parcel is on its way.\nLet me know if anything else comes up.\n"
	if err := os.WriteFile(filepath.Join(dir, "draft.md"), []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, ErrTTY: true, NoColorEnv: noColorEnv}
	code = Main(append([]string{"lint", "draft.md"}, args...), io)
	return out.String(), errOut.String(), code
}

func TestTerminalOutput(t *testing.T) {
	out, errOut, code := runTTY(t, false)
	if code != ExitFindings {
		t.Errorf("exit %d, want %d", code, ExitFindings)
	}
	for _, want := range []string{
		" \x1b[2m3\x1b[0m \x1b[2m|\x1b[0m Please calm down, the parcel is on its way.",
		"\x1b[1m\x1b[36m^^^^^^^^^\x1b[0m",
		"try: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("terminal output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "1 warning in 1 file of 1 checked.") {
		t.Errorf("summary missing from stderr: %q", errOut)
	}
}

func TestNoColor(t *testing.T) {
	for name, run := range map[string]func() (string, string, int){
		"NO_COLOR":   func() (string, string, int) { return runTTY(t, true) },
		"--no-color": func() (string, string, int) { return runTTY(t, false, "--no-color") },
	} {
		out, _, _ := run()
		if strings.Contains(out, "\x1b[") {
			t.Errorf("%s: colour in output:\n%q", name, out)
		}
		if !strings.Contains(out, "   |        ^^^^^^^^^") {
			t.Errorf("%s: no caret under the span:\n%s", name, out)
		}
	}
}

// On a terminal, draft asks for required values that are missing.
func TestDraftPrompts(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tpl := "---\nvars:\n  customer.name: {required: true, description: \"The customer's first name\"}\n  order.id: {required: true}\n---\nHi {{ customer.name }}, order {{ order.id }} ships today. Let me know if anything else comes up.\n"
	if err := os.WriteFile("t.md", []byte(tpl), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader("Anna\nA-7\n"), Out: &out, ErrOut: &errOut, InTTY: true}
	if code := Main([]string{"draft", "t.md", "--no-lint"}, io); code != ExitClean {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if got := out.String(); got != "Hi Anna, order A-7 ships today. Let me know if anything else comes up.\n" {
		t.Errorf("reply %q", got)
	}
	if !strings.Contains(errOut.String(), "customer.name (The customer's first name): ") {
		t.Errorf("no prompt for customer.name in %q", errOut.String())
	}

	// An answer left empty is still missing: the renderer names it.
	out.Reset()
	errOut.Reset()
	io.In = strings.NewReader("\n")
	if code := Main([]string{"draft", "t.md"}, io); code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	if !strings.Contains(errOut.String(), "t.md:6:4: variable customer.name has no value") {
		t.Errorf("stderr %q", errOut.String())
	}
}

// A walk of many files on a terminal shows progress on stderr; piped, it does not.
func TestProgress(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for i := range progressMin {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%03d.md", i)), []byte("Thanks for writing.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tty := range []bool{true, false} {
		var out, errOut bytes.Buffer
		io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrTTY: tty}
		Main([]string{"lint", "--fail-on", "never", "."}, io)
		shown := strings.Contains(errOut.String(), fmt.Sprintf("%d/%d files", progressMin, progressMin))
		if shown != tty {
			t.Errorf("terminal %v: progress shown %v in %q", tty, shown, errOut.String())
		}
	}
}

// Only a lint run that asks for no help gets the lint-only command tree.
func TestPlainLint(t *testing.T) {
	for args, want := range map[string]bool{
		"lint -":                        true,
		"lint draft.md -q --lang en":    true,
		"lint - -- -h":                  true,
		"lint -h":                       false,
		"lint -qh -":                    false,
		"lint --help":                   false,
		"lint --help=true":              false,
		"--config x.yaml lint draft.md": false,
		"rules list":                    false,
		"":                              false,
	} {
		if got := plainLint(strings.Fields(args)); got != want {
			t.Errorf("%q: plain lint %v, want %v", args, got, want)
		}
	}
}

// Converted Vale styles are kept in REPLYKIT_CACHE, else in the user's
// cache folder; REPLYKIT_CACHE=off keeps none.
func TestValeCacheFolder(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg")
	t.Setenv("HOME", "/tmp/home")
	user, err := os.UserCacheDir() // /tmp/xdg on Linux
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ env, want string }{
		{"", filepath.Join(user, "replykit", "vale-styles")},
		{"/tmp/rk", filepath.Join("/tmp/rk", "vale-styles")},
		{"off", ""},
	} {
		t.Setenv("REPLYKIT_CACHE", tc.env)
		if got := valeCache(); got != tc.want {
			t.Errorf("REPLYKIT_CACHE=%q: %q, want %q", tc.env, got, tc.want)
		}
		if got := (&Config{}).Engine().ValeCache; got != tc.want {
			t.Errorf("REPLYKIT_CACHE=%q: the engine's %q, want %q", tc.env, got, tc.want)
		}
	}
}

// import-vale -o writes to a pipe (a shell's /dev/stdout) as it is, where
// a file is replaced whole: a pipe cannot be renamed over.
func TestImportValeToPipe(t *testing.T) {
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skip("no /dev/fd here to name a pipe by")
	}
	styles, err := filepath.Abs("../vale/testdata/styles")
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("REPLYKIT_CACHE", "off")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		var b bytes.Buffer
		b.ReadFrom(r)
		got <- b.String()
	}()
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code := Main([]string{"rules", "import-vale", styles, "-o", fmt.Sprintf("/dev/fd/%d", w.Fd())}, io)
	w.Close()
	text := <-got
	if code != ExitClean || !strings.Contains(text, "id: vale.tone.hedging") || out.Len() != 0 {
		t.Errorf("exit %d, %d bytes through the pipe, %d to stdout; stderr:\n%s", code, len(text), out.Len(), errOut.String())
	}
}
