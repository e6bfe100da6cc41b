package annotate

import (
	tea "charm.land/bubbletea/v2"

	"storydesk/tui/widgets"
)

// pickLabel opens the label picker (every label of the set, filter as you
// type, as brat's and doccano's label menus): the only way to labels past
// the nine number keys. tag runs with the chosen label's index.
func (f *Feature) pickLabel(tag func(i int) tea.Cmd) tea.Cmd {
	if len(f.c.Labels) == 0 {
		return nil
	}
	k := f.c.Keys
	p := widgets.NewPicker(f.c, f.host, widgets.PickerOpts{
		Title: "Label",
		Items: f.c.Labels,
		Hint: func(i int) string {
			if i < len(k.Labels) {
				return labelKeyName(k, i)
			}
			return " "
		},
		Paint: func(i int, text string) string { return f.c.Styles.Ann[1+i].Render(text) },
		Pick:  tag,
		Under: f.scr.View,
	})
	return f.host.Push(p)
}
