// Package config reads the user's config file (TOML: labels, annotator,
// theme, key bindings, label colours) and says where the XDG directories
// are. It is the one place that knows those paths, so the reader, the
// subcommands and the default annotation store agree on them. It does no
// other disk work.
package config
