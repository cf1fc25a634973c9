package templates

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

//go:embed library
var builtin embed.FS

// BuiltinPrefix marks the built-in library's files in messages.
const BuiltinPrefix = "builtin:"

// Library is a set of templates, indexed by id and language.
type Library struct {
	Templates []*Template // sorted by id, then language
}

// Builtin loads the embedded library.
func Builtin() (*Library, error) {
	sub, err := fs.Sub(builtin, "library")
	if err != nil {
		return nil, err
	}
	lib, errs := load(sub, BuiltinPrefix)
	return lib, errors.Join(errs...)
}

// LoadDir loads every template under dir. Files that fail to parse are
// returned as errors; the others are kept, so one bad file stops nothing.
func LoadDir(dir string) (*Library, []error) {
	st, err := os.Stat(dir)
	if err != nil {
		return &Library{}, []error{fmt.Errorf("%s: %w", dir, unwrapPath(err))}
	}
	if !st.IsDir() {
		return &Library{}, []error{fmt.Errorf("%s: not a folder", dir)}
	}
	return load(os.DirFS(dir), dir+string(filepath.Separator))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// load reads the templates of fsys; prefix is put before paths in messages.
func load(fsys fs.FS, prefix string) (*Library, []error) {
	lib := &Library{}
	var errs []error
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s%s: skipped: %w", prefix, p, unwrapPath(err)))
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".md") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s%s: %w", prefix, p, unwrapPath(err)))
			return nil
		}
		if !IsTemplate(src) {
			return nil // a README or a plain draft: not a template
		}
		t, err := ParseFile(prefix+p, p, src)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		lib.Templates = append(lib.Templates, t)
		return nil
	})
	if walkErr != nil {
		errs = append(errs, walkErr)
	}
	lib.sort()
	return lib, errs
}

func (l *Library) sort() {
	slices.SortStableFunc(l.Templates, func(a, b *Template) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(langOrder(a.Lang), langOrder(b.Lang)), cmp.Compare(a.File, b.File))
	})
}

// langOrder puts English first, then the others alphabetically.
func langOrder(lang string) string {
	if lang == "en" {
		return ""
	}
	return lang
}

// Merge returns a library with the templates of l and then those of others;
// a later template with the same id and language replaces an earlier one, so
// a team's folder can override a built-in template.
func Merge(libs ...*Library) *Library {
	out := &Library{}
	index := map[[2]string]int{}
	for _, l := range libs {
		if l == nil {
			continue
		}
		for _, t := range l.Templates {
			key := [2]string{t.ID, t.Lang}
			if i, ok := index[key]; ok && strings.HasPrefix(out.Templates[i].File, BuiltinPrefix) {
				out.Templates[i] = t
				continue
			}
			index[key] = len(out.Templates)
			out.Templates = append(out.Templates, t)
		}
	}
	out.sort()
	return out
}

// Find returns the template with id in lang; with lang "", the English one,
// else the first. It returns nil when there is none.
func (l *Library) Find(id, lang string) *Template {
	var first *Template
	for _, t := range l.Templates {
		if t.ID != id {
			continue
		}
		if t.Lang == lang || (lang == "" && t.Lang == "en") {
			return t
		}
		if first == nil && lang == "" {
			first = t
		}
	}
	return first
}

// IDs returns the distinct template ids, sorted.
func (l *Library) IDs() []string {
	var ids []string
	for _, t := range l.Templates {
		if len(ids) == 0 || ids[len(ids)-1] != t.ID {
			ids = append(ids, t.ID)
		}
	}
	return ids
}

// Translations returns the templates with the same id as t, t included.
func (l *Library) Translations(id string) []*Template {
	var out []*Template
	for _, t := range l.Templates {
		if t.ID == id {
			out = append(out, t)
		}
	}
	return out
}
