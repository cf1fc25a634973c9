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
	"github.com/replykit/replykit/internal/yamlx"
	"github.com/replykit/replykit/lint"
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
	Overrides    []engine.Override
}

// Engine returns the engine configuration.
func (c *Config) Engine() engine.Config {
	return engine.Config{Lang: c.Lang, RuleDirs: c.RuleDirs, Enable: c.Enable, Disable: c.Disable,
		Settings: c.Settings, NameLimit: c.NameLimit, Overrides: c.Overrides}
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
		cfg.Overrides = fc.overrides
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
	overrides    []engine.Override
}

// ruleSettings reads a rules: section: rule ids with severity, disabled, options.
func ruleSettings(r *yamlx.Reader, val *yaml.Node) map[string]engine.Setting {
	settings := map[string]engine.Setting{}
	r.Each(val, func(id string, idNode, body *yaml.Node) {
		s := engine.Setting{Origin: r.Pos(idNode)}
		r.Each(body, func(setting string, sk, sv *yaml.Node) {
			switch setting {
			case "severity":
				sev, err := lint.ParseSeverity(r.Text(sv))
				if err != nil && sv.Kind == yaml.ScalarNode && sv.Tag != "!!null" {
					r.Errorf(sv, "%v", err)
				}
				s.Severity = sev
			case "disabled":
				s.Disabled = r.Bool(sv)
			case "options":
				r.Each(sv, func(option string, ok, ov *yaml.Node) {
					if option != "max" {
						r.Errorf(ok, "unknown option %q (want max)", option)
						return
					}
					n := r.Int(ov, 0)
					s.Max = &n
				})
			default:
				r.Errorf(sk, "unknown setting %q (want severity, disabled or options)", setting)
			}
		})
		settings[id] = s
	})
	return settings
}

// validateConfig checks every key and type of a configuration file and
// reports problems as file:line:col.
func validateConfig(path string, data []byte) (*fileConfig, error) {
	fc := &fileConfig{settings: map[string]engine.Setting{}}
	doc, err := yamlx.Parse(path, 0, data)
	if err != nil || doc == nil {
		return fc, err // an empty file configures nothing
	}
	r := &yamlx.Reader{File: path, Paths: true}
	oneOf := func(n *yaml.Node, allowed ...string) {
		if s := r.Text(n); s != "" && !slices.Contains(allowed, s) {
			r.Errorf(n, "%q is not one of %s", s, strings.Join(allowed, ", "))
		}
	}
	known := []string{"lang", "format", "fail-on", "extensions", "rule-dirs", "template-dirs", "enable", "disable", "name-limit", "rules", "overrides"}
	r.Each(doc, func(key string, k, val *yaml.Node) {
		switch key {
		case "lang", "format":
			r.Text(val)
		case "fail-on":
			oneOf(val, "error", "warning", "info", "never")
		case "extensions", "enable", "disable":
			r.Texts(val)
		case "rule-dirs":
			fc.ruleDirs = r.Texts(val)
		case "template-dirs":
			fc.templateDirs = r.Texts(val)
		case "name-limit":
			r.Int(val, 1)
		case "rules":
			fc.settings = ruleSettings(r, val)
		case "overrides":
			if val.Kind != yaml.SequenceNode {
				r.Errorf(val, "expected a list of overrides, such as `- {paths: [legal/**], disable: [over-familiar]}`")
				return
			}
			for _, item := range val.Content {
				o := engine.Override{Dir: filepath.Dir(path)}
				r.Each(item, func(okey string, ok, ov *yaml.Node) {
					switch okey {
					case "paths":
						o.Paths = r.Texts(ov)
					case "enable":
						o.Enable = r.Texts(ov)
					case "disable":
						o.Disable = r.Texts(ov)
					case "rules":
						o.Settings = ruleSettings(r, ov)
					default:
						r.Errorf(ok, "unknown key %q in an override (want paths, enable, disable, rules)", okey)
					}
				})
				if item.Kind == yaml.MappingNode && len(o.Paths) == 0 {
					r.Errorf(item, "an override needs paths: the files it applies to")
				}
				fc.overrides = append(fc.overrides, o)
			}
		default:
			r.Errorf(k, "unknown key %q (known keys: %s)", key, strings.Join(known, ", "))
		}
	})
	if err := r.Err(); err != nil {
		return nil, err
	}
	return fc, nil
}
