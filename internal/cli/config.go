package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/replykit/replykit/internal/engine"
	"github.com/replykit/replykit/lint"
	"github.com/replykit/replykit/rules"
)

// ConfigNames are the file names searched for, from the working directory up.
var ConfigNames = []string{".replykit.yaml", ".replykit.yml"}

// DefaultExtensions are the files a directory walk lints.
var DefaultExtensions = []string{".md", ".txt", ".html", ".eml"}

// Config is the merged configuration: defaults < file < REPLYKIT_* < flags.
type Config struct {
	Path         string // the configuration file used, or ""
	Lang         string
	Format       string
	FailOn       string
	Extensions   []string
	RuleDirs     []string
	TemplateDirs []string
	Enable       []string
	Disable      []string
	NameLimit    int
	Settings     map[string]engine.Setting
}

// Engine returns the engine configuration.
func (c *Config) Engine() engine.Config {
	return engine.Config{Lang: c.Lang, RuleDirs: c.RuleDirs, Enable: c.Enable, Disable: c.Disable,
		Settings: c.Settings, NameLimit: c.NameLimit}
}

// findConfig looks for a configuration file in dir and its parents.
func findConfig(dir string) string {
	for {
		for _, name := range ConfigNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// loadConfig merges the configuration file (explicit, or found upward from
// cwd), REPLYKIT_* variables and the flags that were set. It is the only
// place that touches viper.
func loadConfig(flags *pflag.FlagSet, explicit, cwd string) (*Config, error) {
	v := viper.NewWithOptions(viper.KeyDelimiter("::"))
	v.SetDefault("lang", "auto")
	v.SetDefault("format", "text")
	v.SetDefault("fail-on", "warning")
	v.SetDefault("extensions", DefaultExtensions)
	v.SetEnvPrefix("REPLYKIT")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()

	cfg := &Config{Settings: map[string]engine.Setting{}}
	path := explicit
	if path == "" {
		path = os.Getenv("REPLYKIT_CONFIG")
	}
	if path == "" {
		path = findConfig(cwd)
	}
	var fileDirs, fileTemplateDirs []string
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("config %s: %w", path, unwrapPath(err))
		}
		cfg.Path = path
		fc, err := validateConfig(path, data)
		if err != nil {
			return nil, err
		}
		cfg.Settings = fc.settings
		fileDirs = fc.ruleDirs
		fileTemplateDirs = fc.templateDirs
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
	}
	for key, flag := range map[string]string{"lang": "lang", "format": "format", "fail-on": "fail-on",
		"enable": "enable", "disable": "disable", "rule-dirs": "rules", "template-dirs": "templates"} {
		if f := flags.Lookup(flag); f != nil && f.Changed {
			if err := v.BindPFlag(key, f); err != nil {
				return nil, err
			}
		}
	}
	cfg.Lang = strings.TrimSpace(v.GetString("lang"))
	cfg.Format = strings.TrimSpace(v.GetString("format"))
	cfg.FailOn = strings.TrimSpace(v.GetString("fail-on"))
	cfg.Extensions = list(v, "extensions")
	cfg.Enable = list(v, "enable")
	cfg.Disable = list(v, "disable")
	cfg.NameLimit = v.GetInt("name-limit")

	// Folders from the file are relative to the file; from flags or the
	// environment, to the working directory.
	if f := flags.Lookup("rules"); (f != nil && f.Changed) || os.Getenv("REPLYKIT_RULE_DIRS") != "" {
		cfg.RuleDirs = list(v, "rule-dirs")
	} else {
		for _, d := range fileDirs {
			if !filepath.IsAbs(d) {
				d = filepath.Join(filepath.Dir(path), d)
			}
			cfg.RuleDirs = append(cfg.RuleDirs, d)
		}
	}
	if f := flags.Lookup("templates"); (f != nil && f.Changed) || os.Getenv("REPLYKIT_TEMPLATE_DIRS") != "" {
		cfg.TemplateDirs = list(v, "template-dirs")
	} else {
		for _, d := range fileTemplateDirs {
			if !filepath.IsAbs(d) {
				d = filepath.Join(filepath.Dir(path), d)
			}
			cfg.TemplateDirs = append(cfg.TemplateDirs, d)
		}
	}
	for i, e := range cfg.Extensions {
		if !strings.HasPrefix(e, ".") {
			cfg.Extensions[i] = "." + e
		}
		cfg.Extensions[i] = strings.ToLower(cfg.Extensions[i])
	}
	if _, err := lint.ParseSeverity(cfg.FailOn); err != nil && cfg.FailOn != "never" {
		return nil, usageErrorf("--fail-on %q: want error, warning, info or never", cfg.FailOn)
	}
	return cfg, nil
}

// list reads a list setting; from the environment or a flag it may be comma-separated.
func list(v *viper.Viper, key string) []string {
	var out []string
	for _, s := range v.GetStringSlice(key) {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// fileConfig is what validation keeps from the file: the parts that need positions.
type fileConfig struct {
	settings     map[string]engine.Setting
	ruleDirs     []string
	templateDirs []string
}

// validateConfig checks every key and type of a configuration file and
// reports problems as file:line:col.
func validateConfig(path string, data []byte) (*fileConfig, error) {
	fc := &fileConfig{settings: map[string]engine.Setting{}}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, rules.YAMLError(path, err)
	}
	if len(root.Content) == 0 {
		return fc, nil // an empty file configures nothing
	}
	var errs []error
	errorf := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d:%d: %s", path, n.Line, n.Column, fmt.Sprintf(format, args...)))
	}
	text := func(n *yaml.Node, key string) string {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			errorf(n, "%s: expected text", key)
			return ""
		}
		return n.Value
	}
	texts := func(n *yaml.Node, key string) []string {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			return []string{n.Value}
		}
		if n.Kind != yaml.SequenceNode {
			errorf(n, "%s: expected a list", key)
			return nil
		}
		var out []string
		for _, c := range n.Content {
			out = append(out, text(c, key))
		}
		return out
	}
	oneOf := func(n *yaml.Node, key string, allowed ...string) {
		if s := text(n, key); s != "" && !slices.Contains(allowed, s) {
			errorf(n, "%s: %q is not one of %s", key, s, strings.Join(allowed, ", "))
		}
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d:%d: expected settings (key: value), found something else", path, doc.Line, doc.Column)
	}
	known := []string{"lang", "format", "fail-on", "extensions", "rule-dirs", "template-dirs", "enable", "disable", "name-limit", "rules"}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, val := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "lang":
			text(val, k.Value)
		case "format":
			text(val, k.Value)
		case "fail-on":
			oneOf(val, k.Value, "error", "warning", "info", "never")
		case "extensions", "enable", "disable":
			texts(val, k.Value)
		case "rule-dirs":
			fc.ruleDirs = texts(val, k.Value)
		case "template-dirs":
			fc.templateDirs = texts(val, k.Value)
		case "name-limit":
			var n int
			if val.Kind != yaml.ScalarNode || val.Decode(&n) != nil || n < 1 {
				errorf(val, "name-limit: expected a whole number of 1 or more")
			}
		case "rules":
			if val.Kind != yaml.MappingNode {
				errorf(val, "rules: expected rule ids with settings, such as `apology.generic: {severity: error}`")
				continue
			}
			for j := 0; j+1 < len(val.Content); j += 2 {
				id, body := val.Content[j], val.Content[j+1]
				s := engine.Setting{Origin: fmt.Sprintf("%s:%d:%d", path, id.Line, id.Column)}
				if body.Kind != yaml.MappingNode {
					errorf(body, "rules.%s: expected settings (severity, disabled, options)", id.Value)
					continue
				}
				for m := 0; m+1 < len(body.Content); m += 2 {
					sk, sv := body.Content[m], body.Content[m+1]
					switch sk.Value {
					case "severity":
						sev, err := lint.ParseSeverity(text(sv, "severity"))
						if err != nil && sv.Kind == yaml.ScalarNode {
							errorf(sv, "rules.%s.severity: %v", id.Value, err)
						}
						s.Severity = sev
					case "disabled":
						if sv.Decode(&s.Disabled) != nil {
							errorf(sv, "rules.%s.disabled: expected true or false", id.Value)
						}
					case "options":
						if sv.Kind != yaml.MappingNode {
							errorf(sv, "rules.%s.options: expected a mapping such as {max: 3}", id.Value)
							continue
						}
						for o := 0; o+1 < len(sv.Content); o += 2 {
							ok, ov := sv.Content[o], sv.Content[o+1]
							if ok.Value != "max" {
								errorf(ok, "rules.%s.options: unknown option %q (want max)", id.Value, ok.Value)
								continue
							}
							var n int
							if ov.Decode(&n) != nil || n < 0 {
								errorf(ov, "rules.%s.options.max: expected a whole number of 0 or more", id.Value)
							}
							s.Max = &n
						}
					default:
						errorf(sk, "rules.%s: unknown setting %q (want severity, disabled or options)", id.Value, sk.Value)
					}
				}
				fc.settings[id.Value] = s
			}
		default:
			errorf(k, "unknown key %q (known keys: %s)", k.Value, strings.Join(known, ", "))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return fc, nil
}
