package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/internal/fsutil"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/lint/output"
)

// LintOptions are the parsed arguments of `replykit lint`.
type LintOptions struct {
	// Ctx ends the run early when it is done (Ctrl-C); nil means never.
	Ctx    context.Context
	IO     *IOStreams
	Global *globalOptions
	Flags  *pflag.FlagSet

	Paths         []string
	StdinFilename string
	CustomerName  string
	Situation     string
	InReplyTo     string
	Fix           bool
	Diff          bool
}

func newLintCmd(io *IOStreams, g *globalOptions, runF func(*LintOptions) error) *cobra.Command {
	opts := &LintOptions{IO: io, Global: g}
	c := &cobra.Command{
		Use:   "lint [PATH... | -]",
		Short: "Check reply drafts for tone",
		Long: `Check reply drafts for tone and report each problem with its place, the reason and a
better phrasing.

PATH may be a file, a folder (walked for ` + strings.Join(DefaultExtensions, ", ") + ` files; see
extensions: in the configuration), or - for standard input. Quoted lines (> …), code,
HTML tags, URLs, e-mail addresses, placeholders, front matter and the signature after
a "-- " line are never checked as prose.

The reply's situation decides some rules: a complaint must be answered with an
apology. Give it with --situation, or let replykit read the customer's message with
--in-reply-to. The customer's name comes from --customer-name or the greeting
("Hi Anna,").

--fix applies the replacements rules offer ("I don't know" → "let me find out"),
writing each file through a temporary file so a failure never leaves half a file,
and keeping its mode; then it reports what is left. --diff shows the same changes
as a unified diff and writes nothing.

--vale-style DIR also runs the existence, substitution and occurrence rules of a Vale
styles folder (or one style's folder), with ids vale.<style>.<rule>; rules it cannot
convert are listed on standard error. --disable all --enable vale runs only those.
A style is converted once and kept, compiled, in the user's cache folder, so that
later runs start fast; REPLYKIT_CACHE=DIR keeps it in DIR, REPLYKIT_CACHE=off nowhere.
See replykit rules import-vale --help.

A file over --max-file-size (max-file-size: in the configuration; default 256MB) is
skipped with a note and never read.

Exit status: 0 when nothing reaches --fail-on, 1 when something does, 2 when the
command, the configuration, a rule or a path is wrong, 130 when interrupted (Ctrl-C):
the files already reported stay whole, and nothing more is written.`,
		Example: `  replykit lint draft.md
  replykit lint replies/ --diff
  replykit lint replies/ --fix
  replykit lint replies/ --format json --fail-on error
  replykit lint draft.md --in-reply-to customer.eml
  replykit lint --vale-style styles/ --disable all --enable vale drafts/
  replykit lint - --stdin-filename reply.md --format json < reply.md`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Flags = cmd.Flags()
			opts.Ctx = cmd.Context()
			if len(args) == 0 {
				return usageErrorf("lint needs something to check: a file, a folder, or - for standard input\nRun `replykit lint --help` for examples.")
			}
			if opts.Fix && opts.Diff {
				return usageErrorf("--fix and --diff do not go together: --diff shows what --fix would do")
			}
			if opts.Situation != "" && !lint.ValidSituation(opts.Situation) {
				return usageErrorf("--situation %q: want %s", opts.Situation, strings.Join(lint.Situations, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return lintRun(opts)
		},
	}
	addOutputFlags(c)
	f := c.Flags()
	f.StringVar(&opts.StdinFilename, "stdin-filename", "", "name to report for standard input; its extension picks the format (.md, .txt, .html, .eml)")
	f.StringVar(&opts.CustomerName, "customer-name", "", "the customer's name, for the name-overuse check (default: from the greeting)")
	f.StringVar(&opts.Situation, "situation", "", "what the reply answers: complaint, question or feedback")
	f.StringVar(&opts.InReplyTo, "in-reply-to", "", "the customer's message; a complaint there makes the reply's situation a complaint")
	f.BoolVar(&opts.Fix, "fix", false, "apply the safe replacements and write each file back (standard input: print the fixed text)")
	f.BoolVar(&opts.Diff, "diff", false, "print the replacements --fix would make as a unified diff, and change nothing")
	f.StringSlice("vale-style", nil, "also run the existence, substitution and occurrence rules of the Vale styles in `DIR` (a styles folder or one style's folder; repeatable)")
	f.String("max-file-size", DefaultMaxFileSize, "skip files larger than this, without reading them: bytes, or a size such as 200MB")
	return c
}

// target is one thing to lint: a path, or standard input.
type target struct {
	path  string // as reported
	stdin bool
}

func lintRun(opts *LintOptions) error {
	base := opts.Ctx
	if base == nil {
		base = context.Background()
	}
	// Ctrl-C or SIGTERM stops the run between files: what is on stdout stays
	// whole lines, and the exit code is 130. A short run needs no handler.
	run, signalsInstalled, stopSignals := base, func() {}, func() {}
	if !shortRun(opts) {
		run, signalsInstalled, stopSignals = notifyContext(base, os.Interrupt, syscall.SIGTERM)
	}
	defer stopSignals()
	gcBack := relaxGC()
	defer gcBack()
	cwd, _ := os.Getwd()
	cfg, err := loadConfig(opts.Flags, opts.Global.ConfigPath, cwd)
	if err != nil {
		return err
	}
	if !output.ValidFormat(cfg.Format) {
		return usageErrorf("--format %q: want one of %s", cfg.Format, strings.Join(output.Formats, ", "))
	}
	// The folders are walked while the rules load: both take a few
	// milliseconds before any draft is linted, on a core of their own. A
	// draft on standard input alone has nothing to walk, and a goroutine
	// would cost it more than it saves (0.05 to 0.15 ms of a 6 ms start).
	type walk struct {
		targets     []target
		notes, errs []error
	}
	walked := make(chan walk, 1)
	walk1 := func() {
		targets, notes, errs := collect(opts.Paths, cfg.Extensions, opts.StdinFilename)
		walked <- walk{targets, notes, errs}
	}
	if len(opts.Paths) == 1 && opts.Paths[0] == "-" {
		walk1()
	} else {
		go walk1()
	}
	eng, err := engine.New(cfg.Engine())
	if eng != nil {
		switch skips := eng.Skipped(); {
		case opts.Global.Verbose:
			printSkipped(opts.IO, skips)
		case !opts.Global.Quiet:
			summarizeSkipped(opts.IO, skips)
		}
	}
	if err != nil {
		return err
	}
	ctx := lint.Context{Situation: opts.Situation, CustomerName: strings.TrimSpace(opts.CustomerName)}
	if opts.InReplyTo != "" && ctx.Situation == "" {
		msg, err := os.ReadFile(opts.InReplyTo)
		if err != nil {
			return usageErrorf("--in-reply-to %s: %v", opts.InReplyTo, unwrapPath(err))
		}
		if ctx.Situation, err = eng.Situation(opts.InReplyTo, msg); err != nil {
			return err
		}
	}
	// Fail early on rule errors, before any output.
	if _, err := eng.RuleSet(eng.Language(lint.NewDocument("", nil, lint.FormatMarkdown))); err != nil {
		return err
	}

	w := <-walked
	targets, notes, walkErrs := w.targets, w.notes, w.errs
	note := func(format string, args ...any) {
		fmt.Fprintf(opts.IO.ErrOut, "replykit: "+format+"\n", args...)
	}
	for _, e := range walkErrs {
		note("%v", e)
	}
	if !opts.Global.Quiet {
		for _, e := range notes {
			note("%v", e)
		}
	}

	pretty := opts.IO.OutTTY && cfg.Format == "text"
	// Everything for stdout goes through gate, which passes on whole lines
	// only until the end: an interrupted run never leaves half a line;
	// and out holds those lines back until the writer has nothing more to
	// write (see lintAll), the run ends, or it fills.
	out := bufio.NewWriterSize(opts.IO.Out, 64<<10)
	gate := &lineGate{w: out}
	f, err := output.New(cfg.Format, gate, formatOptions(cfg.Format, eng, pretty, opts.IO.Color(opts.Global.NoColor)))
	if err != nil {
		return usageErrorf("%v", err)
	}
	signalsInstalled() // before anything is written, so an interrupt finds whole lines
	if err := f.Start(); err != nil {
		return err
	}
	var sum output.Summary
	failed := len(walkErrs) > 0
	bar := newProgress(opts.IO, len(targets), opts.Global.Quiet)
	defer bar.done()
	fixed := 0
	err = lintAll(run, targets, opts.IO.In, cfg.MaxFileSize, func(t target, src []byte) (*checked, error) {
		if isBinary(src) {
			return nil, fmt.Errorf("%s: skipped: this looks like a binary file, not a reply", t.path)
		}
		res, err := eng.Lint(t.path, src, ctx)
		if err != nil {
			return nil, err
		}
		c := &checked{}
		if opts.Fix || opts.Diff {
			if out, n := lint.ApplyFixes(src, res.Diagnostics); n > 0 {
				c.fixes = n
				switch {
				case opts.Diff:
					c.diff = fsutil.UnifiedDiff(t.path, t.path, src, out)
				case t.stdin:
					c.fixed = out
				default:
					if run.Err() != nil {
						return nil, errInterrupted // write nothing that will not be reported
					}
					if err := fsutil.WriteFileAtomic(t.path, out, src); err != nil {
						return nil, err
					}
				}
				if opts.Fix {
					// Report what is left in the text as it is now.
					if res, err = eng.Lint(t.path, out, ctx); err != nil {
						return nil, err
					}
					src = out
				}
			}
			if opts.Fix && t.stdin && c.fixed == nil {
				c.fixed = src // nothing to fix: the text comes back as it is, never as nothing
			}
		}
		c.file = &output.File{Path: t.path, Src: src, Lang: res.Lang, Mixed: res.Mixed, Situation: res.Context.Situation,
			CustomerName: res.Context.CustomerName, Diagnostics: res.Diagnostics}
		c.foreign = res.Foreign
		return c, nil
	}, func(c *checked, err error) error {
		gcBack()
		bar.step()
		if errors.Is(err, errInterrupted) {
			return err
		}
		if err == nil && c.parts != "" {
			if opts.Fix || opts.Diff {
				note("%s: not fixed: text over %s is linted in parts and never rewritten", c.parts, humanSize(partsOver))
			}
			r := c.partsFrom
			if r == nil {
				f, err := os.Open(c.parts)
				if err != nil {
					note("%s: %s", c.parts, describe(err))
					failed = true
					return nil
				}
				defer f.Close()
				r = f
			}
			err = lintParts(run, eng, c.parts, r, ctx, output.NeedsFileUTF16(cfg.Format), func(file *output.File) error {
				if opts.Global.Verbose && file.Part == 0 {
					note("%s: over %s, so linted in parts of about %s; checked as %s from its first part", file.Path,
						humanSize(partsOver), humanSize(partSize), file.Lang)
				}
				sum.Add(file)
				switch {
				case opts.Fix && c.partsFrom != nil:
					_, err := gate.Write(file.Src) // standard input passes through unchanged
					return err
				case opts.Diff || opts.Fix && file.Path == opts.stdinName():
					return nil
				}
				if err := f.File(file); err != nil {
					return err
				}
				return out.Flush() // a part's findings are written when it is done
			})
			if errors.Is(err, errInterrupted) {
				return err
			}
		}
		if err != nil {
			note("%v", err)
			failed = true
			return nil
		}
		if c.parts != "" {
			return nil
		}
		file := c.file
		if opts.Global.Verbose {
			if c.foreign != nil {
				note("%s: its front matter has keys no reply template has (%s), so it is checked as a draft, not a template; `replykit templates check` checks templates",
					file.Path, strings.Join(c.foreign, ", "))
			}
			if file.Mixed != "" {
				note("%s: checked as %s; it also has %s text, which the %s rules do not read", file.Path, file.Lang, file.Mixed, file.Lang)
			} else {
				note("%s: checked as %s", file.Path, file.Lang)
			}
		}
		fixed += c.fixes
		sum.Add(file)
		switch {
		case c.diff != "":
			_, err := io.WriteString(gate, c.diff)
			return err
		case c.fixed != nil:
			_, err := gate.Write(c.fixed)
			return err
		case opts.Diff || opts.Fix && file.Path == opts.stdinName():
			return nil // the data on stdout is the diff or the fixed text
		}
		if c.fixes > 0 && !opts.Global.Quiet {
			note("%s: fixed %s", file.Path, output.Plural(c.fixes, "problem"))
		}
		return f.File(file)
	}, out.Flush)
	if errors.Is(err, errInterrupted) {
		gate.wholeLines()
		out.Flush() // the lines already written, whole
		return err
	}
	if err != nil {
		return err
	}

	if opts.Diff || opts.Fix && len(targets) == 1 && targets[0].stdin {
		if !opts.Global.Quiet {
			note("%s to apply", output.Plural(fixed, "replacement"))
		}
	} else {
		if err := f.Finish(sum); err != nil {
			return err
		}
	}
	if err := gate.Flush(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if !(opts.Diff || opts.Fix && len(targets) == 1 && targets[0].stdin) {
		if !opts.Global.Quiet && cfg.Format == "text" {
			fmt.Fprintln(opts.IO.ErrOut, output.SummaryLine(sum))
		}
	}
	return runResult(failed, cfg.FailOn, sum)
}

// shortRun reports whether a run lints one small regular file (standard
// input or a path) and writes no file. Such a run ends within milliseconds,
// never waits on a terminal or a pipe, and writes its findings as whole
// lines, so a Ctrl-C that ends it outright (a shell reports that as 130
// too) leaves nothing half done: it installs no handler, which would start
// two threads.
func shortRun(opts *LintOptions) bool {
	if len(opts.Paths) != 1 || opts.Fix {
		return false
	}
	var st os.FileInfo
	var err error
	if opts.Paths[0] == "-" {
		f, ok := opts.IO.In.(*os.File)
		if !ok {
			return false
		}
		st, err = f.Stat()
	} else {
		st, err = os.Stat(opts.Paths[0])
	}
	return err == nil && st.Mode().IsRegular() && st.Size() <= partsOver
}

// notifyContext is signal.NotifyContext with the handler installed in the
// background: the first install starts a thread of its own and takes a few
// hundred microseconds, which a short run spends loading its rules instead.
// installed returns once the handler is in place; call it before writing.
func notifyContext(parent context.Context, sigs ...os.Signal) (ctx context.Context, installed, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	ch := make(chan os.Signal, 1)
	done := make(chan struct{})
	go func() {
		signal.Notify(ch, sigs...)
		close(done)
		select {
		case <-ch:
			cancel()
		case <-ctx.Done():
		}
	}()
	installed = func() { <-done }
	stop = func() {
		<-done
		signal.Stop(ch)
		cancel()
	}
	return ctx, installed, stop
}

// collect expands the paths into targets in a stable order: each argument in
// turn, folders walked in lexical order for files with one of the extensions.
func collect(paths, exts []string, stdinName string) (out []target, notes, errs []error) {
	for _, p := range paths {
		if p == "-" {
			name := stdinName
			if name == "" {
				name = "<stdin>"
			}
			out = append(out, target{path: name, stdin: true})
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", p, describe(err)))
			continue
		}
		if !st.IsDir() {
			if !st.Mode().IsRegular() {
				// A pipe or a device would block or never end: not a draft.
				errs = append(errs, fmt.Errorf("%s: skipped: not a regular file (a pipe, socket or device); use - to read standard input", p))
				continue
			}
			out = append(out, target{path: p})
			continue
		}
		found := 0
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: skipped: %v", path, describe(err)))
				return nil
			}
			if d.IsDir() {
				if path != p && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
				out = append(out, target{path: path})
				found++
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
		if found == 0 && err == nil {
			notes = append(notes, fmt.Errorf("%s: no %s files in this folder", p, strings.Join(exts, ", ")))
		}
	}
	return out, notes, errs
}

// describe makes file-system errors read as plain words.
func describe(err error) string {
	err = unwrapPath(err)
	switch {
	case os.IsNotExist(err):
		return "no such file or folder"
	case os.IsPermission(err):
		return "permission denied"
	case errors.Is(err, syscall.ELOOP):
		return "a loop of symbolic links (each one points on to the next, never to a file)"
	}
	return err.Error()
}

// isBinary reports whether src looks like a binary file: a NUL byte early on.
func isBinary(src []byte) bool {
	head := src[:min(len(src), 8000)]
	return bytes.IndexByte(head, 0) >= 0
}

// checked is one target's outcome: the file as formatters see it, and what
// --fix or --diff made of it.
type checked struct {
	parts     string    // a file over partsOver bytes, to be linted in parts: its path
	partsFrom io.Reader // where its text comes from, when it is not a file (standard input)
	file      *output.File
	fixes     int      // fixes applied (--fix) or to apply (--diff)
	diff      string   // --diff
	fixed     []byte   // --fix on standard input: the fixed text
	foreign   []string // front-matter keys no template has: checked as a draft
}

// size is about how many bytes a linted draft's result holds: its text,
// and its findings at findingBytes each.
func (c *checked) size() int {
	if c == nil {
		return 0
	}
	n := len(c.diff) + len(c.fixed)
	if c.file != nil {
		n += len(c.file.Src) + findingBytes*len(c.file.Diagnostics)
	}
	return n
}

// findingBytes is about what a finding holds: the Diagnostic, 112 bytes on
// a 64-bit machine, and its message, made for it.
const findingBytes = 160

// stdinName is the name standard input is reported under.
func (o *LintOptions) stdinName() string {
	if o.StdinFilename != "" {
		return o.StdinFilename
	}
	return "<stdin>"
}

// lintAll lints targets on all cores and hands the results to emit in the
// targets' order. At most a window of results waits, holding at most a
// budget of bytes, so memory stays flat however many files there are.
// When the next result keeps the writer waiting for idleAfter, idle (when
// not nil) is called: the run's output is written then, not file by file.
func lintAll(ctx context.Context, targets []target, stdin io.Reader, maxSize int64,
	lintOne func(target, []byte) (*checked, error), emit func(*checked, error) error, idle func() error) error {
	type result struct {
		file *checked
		err  error
		held int // bytes of the draft it holds, under the budget
	}
	// Standard input is read once, when its turn comes, and the wait for it
	// ends with ctx: a terminal or a pipe that never closes does not hang Ctrl-C.
	// (A regular file always ends, so it is read right away.)
	// Past partsOver bytes it is linted in parts as it comes, like a large file.
	var (
		stdinOnce sync.Once
		stdinDone = make(chan struct{})
		stdinData []byte
		stdinErr  error
		stdinMore bool
	)
	readStdin := func() ([]byte, error) {
		stdinOnce.Do(func() {
			read := func() {
				defer close(stdinDone)
				if maxSize > 0 && maxSize <= partsOver {
					stdinData, stdinErr = readAtMost(stdin, maxSize, 0)
					return
				}
				stdinData, stdinErr = io.ReadAll(io.LimitReader(stdin, partsOver+1))
				stdinMore = stdinErr == nil && len(stdinData) > partsOver
			}
			if isRegularFile(stdin) {
				read()
			} else {
				go read()
			}
		})
		select {
		case <-stdinDone:
			return stdinData, stdinErr
		case <-ctx.Done():
			return nil, errInterrupted
		}
	}
	do := func(i int) result {
		t := targets[i]
		if ctx.Err() != nil {
			return result{err: errInterrupted}
		}
		var src []byte
		var err error
		if t.stdin {
			src, err = readStdin()
			if err == nil && stdinMore {
				rest := &limitedReader{r: io.MultiReader(bytes.NewReader(src), stdin), limit: maxSize}
				return result{file: &checked{parts: t.path, partsFrom: rest}}
			}
		} else {
			src, err = readDraft(t.path, maxSize)
			if errors.Is(err, errInParts) {
				return result{file: &checked{parts: t.path}} // read and linted in parts, in turn
			}
		}
		if errors.Is(err, errInterrupted) {
			return result{err: err}
		}
		var tooBig *tooLargeError
		if errors.As(err, &tooBig) {
			return result{err: fmt.Errorf("%s: skipped: %v", t.path, err)}
		}
		if err != nil {
			return result{err: fmt.Errorf("%s: %s", t.path, describe(err))}
		}
		f, err := lintOne(t, src)
		return result{file: f, err: err}
	}
	if len(targets) == 1 {
		// One target, most often a draft on standard input, is linted right
		// here: a worker would cost a goroutine hand-off and a thread wake-up.
		r := do(0)
		if ctx.Err() != nil {
			return errInterrupted
		}
		return emit(r.file, r.err)
	}

	workers := runtime.GOMAXPROCS(0)
	window := 32 * workers
	// Workers take the targets in order, by a counter, each once it holds
	// one of window tokens, which the writer gives back as it writes a
	// result: no target is taken a window past the first unwritten one, so
	// its slot is free, and memory stays flat. A wide window lets workers
	// run ahead of a writer that waits for a core, without a hand-off at
	// every few drafts; the drafts its results hold are bounded apart, by
	// the budget.
	held := newByteBudget(int64(workers) * windowBytes)
	slots := make([]chan result, window)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	tokens := make(chan struct{}, window)
	var claimed atomic.Int64
	stop := make(chan struct{})
	defer close(stop)
	defer held.close()
	for w := 0; w < workers; w++ {
		go func() {
			for {
				select {
				case tokens <- struct{}{}:
				case <-stop:
					return
				}
				i := int(claimed.Add(1) - 1)
				if i >= len(targets) {
					return
				}
				r := do(i)
				r.held = r.file.size()
				if !held.take(i, r.held) {
					return // the writer has stopped
				}
				select {
				case slots[i%window] <- r:
				case <-stop:
					return
				}
			}
		}()
	}
	var wait *time.Timer // made the first time the writer waits
	for i := range targets {
		var r result
		select {
		case r = <-slots[i%window]:
		default:
			if wait == nil {
				wait = time.NewTimer(idleAfter)
			} else {
				wait.Reset(idleAfter)
			}
			select {
			case r = <-slots[i%window]:
				wait.Stop()
			case <-wait.C:
				if idle != nil {
					if err := idle(); err != nil {
						return err
					}
				}
				select {
				case r = <-slots[i%window]:
				case <-ctx.Done():
					return errInterrupted
				}
			case <-ctx.Done():
				return errInterrupted
			}
		}
		<-tokens
		if ctx.Err() != nil {
			return errInterrupted // the file before this one was written whole
		}
		if err := emit(r.file, r.err); err != nil {
			return err
		}
		held.give(r.held, i+1)
	}
	return nil
}

// idleAfter is how long lintAll's writer waits for the next result before
// the output written so far goes out. Writing it out after every file cost
// a system call a file (about 4% of the CPU time of linting a folder of
// 10,000 drafts); after a few idle milliseconds, it still reaches a log or
// a terminal as the files are done.
const idleAfter = 5 * time.Millisecond

// windowBytes is how many bytes of drafts a worker's share of lintAll's
// window may hold: as many as before the window was widened, four drafts
// of the most read whole. A variable for tests.
var windowBytes int64 = 4 * partsOver

// byteBudget bounds the bytes of drafts that lintAll's linted, unwritten
// results hold. Results are written in order, so the one the writer waits
// for (next) never waits for the budget, nor does one when nothing is
// held: the results that hold the budget are then written in turn, and
// no wait lasts for ever.
type byteBudget struct {
	mu     sync.Mutex
	cond   sync.Cond
	used   int64
	limit  int64
	next   int  // the index of the result the writer waits for
	closed bool // the writer has stopped
}

func newByteBudget(limit int64) *byteBudget {
	b := &byteBudget{limit: limit}
	b.cond.L = &b.mu
	return b
}

// take holds n bytes for result i, waiting while they would pass the
// limit; false when the writer has stopped.
func (b *byteBudget) take(i, n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.closed && i != b.next && b.used > 0 && b.used+int64(n) > b.limit {
		b.cond.Wait()
	}
	b.used += int64(n)
	return !b.closed
}

// give returns n bytes, once result next-1 is written.
func (b *byteBudget) give(n, next int) {
	b.mu.Lock()
	b.used -= int64(n)
	b.next = next
	b.mu.Unlock()
	b.cond.Broadcast()
}

// close wakes every wait: the writer has stopped.
func (b *byteBudget) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

// isRegularFile reports whether r is an open regular file, whose reads
// always end, unlike a terminal's or a pipe's.
func isRegularFile(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

// errInterrupted ends a run that Ctrl-C or SIGTERM stopped.
var errInterrupted = &exitError{code: ExitInterrupted, err: errors.New("interrupted")}

// tooLargeError is a file over max-file-size.
type tooLargeError struct{ size, limit int64 }

func (e *tooLargeError) Error() string {
	if e.size < 0 { // read from a stream: its size is not known
		return fmt.Sprintf("the input is over the %s limit (max-file-size)", humanSize(e.limit))
	}
	size, limit := humanSize(e.size), humanSize(e.limit)
	if size == limit {
		size, limit = fmt.Sprintf("%d bytes", e.size), fmt.Sprintf("%d bytes", e.limit)
	}
	return fmt.Sprintf("%s is over the %s limit (max-file-size)", size, limit)
}

// readDraft reads a file unless it is over maxSize bytes (0: no limit), which
// it finds out from the open file before reading a byte.
func readDraft(path string, maxSize int64) ([]byte, error) {
	f, size, regular, err := fsutil.OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if maxSize > 0 && size > maxSize {
		return nil, &tooLargeError{size: size, limit: maxSize}
	}
	if regular && size > partsOver {
		return nil, errInParts
	}
	if regular && size > 0 {
		return readSized(f, maxSize, size)
	}
	// The file may grow after Stat: never read past the limit.
	return readAtMost(f, maxSize, size)
}

// readSized reads a regular file of size bytes (as Stat found) with one read
// asking for a byte more: when exactly size bytes come back, the file has
// ended, and no read is needed to say so. Anything else (it grew, or came
// short) reads on to the end, as readAtMost does.
func readSized(r io.Reader, maxSize, size int64) ([]byte, error) {
	if maxSize > 0 && size >= maxSize {
		return readAtMost(r, maxSize, size)
	}
	buf := make([]byte, size+1)
	n, err := r.Read(buf)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if int64(n) == size {
		return buf[:n], nil
	}
	return readAtMost(io.MultiReader(bytes.NewReader(buf[:n]), r), maxSize, size)
}

// errInParts says a file is too large to read whole: it is linted in parts.
var errInParts = errors.New("read in parts")

// readAtMost reads r to the end, or fails once it passes maxSize bytes (0: no
// limit). size is how much is expected, so a file takes one read and one
// more to see its end.
func readAtMost(r io.Reader, maxSize, size int64) ([]byte, error) {
	if maxSize > 0 {
		r = io.LimitReader(r, maxSize+1)
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(0, size)+bytes.MinRead))
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	if maxSize > 0 && int64(buf.Len()) > maxSize {
		return nil, &tooLargeError{size: -1, limit: maxSize}
	}
	return buf.Bytes(), nil
}

// lineGate passes writes on up to their last newline and holds the rest of
// the line until more comes or Flush: cut short, the output ends at a line end.
type lineGate struct {
	w    io.Writer
	tail []byte
	err  error
}

func (g *lineGate) Write(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	nl := bytes.LastIndexByte(p, '\n')
	if nl < 0 {
		g.tail = append(g.tail, p...)
		return len(p), nil
	}
	if len(g.tail) > 0 {
		if _, g.err = g.w.Write(g.tail); g.err != nil {
			return 0, g.err
		}
		g.tail = g.tail[:0]
	}
	if _, g.err = g.w.Write(p[:nl+1]); g.err != nil {
		return 0, g.err
	}
	g.tail = append(g.tail, p[nl+1:]...)
	return len(p), nil
}

// Flush writes what is held back.
func (g *lineGate) Flush() error {
	if g.err == nil && len(g.tail) > 0 {
		_, g.err = g.w.Write(g.tail)
		g.tail = nil
	}
	return g.err
}

// wholeLines drops a line that was never finished.
func (g *lineGate) wholeLines() { g.tail = nil }

// progress draws a one-line counter on stderr while many files are linted on
// a terminal; nothing when stderr is piped, with --quiet, or for a few files.
type progress struct {
	io    *IOStreams
	total int
	n     int
	on    bool
	last  time.Time
}

// progressMin is how many files make a walk long enough to show progress.
const progressMin = 200

func newProgress(io *IOStreams, total int, quiet bool) *progress {
	return &progress{io: io, total: total, on: io.ErrTTY && !quiet && total >= progressMin}
}

func (p *progress) step() {
	p.n++
	if !p.on || time.Since(p.last) < 100*time.Millisecond && p.n < p.total {
		return
	}
	p.last = time.Now()
	width := 30
	fill := width * p.n / p.total
	fmt.Fprintf(p.io.ErrOut, "\r[%s%s] %d/%d files", strings.Repeat("#", fill), strings.Repeat(".", width-fill), p.n, p.total)
}

func (p *progress) done() {
	if p.on && p.n > 0 {
		fmt.Fprint(p.io.ErrOut, "\r\x1b[K") // clear the line before the summary
	}
}

// relaxGC lets the start (loading a rule set, a first short draft) run
// without a garbage collection, which would cost more than the few
// megabytes it frees; the returned func, called once the first file is
// done, puts the usual pace back. A GOGC the user set is left alone.
func relaxGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	prev := debug.SetGCPercent(400)
	var once sync.Once
	return func() { once.Do(func() { debug.SetGCPercent(prev) }) }
}
