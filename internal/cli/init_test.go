package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// runInit runs `replykit init ARGS` the way Main would (whether or not the
// root command lists it yet) and returns what it printed and its exit code.
func runInit(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	io := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	g := &globalOptions{}
	if i := slices.Index(args, "-q"); i >= 0 {
		g.Quiet = true
		args = slices.Delete(args, i, i+1)
	}
	cmd := newInitCmd(io, g)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	err := cmd.Execute()
	code = ExitClean
	if err != nil {
		code = ExitError
		var ee *exitError
		if errors.As(err, &ee) {
			code, err = ee.code, ee.err
		}
		if err != nil {
			fmt.Fprintf(&errOut, "replykit: %v\n", err)
		}
	}
	return out.String(), errOut.String(), code
}

// runMain runs the full command tree in the working folder.
func runMain(args ...string) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	code = Main(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

// inTempDir makes an empty working folder, with no configuration from the environment.
func inTempDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "REPLYKIT_") {
			t.Setenv(name, "")
			os.Unsetenv(name)
		}
	}
	return dir
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInitWritesFilesAndSnippets(t *testing.T) {
	inTempDir(t)
	out, errOut, code := runInit(t)
	if code != ExitClean {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, errOut)
	}
	if got := readFile(t, ".replykit.yaml"); got != initConfig() {
		t.Errorf(".replykit.yaml differs from initConfig():\n%s", got)
	}
	if got := readFile(t, "replies/example/thanks.md"); got != exampleTemplate {
		t.Errorf("thanks.md differs from exampleTemplate:\n%s", got)
	}
	for _, want := range []string{
		"Created .replykit.yaml: ",
		"Created replies/example/thanks.md: ",
		"replykit templates check replies",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	// Status on stderr, snippets on stdout: nothing crosses over.
	if strings.Contains(out, "Created") || strings.Contains(errOut, "repos:") {
		t.Errorf("streams mixed up:\nstdout:\n%s\nstderr:\n%s", out, errOut)
	}
	for _, want := range []string{
		"repo: https://github.com/replykit/replykit",
		"rev: " + defaultRev,
		"- id: replykit ",
		"uses: replykit/replykit@" + defaultRev,
		"files: ^replies/\n",
		"paths: replies ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "--config") || strings.Contains(out, "config:") {
		t.Errorf("at the repository root the snippets need no --config:\n%s", out)
	}
}

// The configuration passes the validator and, loaded, gives the defaults
// (with the example's folder as template-dirs).
func TestInitConfigIsValidAndDefault(t *testing.T) {
	dir := inTempDir(t)
	fc, err := validateConfig(".replykit.yaml", []byte(initConfig()))
	if err != nil {
		t.Fatalf("validateConfig: %v\n%s", err, initConfig())
	}
	if len(fc.settings) != 0 || len(fc.ruleDirs) != 0 || !slices.Equal(fc.templateDirs, []string{"replies"}) {
		t.Errorf("validateConfig kept %+v", fc)
	}

	def, err := loadConfig(pflag.NewFlagSet("t", pflag.ContinueOnError), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(".replykit.yaml", []byte(initConfig()), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := loadConfig(pflag.NewFlagSet("t", pflag.ContinueOnError), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path == "" {
		t.Fatal("the written .replykit.yaml was not found")
	}
	for _, c := range []struct {
		key       string
		got, want any
	}{
		{"lang", got.Lang, def.Lang},
		{"format", got.Format, def.Format},
		{"fail-on", got.FailOn, def.FailOn},
		{"extensions", fmt.Sprint(got.Extensions), fmt.Sprint(def.Extensions)},
		{"rule-dirs", len(got.RuleDirs), 0},
		{"enable", len(got.Enable), 0},
		{"disable", len(got.Disable), 0},
		{"rules", len(got.Settings), 0},
		{"template-dirs", fmt.Sprint(got.TemplateDirs), fmt.Sprint([]string{filepath.Join(dir, "replies")})},
		{"name-limit", got.NameLimit, defaultNameLimit},
	} {
		if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
			t.Errorf("%s: the written file gives %v, the default is %v", c.key, c.got, c.want)
		}
	}
}

// Every key the validator knows is in the file, as a setting, not a comment.
func TestInitConfigShowsEveryKey(t *testing.T) {
	_, err := validateConfig("x.yaml", []byte("no-such-key: 1\n"))
	m := regexp.MustCompile(`known keys: ([^)]*)\)`).FindStringSubmatch(fmt.Sprint(err))
	if m == nil {
		t.Fatalf("cannot read the known keys from %v", err)
	}
	cfg := initConfig()
	for _, key := range strings.Split(m[1], ", ") {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `: .*# \S`).MatchString(cfg) {
			t.Errorf("key %s is not set, with a comment, in the written configuration", key)
		}
	}
}

// name-limit: 2 changes nothing: it is what every built-in name rule allows.
func TestInitNameLimitIsBuiltinDefault(t *testing.T) {
	for _, lang := range rules.BuiltinLanguages() {
		rs, err := rules.BuiltinSet(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs.Rules() {
			if c, ok := r.Check.(*lint.Count); ok && c.Max != defaultNameLimit {
				t.Errorf("%s %s allows %d, init writes name-limit: %d", lang, r.ID, c.Max, defaultNameLimit)
			}
		}
	}
}

// What init writes is clean: the example passes templates check and lint,
// and renders with the values a user would give.
func TestInitFilesAreClean(t *testing.T) {
	inTempDir(t)
	if _, errOut, code := runInit(t); code != ExitClean {
		t.Fatalf("init: exit %d\n%s", code, errOut)
	}
	for _, args := range [][]string{
		{"templates", "check", "--fail-on", "info", "replies"},
		{"templates", "check", "--fail-on", "info"}, // template-dirs from .replykit.yaml
		{"lint", "--fail-on", "info", "--config", ".replykit.yaml", "."},
	} {
		out, errOut, code := runMain(args...)
		if code != ExitClean || out != "" {
			t.Errorf("replykit %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
		}
	}
	out, errOut, code := runMain("draft", "example/thanks", "--set", "customer.name=Chen", "--set", "feedback.topic=the mobile app")
	if code != ExitClean || !strings.HasPrefix(out, "Hi Chen,\n") || !strings.Contains(out, "about the mobile app.") ||
		!strings.Contains(out, "\nThe support team\n") || strings.Contains(out, "talk it through") {
		t.Errorf("draft example/thanks: exit %d\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	inTempDir(t)
	if _, errOut, code := runInit(t); code != ExitClean {
		t.Fatalf("init: exit %d\n%s", code, errOut)
	}
	mine := "fail-on: error\n"
	if err := os.WriteFile(".replykit.yaml", []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runInit(t)
	if code != ExitError {
		t.Errorf("second init: exit %d, want 2", code)
	}
	if out != "" {
		t.Errorf("a refused init printed snippets:\n%s", out)
	}
	for _, want := range []string{
		"replykit: .replykit.yaml and replies/example/thanks.md already exist, so init changed nothing",
		"`replykit init --force`",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if got := readFile(t, ".replykit.yaml"); got != mine {
		t.Errorf("a refused init changed .replykit.yaml:\n%s", got)
	}

	_, errOut, code = runInit(t, "--force")
	if code != ExitClean {
		t.Fatalf("init --force: exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "Replaced .replykit.yaml (--force)") {
		t.Errorf("--force does not say what it replaced:\n%s", errOut)
	}
	if got := readFile(t, ".replykit.yaml"); got != initConfig() {
		t.Errorf("--force did not replace .replykit.yaml:\n%s", got)
	}
}

// One existing file is enough to write nothing: no half-done setup.
func TestInitWritesAllOrNothing(t *testing.T) {
	inTempDir(t)
	if err := os.MkdirAll("replies/example", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("replies/example/thanks.md", []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runInit(t)
	if code != ExitError || !strings.Contains(errOut, "replies/example/thanks.md already exists") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(".replykit.yaml"); err == nil {
		t.Error("init wrote .replykit.yaml although it refused")
	}
}

// An existing .replykit.yml would be hidden by a new .replykit.yaml.
func TestInitYmlTwin(t *testing.T) {
	inTempDir(t)
	if err := os.WriteFile(".replykit.yml", []byte("fail-on: error\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runInit(t)
	if code != ExitError || !strings.Contains(errOut, ".replykit.yml already exists") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
	_, errOut, code = runInit(t, "--force")
	if code != ExitClean || !strings.Contains(errOut, "Note: .replykit.yml is no longer read") {
		t.Errorf("--force: exit %d, stderr:\n%s", code, errOut)
	}
	if readFile(t, ".replykit.yml") != "fail-on: error\n" {
		t.Error("--force touched .replykit.yml")
	}
}

// Below the repository root, the snippets say where the configuration is.
func TestInitDirBelowRepositoryRoot(t *testing.T) {
	inTempDir(t)
	if err := os.Mkdir(".git", 0o755); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runInit(t, "--dir", "support")
	if code != ExitClean {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	for _, p := range []string{"support/.replykit.yaml", "support/replies/example/thanks.md"} {
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	for _, want := range []string{
		"files: ^support/replies/\n",
		"args: [--config, support/.replykit.yaml]",
		"paths: support/replies ",
		"config: support/.replykit.yaml ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "Created support/.replykit.yaml: ") {
		t.Errorf("stderr:\n%s", errOut)
	}
	// The refusal names the command to run again, --dir included.
	_, errOut, _ = runInit(t, "--dir", "support")
	if !strings.Contains(errOut, "`replykit init --dir support --force`") {
		t.Errorf("stderr:\n%s", errOut)
	}
}

func TestInitUsageErrors(t *testing.T) {
	inTempDir(t)
	if err := os.WriteFile("afile", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runInit(t, "--dir", "afile"); code != ExitError || !strings.Contains(errOut, "--dir afile: not a folder") {
		t.Errorf("--dir on a file: exit %d\n%s", code, errOut)
	}
	if _, _, code := runInit(t, "extra"); code != ExitError {
		t.Errorf("an argument: exit %d, want 2", code)
	}
}

func TestInitQuiet(t *testing.T) {
	inTempDir(t)
	out, errOut, code := runInit(t, "-q")
	if code != ExitClean || errOut != "" || !strings.Contains(out, "repos:") {
		t.Errorf("-q: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
}

func TestInitHelp(t *testing.T) {
	out, _, code := runInit(t, "--help")
	for _, want := range []string{"never overwrites", "--force", ".pre-commit-config.yaml", "GitHub Actions", "Examples:", "Exit status:"} {
		if code != ExitClean || !strings.Contains(out, want) {
			t.Errorf("--help lacks %q (exit %d):\n%s", want, code, out)
		}
	}
}

// yamlFile parses a file of this repository.
func yamlFile(t *testing.T, path string, v any) {
	t.Helper()
	if err := yaml.Unmarshal([]byte(readFile(t, filepath.Join("..", "..", path))), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

type actionFile struct {
	Name        string
	Description string
	Inputs      map[string]struct {
		Description string
		Required    bool
		Default     *string
	}
	Runs struct {
		Using string
		Steps []struct {
			Name  string
			Uses  string
			Run   string
			Shell string
			If    string
			With  map[string]string
			Env   map[string]string
		}
	}
}

type hook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	TypesOr       []string `yaml:"types_or"`
}

func TestActionYAML(t *testing.T) {
	var a actionFile
	yamlFile(t, "action.yml", &a)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs name and description")
	}
	if a.Runs.Using != "composite" || len(a.Runs.Steps) == 0 {
		t.Fatalf("runs: using %q with %d steps, want a composite action with steps", a.Runs.Using, len(a.Runs.Steps))
	}
	for name, def := range map[string]string{"paths": ".", "format": "github", "fail-on": "warning", "version": "latest"} {
		in, ok := a.Inputs[name]
		if !ok || in.Description == "" || in.Default == nil || *in.Default != def {
			t.Errorf("input %s: want a description and default %q, have %+v", name, def, in)
		}
	}

	goMod := readFile(t, "../../go.mod")
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(goMod)
	var setupGo, install, lintRun, upload bool
	inputRef := regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	for i, s := range a.Runs.Steps {
		if (s.Run == "") == (s.Uses == "") {
			t.Errorf("step %d (%s): a step has either run or uses", i, s.Name)
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %d (%s): a composite run step needs shell", i, s.Name)
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %d (%s): expressions belong in env:, not in the script", i, s.Name)
		}
		all := s.If + s.Run + fmt.Sprint(s.With) + fmt.Sprint(s.Env)
		for _, m := range inputRef.FindAllStringSubmatch(all, -1) {
			if _, ok := a.Inputs[m[1]]; !ok {
				t.Errorf("step %d (%s) uses undeclared input %s", i, s.Name, m[1])
			}
		}
		switch {
		case s.Uses == "actions/setup-go@v5":
			setupGo = goVersion != nil && s.With["go-version"] == goVersion[1]
		case strings.Contains(s.Run, "go install \"github.com/replykit/replykit/cmd/replykit@${"):
			install = strings.Contains(fmt.Sprint(s.Env), "${{ inputs.version }}")
		case strings.Contains(s.Run, "replykit lint --format github"):
			lintRun = strings.Contains(s.Run, "replykit lint --format sarif") && strings.Contains(s.Run, "> replykit.sarif")
		case s.Uses == "github/codeql-action/upload-sarif@v3":
			upload = strings.Contains(s.If, "always()") && s.With["sarif_file"] == "replykit.sarif"
		}
	}
	if !setupGo || !install || !lintRun || !upload {
		t.Errorf("steps: setup-go with go.mod's version %v, go install of inputs.version %v, lint in github and sarif %v, upload-sarif if always() %v",
			setupGo, install, lintRun, upload)
	}
}

func TestPreCommitHooksYAML(t *testing.T) {
	var hooks []hook
	yamlFile(t, ".pre-commit-hooks.yaml", &hooks)
	byID := map[string]hook{}
	root := NewRootCmd(&IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}})
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Entry == "" || h.Language == "" {
			t.Errorf("hook %+v: needs id, name, entry and language", h)
		}
		byID[h.ID] = h
		// The entry names a real command.
		words := strings.Fields(h.Entry)
		if len(words) < 2 || words[0] != "replykit" {
			t.Errorf("hook %s: entry %q does not run replykit", h.ID, h.Entry)
			continue
		}
		if c, rest, err := root.Find(words[1:]); err != nil || len(rest) != 0 || c == root {
			t.Errorf("hook %s: entry %q is not a replykit command", h.ID, h.Entry)
		}
	}
	lintHook, ok := byID["replykit"]
	if !ok || lintHook.Entry != "replykit lint" || lintHook.Language != "golang" ||
		!slices.Contains(lintHook.TypesOr, "markdown") || !slices.Contains(lintHook.TypesOr, "html") ||
		slices.Contains(lintHook.TypesOr, "text") {
		t.Errorf("hook replykit: %+v", lintHook)
	}
	tplHook, ok := byID["replykit-templates"]
	if !ok || tplHook.Entry != "replykit templates check" || tplHook.PassFilenames == nil || *tplHook.PassFilenames {
		t.Errorf("hook replykit-templates: %+v", tplHook)
	}
}

// The printed snippets are YAML, name hooks that exist and inputs the action has.
func TestInitSnippetsMatchHooksAndAction(t *testing.T) {
	var hooks []hook
	yamlFile(t, ".pre-commit-hooks.yaml", &hooks)
	var action actionFile
	yamlFile(t, "action.yml", &action)

	for _, rel := range []string{".", "support", "team a/support"} {
		out := initSnippets(rel, "v9.8.7")
		i := strings.Index(out, "# ---- .github/workflows/")
		if i < 0 {
			t.Fatalf("no workflow in:\n%s", out)
		}
		var pc struct {
			Repos []struct {
				Repo  string
				Rev   string
				Hooks []struct {
					ID    string
					Files string
					Args  []string
				}
			}
		}
		if err := yaml.Unmarshal([]byte(out[:i]), &pc); err != nil {
			t.Fatalf("%s: pre-commit snippet: %v\n%s", rel, err, out[:i])
		}
		if len(pc.Repos) != 1 || pc.Repos[0].Repo != "https://github.com/replykit/replykit" || pc.Repos[0].Rev != "v9.8.7" {
			t.Errorf("%s: pre-commit snippet: %+v", rel, pc)
			continue
		}
		for _, h := range pc.Repos[0].Hooks {
			if !slices.ContainsFunc(hooks, func(x hook) bool { return x.ID == h.ID }) {
				t.Errorf("%s: snippet uses hook %s, which .pre-commit-hooks.yaml lacks", rel, h.ID)
			}
			if h.ID == "replykit" && !regexp.MustCompile(h.Files).MatchString(pathJoin(rel, "replies/example/thanks.md")) {
				t.Errorf("%s: files: %s misses the example", rel, h.Files)
			}
			if rel != "." && !slices.Equal(h.Args, []string{"--config", pathJoin(rel, ".replykit.yaml")}) {
				t.Errorf("%s: hook %s args %q", rel, h.ID, h.Args)
			}
		}

		var wf struct {
			Jobs map[string]struct {
				Steps []struct {
					Uses string
					With map[string]string
				}
			}
		}
		if err := yaml.Unmarshal([]byte(out[i:]), &wf); err != nil {
			t.Fatalf("%s: workflow snippet: %v\n%s", rel, err, out[i:])
		}
		found := false
		for _, s := range wf.Jobs["replykit"].Steps {
			if s.Uses != "replykit/replykit@v9.8.7" {
				continue
			}
			found = true
			for k := range s.With {
				if _, ok := action.Inputs[k]; !ok {
					t.Errorf("%s: workflow sets input %s, which action.yml lacks", rel, k)
				}
			}
			if s.With["paths"] != pathJoin(rel, "replies") || s.With["version"] != "v9.8.7" {
				t.Errorf("%s: with: %v", rel, s.With)
			}
		}
		if !found {
			t.Errorf("%s: the workflow does not use replykit/replykit@v9.8.7:\n%s", rel, out[i:])
		}
	}
}

func pathJoin(rel, p string) string {
	if rel == "." {
		return p
	}
	return rel + "/" + p
}

func TestSnippetRev(t *testing.T) {
	defer func(v string) { Version = v }(Version)
	for v, want := range map[string]string{"dev": defaultRev, "1.2.3": "v1.2.3", "v0.4.0": "v0.4.0", "v0.4.0-rc1": defaultRev} {
		Version = v
		if got := snippetRev(); got != want {
			t.Errorf("Version %q: rev %q, want %q", v, got, want)
		}
	}
}
