// Package tui is storydesk's terminal reader, built on Bubble Tea v2.
//
// The root model (New) owns the layout and routes keys; each pane is a
// component with SetSize, Update, View and help bindings, sharing one common
// context (size, styles, keymap, background) rather than globals. Everything
// slow — reading the corpus, loading an article, rendering markdown, filtering
// 100k titles — runs in tea.Cmds and comes back as typed messages, so the
// update loop only ever does work proportional to what is on screen.
//
// Text shown here comes from untrusted files. It has been sanitised at load
// (model.Sanitize); the view boundary sanitises again, escapes it before it
// reaches glamour, and keeps only SGR styling from glamour's output.
package tui
