// Package session ties the reader to the annotation store: every store call
// runs in a tea.Cmd; writes go through one queue, one at a time and in key
// order, and an action is shown as done only when its answer comes back with
// the documents re-read from the store. It also caches what the screens
// need from the store (documents, statuses, snapshot hashes, review counts)
// and saves the reader's place across runs. It draws nothing.
package session
