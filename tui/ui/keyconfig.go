package ui

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
)

// Rebind applies a config file's [keys] table. An action is named by its
// KeyMap field name in lower case ("quit", "pagedown", "wordnext", "tagall"),
// the line editor's keys by "input." and its field ("input.deleteword"), and
// the label keys by "label1" … "label9". Keys are named as Bubble Tea reports
// them ("ctrl+r", "shift+right", "space", "N"). The help shows the new keys.
// An unknown action name is an error listing the known ones.
func (k *KeyMap) Rebind(bindings map[string][]string) error {
	if len(bindings) == 0 {
		return nil
	}
	table := k.bindingTable()
	var unknown []string
	for name, keys := range bindings {
		b, ok := table[strings.ToLower(strings.TrimSpace(name))]
		if !ok {
			unknown = append(unknown, name)
			continue
		}
		var clean []string
		for _, s := range keys {
			if s = strings.TrimSpace(s); s != "" {
				clean = append(clean, s)
			}
		}
		if len(clean) == 0 {
			b.SetEnabled(false) // an empty list unbinds the action
			continue
		}
		b.SetKeys(clean...)
		b.SetHelp(strings.Join(clean, "/"), b.Help().Desc)
		b.SetEnabled(true)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return fmt.Errorf("[keys]: unknown action %s (known: %s)", strings.Join(quoteAll(unknown), ", "), strings.Join(k.ActionNames(), ", "))
	}
	return nil
}

// ActionNames lists the names Rebind accepts, sorted.
func (k *KeyMap) ActionNames() []string {
	t := k.bindingTable()
	names := make([]string, 0, len(t))
	for n := range t {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// bindingTable maps every action name to its binding in k.
func (k *KeyMap) bindingTable() map[string]*key.Binding {
	out := map[string]*key.Binding{}
	bt := reflect.TypeOf(key.Binding{})
	var walk func(v reflect.Value, prefix string)
	walk = func(v reflect.Value, prefix string) {
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f, fv := t.Field(i), v.Field(i)
			name := prefix + strings.ToLower(f.Name)
			switch {
			case f.Type == bt:
				out[name] = fv.Addr().Interface().(*key.Binding)
			case f.Type.Kind() == reflect.Array && f.Type.Elem() == bt:
				for j := 0; j < fv.Len(); j++ {
					out[strings.TrimSuffix(name, "s")+fmt.Sprint(j+1)] = fv.Index(j).Addr().Interface().(*key.Binding)
				}
			case f.Type.Kind() == reflect.Struct:
				walk(fv, name+".")
			}
		}
	}
	walk(reflect.ValueOf(k).Elem(), "")
	return out
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
